#!/bin/sh
# Boots the benchmark scenario RUNS times in the sandbox and reports, per run and as
# min/median/max: the init's own "boot completed in N ms" (its phases), how long after PID 1 was
# started the command began (process start, re-exec and boot), the wall time of the whole sandbox
# boot (namespaces, boot, command, shutdown, power-off), and the init's resident memory.
#
# Usage: boot-bench.sh [RUNS]   (as root; INIT_COMMAND and the rest as for run-scenario.sh)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-5}
results=$(mktemp)
trap 'rm -f "${results}"' EXIT

i=1
while [ "${i}" -le "${runs}" ]; do
    out=$(sh "${here}/../sandbox/run-scenario.sh" "${here}/boot" 2>&1) || {
        echo "${out}" >&2
        echo "boot-bench: run ${i} failed" >&2
        exit 1
    }
    boot_ms=$(echo "${out}" | sed -n 's/.*boot completed in \([0-9]*\) ms.*/\1/p')
    wall_s=$(echo "${out}" | sed -n 's/^RESULT .*, \([0-9.]*\)s)$/\1/p')
    rss_kb=$(echo "${out}" | sed -n 's/^bench: init VmRSS: \([0-9]*\) kB.*/\1/p')
    command_ms=$(echo "${out}" | sed -n 's/^bench: command started \([0-9]*\) ms after PID 1.*/\1/p')
    echo "run ${i}: boot ${boot_ms} ms, command at ${command_ms} ms, sandbox wall ${wall_s} s, init RSS ${rss_kb} kB"
    echo "${boot_ms} ${wall_s} ${rss_kb} ${command_ms}" >>"${results}"
    i=$((i + 1))
done

summary()
{
    column=${1}
    label=${2}
    cut -d' ' -f"${column}" "${results}" | sort -n | awk -v label="${label}" '
        { v[NR] = $1 }
        END { printf "%-22s min %s  median %s  max %s\n", label, v[1], v[int((NR + 1) / 2)], v[NR] }'
}

echo "--- ${runs} runs"
summary 1 "boot completed (ms)"
summary 4 "command started (ms)"
summary 2 "sandbox wall (s)"
summary 3 "init RSS (kB)"
