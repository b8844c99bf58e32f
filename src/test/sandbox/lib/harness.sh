# The library of the sandbox harness (src/test/sandbox/run-scenario.sh) and the VM harness
# (src/native-test/vm/run-vm.sh): what does not depend on what boots the init. This file holds
# arguments and errors, paths, the scenario's config, polling and timers, and the cleanup at
# exit; it sources the other shared parts, next to it: mock-imds.sh (the mock IMDS),
# test-root.sh (the busybox root both boot) and console.sh (streaming, judging and reporting the
# console). Sourced, not run. The caller sets `harness` (its name, which prefixes its messages)
# and `repo` (the repository's root, where this library and target/ are) before sourcing, and
# defines teardown() (see arm_cleanup). Functions set and read the caller's variables by the
# names given below; POSIX sh has no locals.

# ip, chroot and depmod live in sbin, which a non-login or CI shell's PATH may lack.
PATH=${PATH}:/usr/sbin:/sbin

usage()
{
    echo "usage: ${0} SCENARIO_DIR" >&2
    exit 2
}

# Usage and setup errors exit 2, so that a caller tells them from a scenario that failed (1).
die()
{
    echo "${harness}: ${*}" >&2
    exit 2
}

# Relative paths in the environment are taken from the caller's directory, defaults from the
# repository, so the harness runs from anywhere.
absolute()
{
    (cd "${1}" 2>/dev/null && pwd) || die "no such directory: ${1}"
}

# start_harness WHY_ROOT ARG...: the one argument, the scenario directory, as `scenario` (absolute)
# and `name`; both harnesses need root, for the reason given.
start_harness()
{
    why_root=${1}
    shift
    [ "$#" -eq 1 ] || usage
    [ "$(id -u)" -eq 0 ] || die "must run as root (${why_root})"
    scenario=$(absolute "${1}")
    name=$(basename "${scenario}")
}

# find_jdk PROGRAM WITH: `java_home`, the JDK at JAVA_HOME (default Temurin 25), which must have
# bin/PROGRAM; WITH says so in the error ("" or " with jlink").
find_jdk()
{
    JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
    [ -x "${JAVA_HOME}/bin/${1}" ] || die "no JDK${2} at JAVA_HOME=${JAVA_HOME}"
    java_home=$(absolute "${JAVA_HOME}")
}

# need_tools HINT TOOL...: dies at the first TOOL missing from PATH, with HINT (what to install).
need_tools()
{
    hint=${1}
    shift
    for tool in "$@"; do
        command -v "${tool}" >/dev/null 2>&1 || die "${tool} not found (${hint})"
    done
}

# The config is data, not a script: read KEY=VALUE lines without evaluating them. The last line
# of a key wins; config_get KEY DEFAULT prints its value or DEFAULT.
config_get()
{
    value=""
    if [ -f "${scenario}/config" ]; then
        value=$(sed -n "s/^[[:space:]]*${1}=//p" "${scenario}/config" | tail -n 1)
    fi
    printf '%s' "${value:-${2}}"
}

# read_config DEFAULT_TIMEOUT: the keys both harnesses read, checked before anything starts:
# `timeout` (TIMEOUT), `nic_count` (NIC_COUNT) and `spot_delay` (SPOT_TERMINATION_DELAY).
read_config()
{
    timeout=$(config_get TIMEOUT "${1}")
    nic_count=$(config_get NIC_COUNT 1)
    spot_delay=$(config_get SPOT_TERMINATION_DELAY 0)
    for number in "${timeout}" "${nic_count}" "${spot_delay}"; do
        case "${number}" in
            '' | *[!0-9]*) die "${scenario}/config: expected a whole number, got '${number}'" ;;
        esac
    done
    [ "${nic_count}" -ge 1 ] || die "${scenario}/config: NIC_COUNT must be at least 1"
}

# check_config_keys KEY...: dies on a config key this harness cannot honour, naming it (ENV_* keys
# always can): a key quietly ignored would hide why a scenario behaves differently here.
check_config_keys()
{
    [ -f "${scenario}/config" ] || return 0
    for key in $(sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\)=.*$/\1/p' "${scenario}/config"); do
        case "${key}" in
            ENV_*) continue ;;
        esac
        case " ${*} " in
            *" ${key} "*) ;;
            *) die "${scenario}/config: ${key} is not a key ${harness} can honour (it knows ${*} and ENV_*)" ;;
        esac
    done
}

# read_send_signal: `signal` and `signal_delay` from the config's SEND_SIGNAL=SIG@SECONDS (the
# signal by name, with or without SIG, or by number), empty without one.
read_send_signal()
{
    send_signal=$(config_get SEND_SIGNAL "")
    signal=""
    signal_delay=""
    [ -n "${send_signal}" ] || return 0
    case "${send_signal}" in
        *@*) ;;
        *) die "${scenario}/config: SEND_SIGNAL must be SIGNAL@SECONDS, got '${send_signal}'" ;;
    esac
    signal=${send_signal%@*}
    signal=${signal#SIG}
    signal_delay=${send_signal#*@}
    case "${signal_delay}" in
        '' | *[!0-9.]*) die "${scenario}/config: SEND_SIGNAL delay must be seconds, got '${signal_delay}'" ;;
    esac
}

alive()
{
    # A finished child stays a zombie until waited for, and kill -0 succeeds on zombies.
    state=$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/${1}/stat" 2>/dev/null || true)
    [ -n "${state}" ] && [ "${state}" != Z ]
}

# await PID POLLS STEP MESSAGE READY LOG...: runs READY (a command without arguments) every STEP
# seconds until it succeeds. A helper that has died never gets ready, and one that takes more
# than POLLS steps is stuck: then the LOGs that exist go to stderr and the harness dies with
# MESSAGE.
await()
{
    await_pid=${1}
    polls=${2}
    step=${3}
    message=${4}
    ready_test=${5}
    shift 5
    waited=0
    until ${ready_test}; do
        if ! alive "${await_pid}" || [ "${waited}" -ge "${polls}" ]; then
            cat "$@" >&2 2>/dev/null || true
            die "${message}"
        fi
        sleep "${step}"
        waited=$((waited + 1))
    done
}

# wait_while_alive PID STEP CONDITION...: waits for CONDITION (a command and its arguments),
# checking every STEP seconds; fails as soon as PID has ended, since then nothing is left to act
# on.
wait_while_alive()
{
    watched=${1}
    step=${2}
    shift 2
    until "$@"; do
        alive "${watched}" || return 1
        sleep "${step}"
    done
}

# Timers poll in short steps so nothing outlives the run sleeping. A run's time limit is counted
# in steps (`countdown`, then steps_left) or against the clock (`deadline` in epoch seconds, then
# before_deadline), which a loaded machine cannot stretch as it stretches short sleeps.
steps_left()
{
    [ "${countdown}" -gt 0 ] || return 1
    countdown=$((countdown - 1))
}

before_deadline()
{
    [ "$(date +%s)" -lt "${deadline}" ]
}

# start_watchdog PID STEP TIME_LEFT EXPIRE: in the background, while PID lives and TIME_LEFT
# (steps_left or before_deadline) says so, sleeps STEP seconds at a time; when time is up, marks
# the run timed out (${work}/timed-out) and runs EXPIRE, which ends PID. Sets `watchdog_pid`.
start_watchdog()
{
    (
        while ${3}; do
            sleep "${2}"
            alive "${1}" || exit 0
        done
        : >"${work}/timed-out"
        ${4}
    ) </dev/null >/dev/null 2>&1 &
    watchdog_pid=$!
}

# seconds_between START END: the time between two `date +%s.%N` readings, to a tenth.
seconds_between()
{
    awk -v a="${1}" -v b="${2}" 'BEGIN { printf "%.1f", b - a }'
}

# stop SIGNAL PID...: sends SIGNAL to each PID and reaps it; an empty PID is a helper that was
# never started (or already reaped), and is passed over.
stop()
{
    stop_signal=${1}
    shift
    for pid in "$@"; do
        [ -n "${pid}" ] || continue
        kill -s "${stop_signal}" "${pid}" 2>/dev/null || true
        wait "${pid}" 2>/dev/null || true
    done
}

# new_run KIND: this run's `id` (the harness's pid, which names its namespaces too), its `work`
# directory, target/KIND/<scenario>-<id>, and the `console` file in it. The helpers this library
# starts (mock IMDS, watchdog, console streamer) have no pid yet.
new_run()
{
    id=$$
    work=${repo}/target/${1}/${name}-${id}
    console=${work}/console.log
    imds_pid=""
    watchdog_pid=""
    streamer_pid=""
}

# arm_cleanup: from here on, however the harness ends (an error, a signal from a caller that
# gave up on it), the caller's teardown() stops what it started, in the order that needs, and
# the work directory goes (KEEP=1: stays, and is named). An interrupted run exits 1. The work
# directory is made anew: one left by an earlier run with the same pid would carry its markers.
arm_cleanup()
{
    trap on_exit EXIT
    trap 'exit 1' INT TERM HUP
    rm -rf --one-file-system "${work}"
    mkdir -p "${work}"
}

on_exit()
{
    trap - EXIT INT TERM HUP
    teardown
    if [ "${keep}" = 1 ]; then
        echo "${harness}: kept ${work}" >&2
    else
        rm -rf --one-file-system "${work}"
    fi
}

# shellcheck source=src/test/sandbox/lib/mock-imds.sh
. "${repo}/src/test/sandbox/lib/mock-imds.sh"
# shellcheck source=src/test/sandbox/lib/test-root.sh
. "${repo}/src/test/sandbox/lib/test-root.sh"
# shellcheck source=src/test/sandbox/lib/console.sh
. "${repo}/src/test/sandbox/lib/console.sh"
