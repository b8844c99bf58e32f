#!/bin/sh
# Boots an init as PID 1 of fresh pid/mount/uts/ipc namespaces, chrooted into a test root, in a
# network namespace whose only way out is a veth pair to a second namespace that plays the VPC
# (DHCP from dnsmasq, the mock IMDS at 169.254.169.254). Judges the console the way upstream's QEMU
# harness does.
#
# Usage: run-scenario.sh SCENARIO_DIR
# Environment:
#   INIT_COMMAND       command line exec'd as PID 1 inside the root (split on blanks, no
#                      quoting; default: the application, /.easyto/app, on the host's JDK,
#                      /.easyto/jdk)
#   APP_DIR            shown read-only at /.easyto/app (default target/quarkus-app)
#   TEST_CLASSES       classpath of the mock IMDS (default target/test-classes)
#   INIT_ENV           extra KEY=VALUE words for the init's environment (default with the
#                      default INIT_COMMAND: LD_LIBRARY_PATH=/.easyto/jdk/lib, see below)
#   JAVA_HOME          the JDK for the mock and, at /.easyto/jdk, for the init
#   ROOT_OVERLAY       extra directory copied over the root before the scenario's overlay
#   PRECONFIGURE_NET   0 (default): the init configures its network itself, by DHCP; 1: the
#                      harness also gives eth0 10.0.2.15/24, a default route and
#                      /etc/resolv.conf, for an init that does no DHCP
#   KEEP=1             keep the work directory; VERBOSE=1 stream the console while it runs
# Scenario files: user-data.yaml | user-data.gz | user-data-source.yaml, expected-output,
# unexpected-output (lines that must not appear; judged in scenario-lib.sh),
# overlay/, metadata.json, imds/ (extra meta-data), config (KEY=VALUE: TIMEOUT, NIC_COUNT,
# SPOT_TERMINATION_DELAY, SEND_SIGNAL=SIG@SECONDS, ENV_NAME=VALUE, USE_AWS=1 or upstream's
# USE_LOCALSTACK=1, SERVICES_FROM_HOST=1 or 0, see "Services" below), aws-setup.sh (seeds the
# AWS emulator, see "AWS emulator" below).
# Exit status: 0 if the scenario passed, 1 otherwise, 2 on usage or setup errors.
set -eu

# ip and chroot live in sbin, which a non-login or CI shell's PATH may lack.
PATH=${PATH}:/usr/sbin:/sbin
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../../.." && pwd)
# shellcheck source=scenario-lib.sh
. "${here}/scenario-lib.sh"

usage()
{
    echo "usage: ${0} SCENARIO_DIR" >&2
    exit 2
}

die()
{
    echo "run-scenario: ${*}" >&2
    exit 2
}

# Relative paths in the environment are taken from the caller's directory, defaults from the
# repository, so the harness runs from anywhere.
absolute()
{
    (cd "${1}" 2>/dev/null && pwd) || die "no such directory: ${1}"
}

[ "$#" -eq 1 ] || usage
[ "$(id -u)" -eq 0 ] || die "must run as root (network namespaces, mounts, chroot)"
scenario=$(absolute "${1}")
name=$(basename "${scenario}")

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "${JAVA_HOME}/bin/java" ] || die "no JDK at JAVA_HOME=${JAVA_HOME}"
java_home=$(absolute "${JAVA_HOME}")
# A stand-in init (INIT_COMMAND) may not need the application, the default one does.
app_dir=${APP_DIR:-${repo}/target/quarkus-app}
if [ -d "${app_dir}" ]; then
    app_dir=$(absolute "${app_dir}")
elif [ -z "${INIT_COMMAND:-}" ] || [ -n "${APP_DIR:-}" ]; then
    die "no application in ${app_dir} (run: mvn -q package -DskipTests)"
else
    app_dir=""
fi
test_classes=$(absolute "${TEST_CLASSES:-${repo}/target/test-classes}")
[ -f "${test_classes}/dev/easyto/init/imds/MockImds.class" ] \
    || die "mock IMDS not compiled in ${test_classes} (run: mvn -q package -DskipTests)"
root_overlay=""
if [ -n "${ROOT_OVERLAY:-}" ]; then
    root_overlay=$(absolute "${ROOT_OVERLAY}")
fi
init_command=${INIT_COMMAND:-/.easyto/jdk/bin/java -Xrs -XX:+DisableAttachMechanism -XX:-UsePerfData -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -jar /.easyto/app/quarkus-run.jar}
# The java launcher finds libjli.so through its $ORIGIN rpath, which glibc resolves by reading
# /proc/self/exe: PID 1 starts before anything mounted /proc, so without this it cannot start.
if [ -z "${INIT_COMMAND:-}" ]; then
    init_env=${INIT_ENV-LD_LIBRARY_PATH=/.easyto/jdk/lib}
else
    init_env=${INIT_ENV:-}
fi
preconfigure_net=${PRECONFIGURE_NET:-0}
keep=${KEEP:-0}
verbose=${VERBOSE:-0}
for tool in unshare ip chroot busybox dnsmasq; do
    command -v "${tool}" >/dev/null 2>&1 || die "${tool} not found (apt-get install util-linux iproute2 coreutils busybox-static dnsmasq-base)"
done

# The config is data, not a script: read KEY=VALUE lines without evaluating them.
config_get()
{
    value=""
    if [ -f "${scenario}/config" ]; then
        value=$(sed -n "s/^[[:space:]]*${1}=//p" "${scenario}/config" | tail -n 1)
    fi
    printf '%s' "${value:-${2}}"
}

timeout=$(config_get TIMEOUT 60)
nic_count=$(config_get NIC_COUNT 1)
spot_delay=$(config_get SPOT_TERMINATION_DELAY 0)
send_signal=$(config_get SEND_SIGNAL "")
use_aws=$(config_get USE_AWS "$(config_get USE_LOCALSTACK 0)")
# Upstream's service scenarios only add a marker under /.easyto/services and expect the AMI's
# chronyd and sshd: they get the host's unless the config says SERVICES_FROM_HOST=0 (a scenario
# that brings its own service programs in its overlay).
services_default=0
[ ! -d "${scenario}/overlay/.easyto/services" ] || services_default=1
services_from_host=$(config_get SERVICES_FROM_HOST "${services_default}")
for number in "${timeout}" "${nic_count}" "${spot_delay}"; do
    case "${number}" in
        '' | *[!0-9]*) die "${scenario}/config: expected a whole number, got '${number}'" ;;
    esac
done
[ "${nic_count}" -ge 1 ] || die "${scenario}/config: NIC_COUNT must be at least 1"
signal=""
signal_delay=""
if [ -n "${send_signal}" ]; then
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
fi

id=$$
sbx_ns=easyto-sbx-${id}
vpc_ns=easyto-vpc-${id}
work=${repo}/target/sandbox/${name}-${id}
console=${work}/console.log
imds_pid=""
dnsmasq_pid=""
moto_pid=""
sandbox_pid=""
watchdog_pid=""
signaller_pid=""
streamer_pid=""

alive()
{
    # A finished child stays a zombie until waited for, and kill -0 succeeds on zombies.
    state=$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/${1}/stat" 2>/dev/null || true)
    [ -n "${state}" ] && [ "${state}" != Z ]
}

# The host pid of the sandbox's PID 1: unshare --fork's only child.
sandbox_init()
{
    [ -n "${sandbox_pid}" ] || return 0
    cut -d ' ' -f 1 "/proc/${sandbox_pid}/task/${sandbox_pid}/children" 2>/dev/null || true
}

restore_global_sysctls()
{
    [ -f "${sysctl_backup:-}" ] || return 0
    while read -r path value; do
        echo "${value}" >"${path}" 2>/dev/null || echo "run-scenario: cannot restore ${path}" >&2
    done <"${sysctl_backup}"
}

# SIGKILL to a pid namespace's init kills every process in the namespace; unshare then reaps it
# and exits, so nothing is left to the host's init.
kill_sandbox()
{
    init=$(sandbox_init)
    [ -z "${init}" ] || kill -KILL "${init}" 2>/dev/null || true
    ticks=20
    while [ "${ticks}" -gt 0 ] && alive "${sandbox_pid}"; do
        sleep 0.1
        ticks=$((ticks - 1))
    done
    kill -KILL "${sandbox_pid}" 2>/dev/null || true
}

cleanup()
{
    trap - EXIT INT TERM HUP
    for pid in ${watchdog_pid} ${signaller_pid}; do
        kill "${pid}" 2>/dev/null || true
        wait "${pid}" 2>/dev/null || true
    done
    if [ -n "${sandbox_pid}" ] && alive "${sandbox_pid}"; then
        kill_sandbox
        wait "${sandbox_pid}" 2>/dev/null || true
    fi
    if [ -n "${streamer_pid}" ]; then
        kill "${streamer_pid}" 2>/dev/null || true
        wait "${streamer_pid}" 2>/dev/null || true
    fi
    for pid in ${imds_pid} ${dnsmasq_pid} ${aws_setup_pid:-} ${moto_pid}; do
        kill -KILL "${pid}" 2>/dev/null || true
        wait "${pid}" 2>/dev/null || true
    done
    ip netns delete "${sbx_ns}" 2>/dev/null || true
    ip netns delete "${vpc_ns}" 2>/dev/null || true
    restore_global_sysctls
    if [ "${keep}" = 1 ]; then
        echo "run-scenario: kept ${work}" >&2
    else
        rm -rf --one-file-system "${work}"
    fi
}

trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A work directory left by an earlier run with the same pid would carry its markers.
rm -rf --one-file-system "${work}"
mkdir -p "${work}/empty" "${work}/root"

# Upstream's commands write to the QEMU serial console; here the console is the init's standard
# output. This is the only change made to upstream's scenario data.
to_console()
{
    sed 's#>/dev/ttyS0#>\&1#g'
}

imds_dir=${work}/imds
mkdir -p "${imds_dir}"
if [ -f "${scenario}/user-data.yaml" ]; then
    to_console <"${scenario}/user-data.yaml" >"${imds_dir}/user-data.yaml"
elif [ -f "${scenario}/user-data.gz" ]; then
    gzip -dc "${scenario}/user-data.gz" | to_console | gzip -9n >"${imds_dir}/user-data.gz"
elif [ -f "${scenario}/user-data-source.yaml" ]; then
    # The mock serves this one gzipped, as upstream's gzip-userdata setup script did.
    to_console <"${scenario}/user-data-source.yaml" >"${imds_dir}/user-data-source.yaml"
fi
[ ! -d "${scenario}/imds" ] || cp -R "${scenario}/imds" "${imds_dir}/imds"

# net.* sysctls belong to the sandbox's network namespace, but vm.*, kernel.*, fs.* and dev.* are
# the host's: remember the values of any the user data names, and put them back afterwards.
sysctl_backup=${work}/sysctls.saved
: >"${sysctl_backup}"
for file in "${imds_dir}"/user-data*; do
    [ -f "${file}" ] || continue
    case "${file}" in
        *.gz) gzip -dc "${file}" ;;
        *) cat "${file}" ;;
    esac
done | grep -oE 'name: *["'"'"']?(vm|kernel|fs|dev)\.[A-Za-z0-9_.]+' | sed -E 's/name: *["'"'"']?//' | sort -u |
    while IFS= read -r sysctl; do
        path=/proc/sys/$(echo "${sysctl}" | tr . /)
        [ ! -f "${path}" ] || printf '%s %s\n' "${path}" "$(cat "${path}")" >>"${sysctl_backup}"
    done

# Network: the sandbox's NICs are veth ends; their peers live in the VPC namespace, where dnsmasq
# serves DHCP on the primary's peer and the mock IMDS answers on 169.254.169.254. MACs are the
# ones the mock lists (QEMU's numbering). Addresses follow QEMU's user network, as upstream's
# scenarios expect them: the instance 10.0.2.15/24, the gateway 10.0.2.2, the resolver 10.0.2.3.
ip netns add "${sbx_ns}"
ip netns add "${vpc_ns}"
ip -n "${vpc_ns}" link set lo up
i=0
while [ "${i}" -lt "${nic_count}" ]; do
    mac=$(printf '52:54:00:12:34:%02x' $((0x56 + i)))
    ip -n "${sbx_ns}" link add "eth${i}" address "${mac}" type veth peer name "vpc${i}" netns "${vpc_ns}"
    ip -n "${vpc_ns}" link set "vpc${i}" up
    i=$((i + 1))
done
ip -n "${vpc_ns}" addr add 10.0.2.2/24 dev vpc0
ip -n "${vpc_ns}" addr add 169.254.169.254/32 dev vpc0
# The resolver address (QEMU user-net numbering): nothing serves DNS there yet, but an address
# that answers "port unreachable" makes lookups fail at once instead of after the 5 s timeout.
ip -n "${vpc_ns}" addr add 10.0.2.3/32 dev vpc0
# DHCP only (--port=0: no DNS), on vpc0 alone: secondary ENIs get no lease, as upstream's multi-eni
# scenario expects of them. No configuration file but these options; --no-ping because the one
# address of the range is known to be free, and checking would delay the offer.
ip netns exec "${vpc_ns}" dnsmasq --keep-in-foreground --conf-file=/dev/null --port=0 \
    --interface=vpc0 --bind-interfaces --user=root --group=root \
    --pid-file="${work}/dnsmasq.pid" --dhcp-leasefile="${work}/dnsmasq.leases" \
    --log-facility="${work}/dnsmasq.log" --log-dhcp --no-ping --dhcp-authoritative \
    --dhcp-range=10.0.2.15,10.0.2.15,255.255.255.0,12h \
    --dhcp-option=option:router,10.0.2.2 --dhcp-option=option:dns-server,10.0.2.3 \
    --dhcp-option=option:domain-name,ec2.internal --dhcp-option=option:domain-search,ec2.internal \
    </dev/null >"${work}/dnsmasq.out" 2>&1 &
dnsmasq_pid=$!
if [ "${preconfigure_net}" = 1 ]; then
    ip -n "${sbx_ns}" link set lo up
    ip -n "${sbx_ns}" addr add 10.0.2.15/24 dev eth0
    ip -n "${sbx_ns}" link set eth0 up
    ip -n "${sbx_ns}" route add default via 10.0.2.2
fi

# AWS emulator (USE_AWS=1 or USE_LOCALSTACK=1): moto_server in the VPC namespace, where the
# sandbox reaches it at 10.0.2.2 (no DNS in the sandbox, so the endpoint is an address). It and
# the scenario's aws-setup.sh (which waits for it) start now, while the root is built; the init
# boots once both are done, with AWS_ENDPOINT_URL.
aws_port=4566
aws_endpoint=http://10.0.2.2:${aws_port}
aws_setup_pid=""
if [ "${use_aws}" = 1 ]; then
    moto=$(command -v moto_server) || die "${name} needs moto_server (pip install 'moto[server]')"
    ip netns exec "${vpc_ns}" "${moto}" -H 10.0.2.2 -p "${aws_port}" </dev/null >"${work}/moto.log" 2>&1 &
    moto_pid=$!
    if [ -f "${scenario}/aws-setup.sh" ]; then
        # The python3 installed with moto_server (a venv's, pyenv's) is the one that has boto3.
        ip netns exec "${vpc_ns}" env PATH="$(dirname "${moto}"):${PATH}" no_proxy=10.0.2.2 NO_PROXY=10.0.2.2 \
            AWS_ENDPOINT_URL="${aws_endpoint}" AWS_ACCESS_KEY_ID=test \
            AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_SEED="${here}/aws-seed.py" \
            sh "${scenario}/aws-setup.sh" </dev/null >"${work}/aws-setup.log" 2>&1 &
        aws_setup_pid=$!
    fi
fi

# The JVM takes a moment to start: let it do so while the root is built.
ready=${work}/imds.ready
ip netns exec "${vpc_ns}" "${java_home}/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
    -cp "${test_classes}" dev.easyto.init.imds.MockImds --listen 169.254.169.254:80 \
    --scenario "${imds_dir}" --nic-count "${nic_count}" --spot-delay "${spot_delay}" \
    --ready-file "${ready}" </dev/null >"${work}/imds.log" 2>&1 &
imds_pid=$!

# The test root (scenario-lib.sh), plus the mount points of the init's runtime.
image=${work}/image
build_test_root
mkdir -p "${image}/.easyto/jdk" "${image}/.easyto/app"
if [ "${preconfigure_net}" = 1 ]; then
    echo "nameserver 10.0.2.3" >"${image}/etc/resolv.conf"
fi
# Services: the host's Debian chronyd and sshd where easyto-assets puts its own, with upstream's
# configuration at upstream's paths. Debian compiled in its own paths and users (/etc/chrony,
# _chrony, /run/chrony; privilege separation user sshd and /run/sshd): sshd gets those (its config
# path is on the init's command line already), chronyd a wrapper that names its config and user
# and adds -x. The sandbox shares the host's clock and this chronyd runs as root, so it must never
# adjust it: with -x and no sources it does not try, and the sandbox lacks CAP_SYS_TIME anyway
# (dropped from its bounding set below). A scenario overlay may replace any of these files.
if [ "${services_from_host}" = 1 ]; then
    for program in /usr/sbin/chronyd /usr/bin/chronyc /usr/sbin/sshd /usr/bin/ssh-keygen; do
        [ -x "${program}" ] || die "${name} needs ${program} (apt-get install chrony openssh-server)"
    done
    mkdir -p "${image}/.easyto/libexec" "${image}/.easyto/etc/ssh" "${image}/.easyto/var/empty" \
        "${image}/run/sshd"
    chmod 0711 "${image}/.easyto/var/empty"
    cp /usr/sbin/chronyd "${image}/.easyto/libexec/chronyd"
    {
        echo '#!/bin/sh'
        echo '# Test root only: Debian chronyd with the config and user easyto-assets compiles in, and'
        echo '# never adjusting the clock (-x), which the sandbox shares with its host.'
        echo 'exec /.easyto/libexec/chronyd -f /.easyto/etc/chrony.conf -u cb-chrony -x "$@"'
    } >"${image}/.easyto/sbin/chronyd"
    chmod 0755 "${image}/.easyto/sbin/chronyd"
    cp /usr/bin/chronyc "${image}/.easyto/bin/chronyc"
    cp /usr/sbin/sshd "${image}/.easyto/sbin/sshd"
    cp /usr/bin/ssh-keygen "${image}/.easyto/bin/ssh-keygen"
    # No server or pool: nothing to synchronise with, so nothing to steer the clock by either.
    {
        echo "driftfile /.easyto/run/chrony/drift"
        echo "pidfile /.easyto/run/chrony/chronyd.pid"
        echo "bindcmdaddress /.easyto/run/chrony/chronyd.sock"
        echo "cmdport 0"
    } >"${image}/.easyto/etc/chrony.conf"
    {
        echo "HostKey /.easyto/etc/ssh/ssh_host_rsa_key"
        echo "HostKey /.easyto/etc/ssh/ssh_host_ed25519_key"
        echo "PermitRootLogin no"
        echo "AuthorizedKeysFile .ssh/authorized_keys"
        echo "PasswordAuthentication no"
        echo "PidFile none"
        if [ -x /usr/lib/openssh/sftp-server ]; then
            echo "Subsystem sftp /.easyto/libexec/sftp-server"
        fi
    } >"${image}/.easyto/etc/ssh/sshd_config"
    chmod 0600 "${image}/.easyto/etc/ssh/sshd_config"
    [ ! -x /usr/lib/openssh/sftp-server ] || cp /usr/lib/openssh/sftp-server "${image}/.easyto/libexec/sftp-server"
    echo "cb-ssh:x:401:401:sshd privilege separation:/.easyto/var/empty:/sbin/nologin" >>"${image}/etc/passwd"
    echo "sshd:x:22:22:sshd:/run/sshd:/sbin/nologin" >>"${image}/etc/passwd"
    echo "cb-ssh:x:401:" >>"${image}/etc/group"
    echo "sshd:x:22:" >>"${image}/etc/group"
fi
[ -z "${root_overlay}" ] || cp -a "${root_overlay}/." "${image}/"
[ ! -d "${scenario}/overlay" ] || cp -a "${scenario}/overlay/." "${image}/"
# An image's files belong to root whoever checked out the repository.
chown -R -h 0:0 "${image}"

# What a kernel gives PID 1, plus the scenario's ENV_ keys (the kernel command line's part).
env_file=${work}/init.env
{
    echo "HOME=/"
    echo "TERM=linux"
    for assignment in ${init_env}; do
        echo "${assignment}"
    done
    [ "${use_aws}" != 1 ] || echo "AWS_ENDPOINT_URL=${aws_endpoint}"
    if [ -f "${scenario}/config" ]; then
        sed -n 's/^[[:space:]]*ENV_\([A-Za-z_][A-Za-z0-9_]*=\)/\1/p' "${scenario}/config"
    fi
} >"${env_file}"

# dnsmasq writes its pid file once its DHCP socket is bound.
waited=0
while [ ! -s "${work}/dnsmasq.pid" ]; do
    if ! alive "${dnsmasq_pid}" || [ "${waited}" -ge 100 ]; then
        cat "${work}/dnsmasq.out" "${work}/dnsmasq.log" >&2 2>/dev/null || true
        die "dnsmasq did not start within 5 s"
    fi
    sleep 0.05
    waited=$((waited + 1))
done

waited=0
while [ ! -f "${ready}" ]; do
    if ! alive "${imds_pid}" || [ "${waited}" -ge 200 ]; then
        cat "${work}/imds.log" >&2
        die "the mock IMDS did not start within 10 s"
    fi
    sleep 0.05
    waited=$((waited + 1))
done

if [ -n "${moto_pid}" ]; then
    waited=0
    until ip netns exec "${vpc_ns}" busybox wget -q -Y off -O /dev/null "${aws_endpoint}/moto-api/" 2>/dev/null; do
        if ! alive "${moto_pid}" || [ "${waited}" -ge 300 ]; then
            cat "${work}/moto.log" >&2
            die "moto_server did not start within 30 s"
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    if [ -n "${aws_setup_pid}" ]; then
        setup_status=0
        wait "${aws_setup_pid}" || setup_status=$?
        aws_setup_pid=""
        if [ "${setup_status}" -ne 0 ]; then
            cat "${work}/aws-setup.log" >&2
            die "${scenario}/aws-setup.sh failed (status ${setup_status})"
        fi
    fi
fi

: >"${console}"
started=$(date +%s.%N)
# The init must be PID 1 of the new pid namespace: enter-sandbox.sh is unshare's child and execs
# the init through env and chroot, leaving no shell behind. The console reaches it as fd 3, so
# what ip and unshare themselves print stays out of it.
# With the host's chronyd inside, the sandbox also loses CAP_SYS_TIME (setpriv execs, so the shell
# below is still the namespace's PID 1).
drop_time=""
if [ "${services_from_host}" = 1 ]; then
    command -v setpriv >/dev/null 2>&1 || die "setpriv not found (apt-get install util-linux)"
    drop_time="setpriv --bounding-set -sys_time"
fi
# shellcheck disable=SC2086
ip netns exec "${sbx_ns}" unshare --pid --mount --uts --ipc --fork --kill-child ${drop_time} \
    /bin/sh "${here}/enter-sandbox.sh" "${work}/root" "${image}" "${work}/empty" "${java_home}" \
    "${app_dir}" "${env_file}" "${work}/setup.log" "${work}/started" ${init_command} \
    </dev/null >"${work}/unshare.log" 2>&1 3>"${console}" &
sandbox_pid=$!

if [ "${verbose}" = 1 ]; then
    tail -n +1 -s 0.1 -f --pid="${sandbox_pid}" "${console}" \
        | sed -u 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' &
    streamer_pid=$!
fi

# Timers poll in short steps so nothing outlives the run sleeping.
(
    ticks=$((timeout * 10))
    while [ "${ticks}" -gt 0 ]; do
        sleep 0.1
        ticks=$((ticks - 1))
        alive "${sandbox_pid}" || exit 0
    done
    : >"${work}/timed-out"
    kill_sandbox
) </dev/null >/dev/null 2>&1 &
watchdog_pid=$!

if [ -n "${signal}" ]; then
    (
        while [ ! -e "${work}/started" ]; do
            alive "${sandbox_pid}" || exit 0
            sleep 0.05
        done
        sleep "${signal_delay}"
        init=$(sandbox_init)
        if [ -n "${init}" ] && kill -s "${signal}" "${init}"; then
            echo "run-scenario: sent signal ${signal} to the init (host pid ${init})" >>"${work}/harness.log"
        else
            echo "run-scenario: could not send signal ${signal} to the init" >>"${work}/harness.log"
        fi
    ) </dev/null >/dev/null 2>&1 &
    signaller_pid=$!
fi

status=0
# The shell's own "Killed" report for a timed-out sandbox is not part of the result.
wait "${sandbox_pid}" 2>/dev/null || status=$?
ended=$(date +%s.%N)
if [ -n "${streamer_pid}" ]; then
    wait "${streamer_pid}" || true
    streamer_pid=""
fi
for pid in ${watchdog_pid} ${signaller_pid}; do
    kill "${pid}" 2>/dev/null || true
    wait "${pid}" 2>/dev/null || true
done
watchdog_pid=""
signaller_pid=""
seconds=$(awk -v a="${started}" -v b="${ended}" 'BEGIN { printf "%.1f", b - a }')

# reboot(POWER_OFF) (or HALT) in a pid namespace makes the kernel kill its init with SIGINT;
# unshare re-raises a child's fatal signal on itself, so the shell sees 128 + 2.
power_off=no
[ "${status}" -ne 130 ] || power_off=yes

clean=${work}/console.clean
sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' "${console}" >"${clean}"

if [ -e "${work}/timed-out" ]; then
    result=TIMEOUT
else
    result=$(judge_console "${clean}" run-scenario)
fi
if [ "${power_off}" = no ] && [ "${result}" != TIMEOUT ]; then
    if [ "${status}" -gt 128 ]; then
        echo "run-scenario: the init did not power off: it was killed by signal $((status - 128))" >>"${work}/harness.log"
    else
        echo "run-scenario: the init did not power off: it exited with status ${status}" >>"${work}/harness.log"
    fi
    [ "${result}" != PASS ] || result=FAIL
fi

[ "${verbose}" = 1 ] || cat "${clean}"
if [ "${result}" != PASS ]; then
    for log in setup unshare dnsmasq; do
        if [ -s "${work}/${log}.log" ]; then
            echo "run-scenario: ${log}.log:" >&2
            cat "${work}/${log}.log" >&2
        fi
    done
fi
[ ! -f "${work}/harness.log" ] || cat "${work}/harness.log" >&2
echo "RESULT ${name} ${result} (power-off: ${power_off}, ${seconds}s)"
[ "${result}" = PASS ]
