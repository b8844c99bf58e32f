#!/bin/sh
# Boots the init as PID 1 of a QEMU virtual machine (TCG) with Debian's kernel and an initramfs
# made like the sandbox's test root, against the mock IMDS, and judges the serial console the way
# upstream's QEMU harness does. The init runs on the JVM: a jlink'ed runtime from JAVA_HOME, the
# application from target/quarkus-app, glibc from this machine.
#
# Usage: run-vm.sh SCENARIO_DIR
# Environment:
#   EASYTO_VM_KERNEL   the kernel cache fetch-kernel.sh fills (default
#                      /var/cache/easyto-init/vm-kernel)
#   QEMU               the emulator (default qemu-system-x86_64)
#   APP_DIR            the application (default target/quarkus-app)
#   TEST_CLASSES       classpath of the mock IMDS (default target/test-classes)
#   JAVA_HOME          the JDK jlink'ed for the guest and running the mock
#   KEEP=1             keep the work directory; VERBOSE=1 stream the console while it runs
# Scenario files, as run-scenario.sh reads them (user-data.yaml | user-data.gz |
# user-data-source.yaml, expected-output, unexpected-output, overlay/, metadata.json, imds/) and
# config keys TIMEOUT (default 300: a JVM under TCG is slow), NIC_COUNT, SPOT_TERMINATION_DELAY,
# ENV_NAME=VALUE (added to the kernel command line) and POWERDOWN_AFTER=TEXT (once the console
# shows TEXT, press the ACPI power button: QMP system_powerdown).
# A scenario passes when its console passes and the guest powered off: QEMU exited by itself
# after the kernel's "reboot: Power down".
# Exit status: 0 if the scenario passed, 1 otherwise, 2 on usage or setup errors.
set -eu

# ip and depmod live in sbin, which a non-login or CI shell's PATH may lack.
PATH=${PATH}:/usr/sbin:/sbin
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../../.." && pwd)
# shellcheck source=../../test/sandbox/scenario-lib.sh
. "${repo}/src/test/sandbox/scenario-lib.sh"

usage()
{
    echo "usage: ${0} SCENARIO_DIR" >&2
    exit 2
}

die()
{
    echo "run-vm: ${*}" >&2
    exit 2
}

absolute()
{
    (cd "${1}" 2>/dev/null && pwd) || die "no such directory: ${1}"
}

[ "$#" -eq 1 ] || usage
[ "$(id -u)" -eq 0 ] || die "must run as root (network namespace, device nodes in the initramfs)"
scenario=$(absolute "${1}")
name=$(basename "${scenario}")

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "${JAVA_HOME}/bin/jlink" ] || die "no JDK with jlink at JAVA_HOME=${JAVA_HOME}"
java_home=$(absolute "${JAVA_HOME}")
app_dir=$(absolute "${APP_DIR:-${repo}/target/quarkus-app}")
[ -f "${app_dir}/quarkus-run.jar" ] || die "no application in ${app_dir} (run: mvn -q package -DskipTests)"
test_classes=$(absolute "${TEST_CLASSES:-${repo}/target/test-classes}")
[ -f "${test_classes}/dev/easyto/init/imds/MockImds.class" ] \
    || die "mock IMDS not compiled in ${test_classes} (run: mvn -q package -DskipTests)"
kernel_dir=${EASYTO_VM_KERNEL:-/var/cache/easyto-init/vm-kernel}
[ -f "${kernel_dir}/release" ] || die "no kernel in ${kernel_dir} (run: sh ${here}/fetch-kernel.sh)"
release=$(cat "${kernel_dir}/release")
vmlinuz=${kernel_dir}/boot/vmlinuz-${release}
modules_dir=${kernel_dir}/lib/modules/${release}
[ -f "${vmlinuz}" ] || die "no ${vmlinuz}"
qemu=${QEMU:-qemu-system-x86_64}
command -v "${qemu}" >/dev/null 2>&1 || die "${qemu} not found (apt-get install --no-install-recommends qemu-system-x86)"
for tool in ip busybox cpio gzip depmod modprobe kmod ldd; do
    command -v "${tool}" >/dev/null 2>&1 || die "${tool} not found (apt-get install iproute2 busybox-static cpio kmod)"
done
keep=${KEEP:-0}
verbose=${VERBOSE:-0}

config_get()
{
    value=""
    if [ -f "${scenario}/config" ]; then
        value=$(sed -n "s/^[[:space:]]*${1}=//p" "${scenario}/config" | tail -n 1)
    fi
    printf '%s' "${value:-${2}}"
}

timeout=$(config_get TIMEOUT 300)
nic_count=$(config_get NIC_COUNT 1)
spot_delay=$(config_get SPOT_TERMINATION_DELAY 0)
powerdown_after=$(config_get POWERDOWN_AFTER "")
for number in "${timeout}" "${nic_count}" "${spot_delay}"; do
    case "${number}" in
        '' | *[!0-9]*) die "${scenario}/config: expected a whole number, got '${number}'" ;;
    esac
done
[ "${nic_count}" -ge 1 ] || die "${scenario}/config: NIC_COUNT must be at least 1"

id=$$
netns=easyto-vm-${id}
work=${repo}/target/vm/${name}-${id}
console=${work}/console.log
imds_pid=""
qemu_pid=""
watchdog_pid=""
powerdown_pid=""
qmp_reader_pid=""
qmp_writer_pid=""
streamer_pid=""

alive()
{
    # A finished child stays a zombie until waited for, and kill -0 succeeds on zombies.
    state=$(sed -n 's/^.*) \(.\).*$/\1/p' "/proc/${1}/stat" 2>/dev/null || true)
    [ -n "${state}" ] && [ "${state}" != Z ]
}

cleanup()
{
    trap - EXIT INT TERM HUP
    for pid in ${watchdog_pid} ${powerdown_pid} ${qmp_writer_pid}; do
        kill "${pid}" 2>/dev/null || true
        wait "${pid}" 2>/dev/null || true
    done
    for pid in ${qemu_pid} ${imds_pid} ${qmp_reader_pid} ${streamer_pid}; do
        kill -KILL "${pid}" 2>/dev/null || true
        wait "${pid}" 2>/dev/null || true
    done
    ip netns delete "${netns}" 2>/dev/null || true
    if [ "${keep}" = 1 ]; then
        echo "run-vm: kept ${work}" >&2
    else
        rm -rf --one-file-system "${work}"
    fi
}

trap cleanup EXIT
trap 'exit 1' INT TERM HUP

rm -rf --one-file-system "${work}"
mkdir -p "${work}"

# The guest reaches the host as 10.0.2.2, which QEMU's user network maps to the loopback of the
# network namespace QEMU runs in. A namespace of our own gives the mock port 8080 to itself, so
# runs and other programs on this machine cannot collide on it.
ip netns add "${netns}"
ip -n "${netns}" link set lo up

# Upstream's scenario data writes to /dev/ttyS0, which is the console here: served unchanged.
imds_dir=${work}/imds
mkdir -p "${imds_dir}"
for file in user-data.yaml user-data.gz user-data-source.yaml; do
    [ ! -f "${scenario}/${file}" ] || cp "${scenario}/${file}" "${imds_dir}/${file}"
done
[ ! -d "${scenario}/imds" ] || cp -R "${scenario}/imds" "${imds_dir}/imds"

ready=${work}/imds.ready
ip netns exec "${netns}" "${java_home}/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
    -cp "${test_classes}" dev.easyto.init.imds.MockImds --listen 127.0.0.1:8080 \
    --scenario "${imds_dir}" --nic-count "${nic_count}" --spot-delay "${spot_delay}" \
    --ready-file "${ready}" </dev/null >"${work}/imds.log" 2>&1 &
imds_pid=$!

# The guest's Java runtime: only the modules the application uses (jdeps, plus jdk.zipfs, which
# Quarkus's class loading opens jars with), with the CDS archive for a faster start under TCG.
# Made once per JDK and module list and kept; built aside and renamed, so a concurrent run never
# sees half of it.
jre_modules=java.base,java.logging,java.management,java.naming,java.xml,jdk.unsupported,jdk.zipfs
jdk_version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "${java_home}/release")
jre=${repo}/target/vm/jre-${jdk_version}-$(printf '%s' "${jre_modules}" | cksum | cut -d ' ' -f 1)
if [ ! -x "${jre}/bin/java" ]; then
    rm -rf "${jre}.${id}"
    "${java_home}/bin/jlink" --add-modules "${jre_modules}" \
        --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "${jre}.${id}" >/dev/null
    # Used only without compressed oops, which a heap this small never turns off.
    rm -f "${jre}.${id}/lib/server/classes_nocoops.jsa"
    mv "${jre}.${id}" "${jre}" 2>/dev/null || rm -rf "${jre}.${id}"
fi

# The test root, as the sandbox's (scenario-lib.sh), plus what an initramfs needs.
image=${work}/image
build_test_root
mkdir -p "${image}/run" "${image}/.easyto/lib/modules"
# Without /dev/console in the initramfs the kernel starts PID 1 with no standard descriptors.
mknod -m 0600 "${image}/dev/console" c 5 1

# The init, its runtime, and the wrapper the kernel runs as PID 1 (init.sh says why).
cp -a "${jre}" "${image}/.easyto/jdk"
cp -a "${app_dir}" "${image}/.easyto/app"
cp "${here}/init.sh" "${image}/.easyto/sbin/init"
chmod 0755 "${image}/.easyto/sbin/init"

# kmod's modprobe where the init runs it, with the modules where upstream keeps them
# (/.easyto/lib/modules) and where kmod looks (/lib/modules): the NIC, the ACPI button and its
# event device, which
# init.sh loads, and what the kernel-modules scenario asks for, each with its dependencies.
cp "$(command -v kmod)" "${image}/.easyto/sbin/kmod"
ln -s kmod "${image}/.easyto/sbin/modprobe"
ln -s ../.easyto/lib/modules "${image}/lib/modules"
image_modules=${image}/.easyto/lib/modules/${release}
mkdir -p "${image_modules}"
cp "${modules_dir}"/modules.order "${modules_dir}"/modules.builtin* "${image_modules}/"
for module in virtio_pci virtio_net button evdev nf_conntrack; do
    modprobe -d "${kernel_dir}" -S "${release}" --show-depends "${module}" | sed -n 's/^insmod \([^ ]*\).*$/\1/p'
done | sort -u | while IFS= read -r file; do
    relative=${file#"${modules_dir}"/}
    mkdir -p "${image_modules}/$(dirname "${relative}")"
    cp "${file}" "${image_modules}/${relative}"
done
depmod -b "${image}/.easyto" "${release}"

# glibc and the other libraries of every ELF file the guest runs, from this machine, with the
# dynamic loader at the path the executables name.
find "${image}/.easyto/jdk" "${image}/.easyto/sbin/kmod" -type f \( -name '*.so' -o -perm -u+x \) |
    while IFS= read -r file; do
        ldd "${file}" 2>/dev/null || true
    done | sed -n 's/^.*=> \(\/[^ ]*\) (0x.*$/\1/p' | sort -u | while IFS= read -r library; do
    case "${library}" in
        "${image}"/*) ;;
        *) cp -L "${library}" "${image}/lib/x86_64-linux-gnu/$(basename "${library}")" ;;
    esac
done
cp -L /lib64/ld-linux-x86-64.so.2 "${image}/lib64/ld-linux-x86-64.so.2"

[ ! -d "${scenario}/overlay" ] || cp -a "${scenario}/overlay/." "${image}/"
chown -R -h 0:0 "${image}"

initramfs=${work}/initramfs.cpio.gz
(cd "${image}" && find . | cpio -o -H newc --quiet | gzip -1) >"${initramfs}"

waited=0
while [ ! -f "${ready}" ]; do
    if ! alive "${imds_pid}" || [ "${waited}" -ge 200 ]; then
        cat "${work}/imds.log" >&2
        die "the mock IMDS did not start within 10 s"
    fi
    sleep 0.05
    waited=$((waited + 1))
done

# The kernel hands unknown KEY=VALUE words to PID 1 as its environment.
cmdline="rdinit=/.easyto/sbin/init console=ttyS0 panic=-1 EASYTO_TEST_MODE=1 AWS_EC2_METADATA_SERVICE_ENDPOINT=http://10.0.2.2:8080"
if [ -f "${scenario}/config" ]; then
    for assignment in $(sed -n 's/^[[:space:]]*ENV_\([A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*\)$/\1/p' "${scenario}/config"); do
        cmdline="${cmdline} ${assignment}"
    done
fi

nics=""
i=0
while [ "${i}" -lt "${nic_count}" ]; do
    mac=$(printf '52:54:00:12:34:%02x' $((0x56 + i)))
    nics="${nics} -netdev user,id=n${i} -device virtio-net-pci,netdev=n${i},mac=${mac}"
    i=$((i + 1))
done

# QMP over a pair of FIFOs (qmp.in, qmp.out), so that the shell can talk to it. QEMU sends events
# only after the capabilities handshake; what it says is kept in qmp.log.
mkfifo "${work}/qmp.in" "${work}/qmp.out"
: >"${console}"
started=$(date +%s.%N)
# shellcheck disable=SC2086
ip netns exec "${netns}" "${qemu}" -accel tcg -cpu max -smp 2 -m 1024 -no-reboot \
    -display none -vga none -monitor none -serial "file:${console}" \
    -chardev "pipe,id=qmp,path=${work}/qmp" -mon chardev=qmp,mode=control \
    -kernel "${vmlinuz}" -initrd "${initramfs}" -append "${cmdline}" ${nics} \
    </dev/null >"${work}/qemu.log" 2>&1 &
qemu_pid=$!
cat "${work}/qmp.out" >"${work}/qmp.log" 2>/dev/null &
qmp_reader_pid=$!
(printf '{"execute":"qmp_capabilities"}\n' >"${work}/qmp.in") 2>/dev/null &
qmp_writer_pid=$!

if [ "${verbose}" = 1 ]; then
    tail -n +1 -s 0.2 -f --pid="${qemu_pid}" "${console}" | sed -u 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' &
    streamer_pid=$!
fi

# Counted against the clock: a loaded machine stretches short sleeps a lot.
deadline=$(($(date +%s) + timeout))
(
    while [ "$(date +%s)" -lt "${deadline}" ]; do
        sleep 0.2
        alive "${qemu_pid}" || exit 0
    done
    : >"${work}/timed-out"
    kill "${qemu_pid}" 2>/dev/null || true
) </dev/null >/dev/null 2>&1 &
watchdog_pid=$!

if [ -n "${powerdown_after}" ]; then
    (
        until grep -qF -e "${powerdown_after}" "${console}"; do
            alive "${qemu_pid}" || exit 0
            sleep 0.2
        done
        wait_writer=${qmp_writer_pid}
        while alive "${wait_writer}"; do
            sleep 0.1
        done
        printf '{"execute":"system_powerdown"}\n' >"${work}/qmp.in"
        echo "run-vm: pressed the power button (QMP system_powerdown) $(awk -v a="${started}" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after start" >>"${work}/harness.log"
    ) </dev/null >/dev/null 2>&1 &
    powerdown_pid=$!
fi

status=0
wait "${qemu_pid}" 2>/dev/null || status=$?
qemu_pid=""
ended=$(date +%s.%N)
for pid in ${watchdog_pid} ${powerdown_pid} ${qmp_writer_pid}; do
    kill "${pid}" 2>/dev/null || true
    wait "${pid}" 2>/dev/null || true
done
watchdog_pid=""
powerdown_pid=""
qmp_writer_pid=""
wait "${qmp_reader_pid}" 2>/dev/null || true
qmp_reader_pid=""
if [ -n "${streamer_pid}" ]; then
    wait "${streamer_pid}" || true
    streamer_pid=""
fi
seconds=$(awk -v a="${started}" -v b="${ended}" 'BEGIN { printf "%.1f", b - a }')

clean=${work}/console.clean
sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' "${console}" >"${clean}"

# Power-off: QEMU left by itself (-no-reboot makes a reboot or panic end it too, so the kernel's
# own line tells which).
power_off=no
if [ ! -e "${work}/timed-out" ] && [ "${status}" -eq 0 ] && grep -q 'reboot: Power down' "${clean}"; then
    power_off=yes
fi

if [ -e "${work}/timed-out" ]; then
    result=TIMEOUT
elif grep -q 'Kernel panic' "${clean}"; then
    result=FAIL
    echo "run-vm: the kernel panicked" >>"${work}/harness.log"
else
    result=$(judge_console "${clean}" run-vm)
fi
if [ "${power_off}" = no ] && [ "${result}" != TIMEOUT ]; then
    echo "run-vm: the guest did not power off (QEMU exit status ${status})" >>"${work}/harness.log"
    [ "${result}" != PASS ] || result=FAIL
fi

boot_ms=$(sed -n 's/^.*boot completed in \([0-9]*\) ms.*$/\1/p' "${clean}" | tail -n 1)
[ "${verbose}" = 1 ] || cat "${clean}"
if [ "${result}" != PASS ]; then
    for log in qemu imds qmp; do
        if [ -s "${work}/${log}.log" ]; then
            echo "run-vm: ${log}.log:" >&2
            cat "${work}/${log}.log" >&2
        fi
    done
fi
[ ! -f "${work}/harness.log" ] || cat "${work}/harness.log" >&2
echo "RESULT ${name} ${result} (power-off: ${power_off}, ${seconds}s, boot completed in ${boot_ms:-?} ms)"
[ "${result}" = PASS ]
