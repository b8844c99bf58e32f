#!/bin/sh
# Boots the benchmark scenario RUNS times in the sandbox and reports, per run and as
# min/median/max: the init's own "boot completed in N ms" (its phases), how long after PID 1 was
# started the command began (process start, re-exec and boot), the wall time of the whole sandbox
# boot (namespaces, boot, command, shutdown, power-off), and the init's resident memory; then each
# phase's duration, read from the runs' boot traces by the init's own trace reader (analyze blame).
#
# Usage: boot-bench.sh [RUNS]   (as root; INIT_COMMAND and the rest as for run-scenario.sh)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../../.." && pwd)
runs=${1:-5}
results=$(mktemp)
traces=$(mktemp -d)
trap 'rm -rf "${results}" "${traces}"' EXIT
java=${JAVA_HOME:+${JAVA_HOME}/bin/}java
app="${java} -jar ${repo}/target/quarkus-app/quarkus-run.jar"

# keep_trace RUN OUTPUT: the boot trace of a run the harness kept, copied; its work directory goes.
keep_trace()
{
    work=$(echo "${2}" | sed -n 's/^run-scenario: kept //p')
    [ -n "${work}" ] || return 0
    if [ -f "${work}/out/boot-trace.json" ]; then
        cp "${work}/out/boot-trace.json" "${traces}/run-${1}.json"
    fi
    rm -rf --one-file-system "${work}"
}

i=1
while [ "${i}" -le "${runs}" ]; do
    status=0
    out=$(KEEP=1 sh "${here}/../sandbox/run-scenario.sh" "${here}/boot" 2>&1) || status=$?
    keep_trace "${i}" "${out}"
    [ "${status}" -eq 0 ] || {
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

# Per phase: "550 ms   +513 ms  resolve-env  done" lines of analyze blame, longest median first.
echo "--- per phase (ms)"
for trace in "${traces}"/run-*.json; do
    ${app} analyze blame "${trace}" | awk '$2 == "ms" && $4 == "ms" { print $5, $1 }'
done | sort -k1,1 -k2,2n | awk '
    !($1 in count) { order[++phases] = $1 }
    { count[$1]++; v[$1, count[$1]] = $2 }
    END {
        for (p = 1; p <= phases; p++) {
            name = order[p]
            n = count[name]
            printf "%-22s min %s  median %s  max %s\n", name, v[name, 1], v[name, int((n + 1) / 2)], v[name, n]
        }
    }' | sort -k5,5nr -k1,1
