#!/bin/sh
# Boots an init as PID 1 of fresh pid/mount/uts/ipc namespaces, chrooted into a test root, in a
# network namespace whose only way out is a veth pair to a second namespace that plays the VPC
# (DHCP from dnsmasq, the mock IMDS at 169.254.169.254). Judges the console the way upstream's QEMU
# harness does.
#
# Usage: run-scenario.sh SCENARIO_DIR
# Environment:
#   ARTIFACT           which build of the init is PID 1: jvm (default: the application,
#                      target/quarkus-app, on the host's JDK at /.easyto/jdk) or native (the
#                      native executable and its lib/ from target/native, which make native lays
#                      out); sets the defaults of the next three
#   INIT_COMMAND       command line exec'd as PID 1 inside the root (split on blanks, no
#                      quoting)
#   APP_DIR            shown read-only at /.easyto/app (default target/quarkus-app, native:
#                      target/native)
#   TEST_CLASSES       classpath of the mock IMDS (default target/test-classes)
#   INIT_ENV           extra KEY=VALUE words for the init's environment (default with the
#                      default INIT_COMMAND: LD_LIBRARY_PATH=/.easyto/jdk/lib, native:
#                      LD_LIBRARY_PATH=/.easyto/app/lib; see below)
#   JAVA_HOME          the JDK for the mock and, at /.easyto/jdk, for the init
#   ROOT_OVERLAY       extra directory copied over the root before the scenario's overlay
#   PRECONFIGURE_NET   0 (default): the init configures its network itself, by DHCP; 1: the
#                      harness also gives eth0 10.0.2.15/24, a default route and
#                      /etc/resolv.conf, for an init that does no DHCP
#   REPORT_BOOT=0      do not print the boot's blame nor keep its trace and chart (default 1:
#                      in target/sandbox-boots/<scenario>/, or BOOT_REPORTS)
#   KEEP=1             keep the work directory (out/boot-trace.json in it is the init's boot
#                      trace); VERBOSE=1 stream the console while it runs
# Scenario files: user-data.yaml | user-data.gz | user-data-source.yaml, expected-output,
# unexpected-output (lines that must not appear; judged in lib/console.sh),
# overlay/, owners ("uid:gid /path" lines: what a workload left; lib/test-root.sh),
# metadata.json, imds/ (extra meta-data), config (KEY=VALUE: TIMEOUT, NIC_COUNT,
# SPOT_TERMINATION_DELAY, SEND_SIGNAL=SIG@SECONDS, INIT_ARGS=WORDS (the init's arguments, as the
# kernel passes it the words of its command line it does not know), POWERDOWN_AFTER=TEXT (signal 38, EC2's stop,
# once the console shows TEXT), ENV_NAME=VALUE, USE_AWS=1 or upstream's
# USE_LOCALSTACK=1, SERVICES_FROM_HOST=1 or 0, see lib/host-services.sh; AWS_THROTTLE=SHARE (0 to
# 1: that share of the init's AWS calls answered by aws-throttle.py, a proxy in front of
# moto_server, with AWS_THROTTLE_WITH=throttling (ThrottlingException, S3's SlowDown; the
# default) or 503, in runs of AWS_THROTTLE_BURST=N calls, default 1), DHCP_DELAY=SECONDS (dnsmasq starts that long after the init)), imds-faults
# (faults of the mock IMDS, one per line: `unreachable SECONDS` (connections refused for the first
# SECONDS), `PATH status CODE,CODE...`, `PATH drop COUNT`, `PATH garbage COUNT`, `PATH delay
# SECONDS [COUNT]`, PATH `*` for every path; see dev.easyto.init.imds.ImdsFaults), aws-setup.sh
# (seeds the AWS emulator, see lib/vpc.sh), after-boot.sh (checks the root once the init has powered off: the
# root is then an ext4 image that outlives the sandbox, and `sh after-boot.sh ROOT_DIR` runs on the
# host with it mounted read-only; a failure or a FAIL line fails the scenario; see
# lib/kept-root.sh; the VM harness refuses such a scenario).
# Exit status: 0 if the scenario passed, 1 otherwise, 2 on usage or setup errors.
#
# The work is done by what this sources from lib/, next to this script: harness.sh, the library it
# shares with the VM harness (src/native-test/vm/run-vm.sh), with its parts mock-imds.sh,
# test-root.sh and console.sh; and the sandbox's own parts: vpc.sh (the VPC namespace, dnsmasq,
# moto_server), host-services.sh (chronyd and sshd for the service scenarios) and sandbox.sh (the
# namespaces the init boots in, the host state it may change). This script says in what order.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../../.." && pwd)
harness=run-scenario
# shellcheck source=src/test/sandbox/lib/harness.sh
. "${here}/lib/harness.sh"
# shellcheck source=src/test/sandbox/lib/vpc.sh
. "${here}/lib/vpc.sh"
# shellcheck source=src/test/sandbox/lib/host-services.sh
. "${here}/lib/host-services.sh"
# shellcheck source=src/test/sandbox/lib/sandbox.sh
. "${here}/lib/sandbox.sh"
# shellcheck source=src/test/sandbox/lib/kept-root.sh
. "${here}/lib/kept-root.sh"

start_harness "network namespaces, mounts, chroot" "$@"
find_jdk java ""
artifact=${ARTIFACT:-jvm}
case "${artifact}" in
    jvm)
        default_app_dir=${repo}/target/quarkus-app
        default_command="/.easyto/jdk/bin/java -Xrs -XX:+DisableAttachMechanism -XX:-UsePerfData -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -jar /.easyto/app/quarkus-run.jar"
        # The java launcher finds libjli.so through its $ORIGIN rpath, which glibc resolves by
        # reading /proc/self/exe: PID 1 starts before anything mounted /proc.
        default_env=LD_LIBRARY_PATH=/.easyto/jdk/lib
        build_hint="mvn -q package -DskipTests"
        ;;
    native)
        default_app_dir=${repo}/target/native
        default_command=/.easyto/app/easyto-init
        # The same for the JDK libraries a stand-in build links (src/native-test/README.md).
        default_env=LD_LIBRARY_PATH=/.easyto/app/lib
        build_hint="make native"
        ;;
    *) die "ARTIFACT=${artifact}: expected jvm or native" ;;
esac
# A stand-in init (INIT_COMMAND) may not need the application, the default one does.
app_dir=${APP_DIR:-${default_app_dir}}
if [ -d "${app_dir}" ]; then
    app_dir=$(absolute "${app_dir}")
elif [ -z "${INIT_COMMAND:-}" ] || [ -n "${APP_DIR:-}" ]; then
    die "no ${artifact} build of the init in ${app_dir} (run: ${build_hint})"
else
    app_dir=""
fi
find_mock_imds
root_overlay=""
if [ -n "${ROOT_OVERLAY:-}" ]; then
    root_overlay=$(absolute "${ROOT_OVERLAY}")
fi
init_command=${INIT_COMMAND:-${default_command}}
if [ -z "${INIT_COMMAND:-}" ]; then
    init_env=${INIT_ENV-${default_env}}
else
    init_env=${INIT_ENV:-}
fi
preconfigure_net=${PRECONFIGURE_NET:-0}
keep=${KEEP:-0}
verbose=${VERBOSE:-0}
need_tools "apt-get install util-linux iproute2 coreutils busybox-static dnsmasq-base curl" \
    unshare ip chroot busybox dnsmasq curl

check_config_keys TIMEOUT NIC_COUNT SPOT_TERMINATION_DELAY SEND_SIGNAL POWERDOWN_AFTER INIT_ARGS USE_AWS \
    USE_LOCALSTACK SERVICES_FROM_HOST AWS_THROTTLE AWS_THROTTLE_WITH AWS_THROTTLE_BURST DHCP_DELAY
read_config 60
use_aws=$(config_get USE_AWS "$(config_get USE_LOCALSTACK 0)")
aws_throttle=$(config_get AWS_THROTTLE "")
aws_throttle_with=$(config_get AWS_THROTTLE_WITH throttling)
aws_throttle_burst=$(config_get AWS_THROTTLE_BURST 1)
case "${aws_throttle_burst}" in
    '' | 0 | *[!0-9]*) die "${scenario}/config: AWS_THROTTLE_BURST must be a whole number from 1, got '${aws_throttle_burst}'" ;;
esac
if [ -n "${aws_throttle}" ]; then
    [ "${use_aws}" = 1 ] || die "${scenario}/config: AWS_THROTTLE needs USE_AWS=1"
    case "${aws_throttle}" in
        0 | 1 | 0.[0-9] | 0.[0-9][0-9] | 1.0) ;;
        *) die "${scenario}/config: AWS_THROTTLE must be a share from 0 to 1 (e.g. 0.5), got '${aws_throttle}'" ;;
    esac
fi
case "${aws_throttle_with}" in
    throttling | 503) ;;
    *) die "${scenario}/config: AWS_THROTTLE_WITH must be throttling or 503, got '${aws_throttle_with}'" ;;
esac
dhcp_delay=$(config_get DHCP_DELAY 0)
case "${dhcp_delay}" in
    '' | *[!0-9]*) die "${scenario}/config: DHCP_DELAY must be whole seconds, got '${dhcp_delay}'" ;;
esac
[ "${dhcp_delay}" = 0 ] || [ "${preconfigure_net:-0}" != 1 ] || die "${scenario}/config: DHCP_DELAY with PRECONFIGURE_NET=1"
# Upstream's service scenarios only add a marker under /.easyto/services and expect the AMI's
# chronyd and sshd: they get the host's unless the config says SERVICES_FROM_HOST=0 (a scenario
# that brings its own service programs in its overlay).
services_default=0
[ ! -d "${scenario}/overlay/.easyto/services" ] || services_default=1
services_from_host=$(config_get SERVICES_FROM_HOST "${services_default}")
read_send_signal
powerdown_after=$(config_get POWERDOWN_AFTER "")
# Words of the kernel command line the kernel does not know itself, which it passes to init.
init_args=$(config_get INIT_ARGS "")
if [ -n "${powerdown_after}" ]; then
    [ -z "${signal}" ] || die "${scenario}/config: SEND_SIGNAL and POWERDOWN_AFTER both say when to signal"
    signal=38
fi

new_run sandbox
sbx_ns=easyto-sbx-${id}
vpc_ns=easyto-vpc-${id}
dnsmasq_pid=""
moto_pid=""
proxy_pid=""
aws_setup_pid=""
sandbox_pid=""
signaller_pid=""
root_device=""

teardown()
{
    stop TERM "${watchdog_pid}" "${signaller_pid}"
    if [ -n "${sandbox_pid}" ] && alive "${sandbox_pid}"; then
        kill_sandbox
        wait "${sandbox_pid}" 2>/dev/null || true
    fi
    stop TERM "${streamer_pid}"
    release_kept_root
    stop KILL "${imds_pid}" "${dnsmasq_pid}" "${aws_setup_pid}" "${moto_pid}" "${proxy_pid}"
    ip netns delete "${sbx_ns}" 2>/dev/null || true
    ip netns delete "${vpc_ns}" 2>/dev/null || true
    restore_global_sysctls
}

arm_cleanup
mkdir -p "${work}/empty" "${work}/root" "${work}/out"
prepare_kept_root

mock_imds_dir
serve_user_data
save_global_sysctls
start_vpc
[ "${use_aws}" != 1 ] || start_aws
start_mock_imds "${vpc_ns}" 169.254.169.254:80

# The test root (lib/test-root.sh), plus the mount points of the init's runtime.
image=${work}/image
build_test_root
mkdir -p "${image}/.easyto/jdk" "${image}/.easyto/app"
# Upstream's image has curl, which iam-credentials calls IMDS with; the host's libraries are shown
# read-only in the sandbox, so the program alone is enough.
cp "$(command -v curl)" "${image}/usr/bin/curl"
if [ "${preconfigure_net}" = 1 ]; then
    echo "nameserver 10.0.2.3" >"${image}/etc/resolv.conf"
fi
[ "${services_from_host}" != 1 ] || install_host_services
[ -z "${root_overlay}" ] || cp -a "${root_overlay}/." "${image}/"
[ ! -d "${scenario}/overlay" ] || cp -a "${scenario}/overlay/." "${image}/"
# An image's files belong to root whoever checked out the repository.
chown -R -h 0:0 "${image}"
apply_scenario_owners
write_init_env

[ "${dhcp_delay}" != 0 ] || await_dnsmasq
await_mock_imds
await_aws

: >"${console}"
started=$(date +%s.%N)
start_sandbox
[ "${dhcp_delay}" = 0 ] || start_dnsmasq "${dhcp_delay}"
[ "${verbose}" != 1 ] || stream_console "${sandbox_pid}" 0.1
countdown=$((timeout * 10))
start_watchdog "${sandbox_pid}" 0.1 steps_left kill_sandbox
[ -z "${signal}" ] || start_signaller

status=0
# The shell's own "Killed" report for a timed-out sandbox is not part of the result.
wait "${sandbox_pid}" 2>/dev/null || status=$?
ended=$(date +%s.%N)
if [ -n "${streamer_pid}" ]; then
    wait "${streamer_pid}" || true
    streamer_pid=""
fi
stop TERM "${watchdog_pid}" "${signaller_pid}"
watchdog_pid=""
signaller_pid=""
seconds=$(seconds_between "${started}" "${ended}")

# reboot(POWER_OFF) (or HALT) in a pid namespace makes the kernel kill its init with SIGINT;
# unshare re-raises a child's fatal signal on itself, so the shell sees 128 + 2.
power_off=no
[ "${status}" -ne 130 ] || power_off=yes

clean_console
if [ -e "${work}/timed-out" ]; then
    result=TIMEOUT
else
    result=$(judge_console)
    check_kept_root
fi
if [ "${status}" -gt 128 ]; then
    require_power_off "the init did not power off: it was killed by signal $((status - 128))"
else
    require_power_off "the init did not power off: it exited with status ${status}"
fi

report "${seconds}s" setup unshare dnsmasq
report_boot
[ "${result}" = PASS ]
