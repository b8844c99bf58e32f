# The console of a boot, as both harnesses treat it: streamed while it runs (VERBOSE=1), cleaned,
# judged the way upstream's QEMU harness judges it, and reported with the RESULT line callers
# parse (SandboxHarnessIT, VmBootIT, boot-bench.sh). Sourced by harness.sh; the harness sets
# `console` (the raw console file, new_run), `work`, `scenario`, `name` and `verbose`, and
# `result` and `power_off` before require_power_off and report.

# What a terminal makes of the console: no escape sequences, no carriage returns.
strip_terminal='s/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g'

# stream_console PID STEP: follows the console to stdout while PID runs, polling every STEP
# seconds; sets `streamer_pid`.
stream_console()
{
    tail -n +1 -s "${2}" -f --pid="${1}" "${console}" | sed -u "${strip_terminal}" &
    streamer_pid=$!
}

# clean_console: `clean`, the console as a terminal shows it, which the judgement reads.
clean_console()
{
    clean=${work}/console.clean
    sed "${strip_terminal}" "${console}" >"${clean}"
}

# Judges the cleaned console and prints PASS, FAIL or UNKNOWN. Upstream's way first: with an
# expected-output file every non-blank line must be found (fixed strings), else a line exactly PASS
# passes. Stricter than upstream, so that a broken feature cannot pass: any line starting with FAIL
# fails the scenario, expected-output or not, PASS or not (upstream ignores a command's FAIL lines
# when the scenario has an expected-output file). Lines of our unexpected-output file must not
# appear (a SIGKILL where the grace period should have sufficed, a command that ran after a fatal
# error). Reasons go to ${work}/harness.log.
judge_console()
{
    verdict=UNKNOWN
    if [ -f "${scenario}/expected-output" ]; then
        verdict=PASS
        while IFS= read -r line || [ -n "${line}" ]; do
            [ -n "${line}" ] || continue
            if ! grep -qF -e "${line}" "${clean}"; then
                echo "${harness}: expected output not found: ${line}" >>"${work}/harness.log"
                verdict=FAIL
            fi
        done <"${scenario}/expected-output"
    elif grep -qx 'PASS' "${clean}"; then
        verdict=PASS
    fi
    if grep -q '^FAIL' "${clean}"; then
        grep '^FAIL' "${clean}" | sed "s/^/${harness}: failure reported: /" >>"${work}/harness.log"
        verdict=FAIL
    fi
    if [ -f "${scenario}/unexpected-output" ]; then
        while IFS= read -r line || [ -n "${line}" ]; do
            if [ -n "${line}" ] && grep -qF -e "${line}" "${clean}"; then
                echo "${harness}: unexpected output found: ${line}" >>"${work}/harness.log"
                verdict=FAIL
            fi
        done <"${scenario}/unexpected-output"
    fi
    echo "${verdict}"
}

# report_boot: the init's boot trace (out/boot-trace.json), read by the booted build's own
# `analyze`: its blame printed after the RESULT line; trace, chart and console kept in
# ${BOOT_REPORTS:-target/sandbox-boots}/<scenario>/. REPORT_BOOT=0 turns it off (the Java tests keep
# their own reports).
report_boot()
{
    trace=${work}/out/boot-trace.json
    [ "${REPORT_BOOT:-1}" = 1 ] && [ -f "${trace}" ] && [ -n "${app_dir:-}" ] || return 0
    kept=${BOOT_REPORTS:-${repo}/target/sandbox-boots}/${name}
    mkdir -p "${kept}"
    cp "${clean}" "${kept}/console.log"
    cp "${trace}" "${kept}/boot-trace.json"
    if [ -x "${app_dir}/easyto-init" ]; then
        analyze="${app_dir}/easyto-init analyze"
    else
        analyze="${java_home}/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar ${app_dir}/quarkus-run.jar analyze"
    fi
    ${analyze} blame "${trace}" || echo "${harness}: analyze blame failed" >&2
    ${analyze} plot "${trace}" >"${kept}/boot-chart.svg" || echo "${harness}: analyze plot failed" >&2
}

# require_power_off NOTE: a boot passes only if it also powered off; one that did not (and did
# not time out, which says so already) fails, with NOTE in the harness's notes.
require_power_off()
{
    if [ "${power_off}" = no ] && [ "${result}" != TIMEOUT ]; then
        echo "${harness}: ${1}" >>"${work}/harness.log"
        [ "${result}" != PASS ] || result=FAIL
    fi
}

# report DETAILS LOG...: the console (unless it was streamed), when the scenario did not pass the
# named logs of the work directory (LOG.log) that are not empty, the harness's notes, then
# `RESULT <name> <result> (power-off: yes|no, DETAILS)`.
report()
{
    details=${1}
    shift
    [ "${verbose}" = 1 ] || cat "${clean}"
    if [ "${result}" != PASS ]; then
        for log in "$@"; do
            if [ -s "${work}/${log}.log" ]; then
                echo "${harness}: ${log}.log:" >&2
                cat "${work}/${log}.log" >&2
            fi
        done
    fi
    [ ! -f "${work}/harness.log" ] || cat "${work}/harness.log" >&2
    echo "RESULT ${name} ${result} (power-off: ${power_off}, ${details})"
}
