#!/bin/sh
# make bench: boots the benchmark scenario (boot/) RUNS times per artifact in the sandbox,
# alternating the JVM build (target/quarkus-app on the host's JDK) and the native executable
# (target/native), so that both see the same machine load; prints each run, then the two side by
# side, and writes target/bench.json (dev.easyto.init.bench.BenchMain writes both, tested by the
# unit tests of that package). Per artifact: when the command started after the init was exec'd
# as PID 1 (median, p95; the harness records that moment, see boot/user-data.yaml: PID 1's
# process starts earlier, with the harness's own setup in it), the boot's duration and each phase's
# (medians, from the runs' boot traces), PID 1's resident memory while it supervises the command
# (median), and the size of what a user installs. Then the fetch benchmark (fetch/: 20 SSM
# parameters and 10 secrets as env-from, against moto_server) FETCH_RUNS times per artifact: the
# wall time of those fetches against the slowest single one and their sum (medians), as the init's
# "env-from: N fetches side by side" line says.
#
# Usage: boot-bench.sh [RUNS]   (as root; RUNS defaults to 20; JAVA_HOME as for run-scenario.sh)
# Environment: BENCH_JSON (default target/bench.json), FETCH_RUNS (default 5; each starts a
# moto_server)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../../.." && pwd)
runs=${1:-20}
fetch_runs=${FETCH_RUNS:-5}
out=${BENCH_JSON:-${repo}/target/bench.json}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f "${repo}/target/quarkus-app/quarkus-run.jar" ] && [ -d "${repo}/target/test-classes/dev/easyto/init/bench" ] || {
    echo "boot-bench: no JVM build in target/ (run: make build)" >&2
    exit 2
}
[ -x "${repo}/target/native/easyto-init" ] || {
    echo "boot-bench: no native executable in target/native (run: make native)" >&2
    exit 2
}
work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT

# boot ARTIFACT RUN: one sandbox boot, its figures appended to results and its trace kept. The
# native one is named by INIT_COMMAND and friends rather than ARTIFACT=native, which an older
# run-scenario.sh lacks; both say the same.
boot()
{
    status=0
    if [ "${1}" = native ]; then
        output=$(KEEP=1 REPORT_BOOT=0 ARTIFACT=native APP_DIR="${repo}/target/native" \
            INIT_COMMAND=/.easyto/app/easyto-init INIT_ENV=LD_LIBRARY_PATH=/.easyto/app/lib \
            sh "${repo}/src/test/sandbox/run-scenario.sh" "${here}/boot" 2>&1) || status=$?
    else
        output=$(KEEP=1 REPORT_BOOT=0 sh "${repo}/src/test/sandbox/run-scenario.sh" "${here}/boot" 2>&1) \
            || status=$?
    fi
    kept=$(echo "${output}" | sed -n 's/^run-scenario: kept //p')
    trace=${work}/${1}-${2}.json
    if [ -n "${kept}" ]; then
        cp "${kept}/out/boot-trace.json" "${trace}" 2>/dev/null || true
        rm -rf --one-file-system "${kept}"
    fi
    command_ms=$(echo "${output}" | sed -n "s/^bench: command started \\([0-9]*\\) ms after the init's exec.*/\\1/p")
    process_ms=$(echo "${output}" | sed -n 's/^bench: command started \([0-9]*\) ms after PID 1.*/\1/p')
    rss_kb=$(echo "${output}" | sed -n 's/^bench: init VmRSS: \([0-9]*\) kB.*/\1/p')
    if [ "${status}" -ne 0 ] || [ -z "${command_ms}" ] || [ -z "${rss_kb}" ] || [ ! -f "${trace}" ]; then
        echo "${output}" >&2
        echo "boot-bench: ${1} run ${2} failed" >&2
        exit 1
    fi
    echo "${1} run ${2}: command at ${command_ms} ms after the init's exec (${process_ms} ms after PID 1's process, harness setup included), PID 1 RSS ${rss_kb} kB"
    echo "${1} ${command_ms} ${rss_kb} ${trace}" >>"${work}/results"
}

# fetch ARTIFACT RUN: one boot of the fetch benchmark, its figures appended to fetches.
fetch()
{
    status=0
    if [ "${1}" = native ]; then
        output=$(REPORT_BOOT=0 ARTIFACT=native APP_DIR="${repo}/target/native" \
            INIT_COMMAND=/.easyto/app/easyto-init INIT_ENV=LD_LIBRARY_PATH=/.easyto/app/lib \
            sh "${repo}/src/test/sandbox/run-scenario.sh" "${here}/fetch" 2>&1) || status=$?
    else
        output=$(REPORT_BOOT=0 sh "${repo}/src/test/sandbox/run-scenario.sh" "${here}/fetch" 2>&1) || status=$?
    fi
    figures=$(echo "${output}" \
        | sed -n 's/^info: env-from: \([0-9]*\) fetches side by side in \([0-9]*\) ms, the slowest \([0-9]*\) ms, \([0-9]*\) ms together$/\1 \2 \3 \4/p')
    if [ "${status}" -ne 0 ] || [ -z "${figures}" ]; then
        echo "${output}" >&2
        echo "boot-bench: ${1} fetch run ${2} failed" >&2
        exit 1
    fi
    # shellcheck disable=SC2086 # the four figures, split into words on purpose
    set -- "${1}" "${2}" ${figures}
    echo "${1} fetch run ${2}: ${3} fetches side by side in ${4} ms, the slowest ${5} ms, ${6} ms together"
    echo "${1} ${3} ${4} ${5} ${6}" >>"${work}/fetches"
}

# files_size PATH...: the bytes of the regular files under PATH..., as a user's disk holds them.
files_size()
{
    find "$@" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'
}

# native_size, jvm_size: `size` and `size_of`, what a user installs of each.
native_size()
{
    size=$(files_size "${repo}/target/native")
    if [ -d "${repo}/target/native/lib" ]; then
        size_of="target/native: easyto-init and lib/ (the JDK libraries the graalvm-here stand-in links)"
    else
        size_of="target/native/easyto-init"
    fi
}

jvm_size()
{
    tarball=$(ls "${repo}"/target/release/*.tar.gz 2>/dev/null | head -n 1 || true)
    if [ -n "${tarball}" ]; then
        size=$(tar -tzvf "${tarball}" | awk '{ s += $3 } END { print s + 0 }')
        size_of="${tarball#"${repo}/"} unpacked"
    else
        # The runtime the VM boots carry (made once and kept in target/vm/), and the application.
        id=$$
        # shellcheck source=src/native-test/vm/lib/initramfs.sh
        . "${repo}/src/native-test/vm/lib/initramfs.sh"
        guest_runtime
        size=$(files_size "${jre}" "${repo}/target/quarkus-app")
        size_of="jlinked runtime (initramfs.sh guest_runtime) and target/quarkus-app; no target/release/*.tar.gz"
    fi
}

i=1
while [ "${i}" -le "${runs}" ]; do
    boot jvm "${i}"
    boot native "${i}"
    i=$((i + 1))
done

i=1
while [ "${i}" -le "${fetch_runs}" ]; do
    fetch jvm "${i}"
    fetch native "${i}"
    i=$((i + 1))
done

jvm_size
jvm_arg="jvm=${size}=${size_of}"
native_size
echo "--- ${out}"
"${java_home}/bin/java" -cp "${repo}/target/test-classes:${repo}/target/classes:${repo}/target/quarkus-app/lib/main/*" \
    dev.easyto.init.bench.BenchMain "${work}/results" "${out}" "--fetches=${work}/fetches" "${jvm_arg}" \
    "native=${size}=${size_of}"
