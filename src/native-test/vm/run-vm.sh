#!/bin/sh
# Boots the init as PID 1 of a QEMU virtual machine (TCG) with Debian's kernel and an initramfs
# made like the sandbox's test root, against the mock IMDS, and judges the serial console the way
# upstream's QEMU harness does. ARTIFACT says which init: jvm (the default) runs the application
# from target/quarkus-app on a runtime jlink'ed from JAVA_HOME; native runs target/native/easyto-init
# (make native) with its lib/ and no Java runtime; jvm-release unpacks make release's tarball and
# runs its /.easyto/sbin/init. glibc comes from this machine for all three.
#
# Usage: run-vm.sh SCENARIO_DIR
# Environment:
#   ARTIFACT           jvm (default), native or jvm-release
#   EASYTO_VM_KERNEL   the kernel cache fetch-kernel.sh fills (default
#                      /var/cache/easyto-init/vm-kernel)
#   QEMU               the emulator (default qemu-system-x86_64)
#   APP_DIR            the application (default target/quarkus-app; target/native for native)
#   RELEASE_TARBALL    for jvm-release (default: the one target/release/easyto-init-jvm-*.tar.gz)
#   TEST_CLASSES       classpath of the mock IMDS (default target/test-classes)
#   JAVA_HOME          the JDK jlink'ed for the guest (jvm) and running the mock
#   KEEP=1             keep the work directory; VERBOSE=1 stream the console while it runs
# Scenario files, as run-scenario.sh reads them (user-data.yaml | user-data.gz |
# user-data-source.yaml, expected-output, unexpected-output, overlay/, owners, metadata.json, imds/) and
# config keys TIMEOUT (default 300: a JVM under TCG is slow; a scenario's own gets VM_BOOT_ALLOWANCE,
# default 120 s, added), NIC_COUNT, SPOT_TERMINATION_DELAY,
# ENV_NAME=VALUE (added to the kernel command line), POWERDOWN_AFTER=TEXT (once the console
# shows TEXT, press the ACPI power button: QMP system_powerdown) and SEND_SIGNAL=SIG@SECONDS (that
# long after the init's "boot completed" line: 38 presses the power button, any other signal is
# sent by a helper in the guest, through a second serial port), and DISK_SIZE, HOTPLUG_DISK and
# USE_AWS (lib/disks.sh says what they do, and how the guest gets nvme, ext4 and btrfs; it also
# reads EASYTO_VM_DISK and EASYTO_VM_BOOT). Any other key is refused, named,
# and so is a scenario with an after-boot.sh (run-scenario.sh's check of the root after the boot).
# ROOT_DISK_SIZE and ROOT_PARTITION_SIZE (both, e.g. 1G and 320M) boot from a GPT disk instead of
# the initramfs (ROOT_BLOCK_SIZE: its logical blocks, 512 or 4096), through a busybox stage 1, and check the disk after the boot and a second boot
# of it (lib/root-disk.sh, expected-output-again).
# A scenario passes when its console passes and the guest powered off: QEMU exited by itself
# after the kernel's "reboot: Power down".
# Exit status: 0 if the scenario passed, 1 otherwise, 2 on usage or setup errors.
#
# Sources the library it shares with the sandbox harness, src/test/sandbox/lib/harness.sh (errors,
# paths, config, timers, cleanup, and through it the mock IMDS, the test root and the console's
# judgement and RESULT line), found from this script's place in the repository, and its own part
# lib/initramfs.sh (the guest's runtime, modules and libraries).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../../.." && pwd)
harness=run-vm
# shellcheck source=src/test/sandbox/lib/harness.sh
. "${repo}/src/test/sandbox/lib/harness.sh"
# shellcheck source=src/native-test/vm/lib/initramfs.sh
. "${here}/lib/initramfs.sh"
# shellcheck source=src/native-test/vm/lib/disks.sh
. "${here}/lib/disks.sh"
# shellcheck source=src/native-test/vm/lib/root-disk.sh
. "${here}/lib/root-disk.sh"

start_harness "network namespace, device nodes in the initramfs" "$@"
find_jdk jlink " with jlink"
artifact=${ARTIFACT:-jvm}
case "${artifact}" in
    jvm)
        app_dir=$(absolute "${APP_DIR:-${repo}/target/quarkus-app}")
        [ -f "${app_dir}/quarkus-run.jar" ] || die "no application in ${app_dir} (run: mvn -q package -DskipTests)"
        ;;
    native)
        app_dir=$(absolute "${APP_DIR:-${repo}/target/native}")
        [ -x "${app_dir}/easyto-init" ] || die "no native executable ${app_dir}/easyto-init (run: make native)"
        ;;
    jvm-release)
        release_tarball=${RELEASE_TARBALL:-$(ls "${repo}"/target/release/easyto-init-jvm-*.tar.gz 2>/dev/null | tail -n 1)}
        [ -f "${release_tarball}" ] || die "no JVM release tarball in target/release/ (run: make release)"
        ;;
    *) die "ARTIFACT=${artifact}: not jvm, native or jvm-release" ;;
esac
find_mock_imds
kernel_dir=${EASYTO_VM_KERNEL:-/var/cache/easyto-init/vm-kernel}
[ -f "${kernel_dir}/release" ] || die "no kernel in ${kernel_dir} (run: sh ${here}/fetch-kernel.sh)"
release=$(cat "${kernel_dir}/release")
vmlinuz=${kernel_dir}/boot/vmlinuz-${release}
modules_dir=${kernel_dir}/lib/modules/${release}
[ -f "${vmlinuz}" ] || die "no ${vmlinuz}"
qemu=${QEMU:-qemu-system-x86_64}
need_tools "apt-get install --no-install-recommends qemu-system-x86" "${qemu}"
need_tools "apt-get install iproute2 busybox-static cpio kmod" ip busybox cpio gzip depmod modprobe kmod ldd
keep=${KEEP:-0}
verbose=${VERBOSE:-0}

# shellcheck disable=SC2086
check_config_keys TIMEOUT NIC_COUNT SPOT_TERMINATION_DELAY POWERDOWN_AFTER SEND_SIGNAL ${disk_keys} ROOT_DISK_SIZE ROOT_PARTITION_SIZE ROOT_BLOCK_SIZE
root_disk_config
# The guest's root is an initramfs, gone with the VM: nothing is left for the check to read.
[ ! -f "${scenario}/after-boot.sh" ] \
    || die "${scenario}/after-boot.sh: run-vm.sh cannot check the root after the boot (only run-scenario.sh keeps it)"
read_config 300
disks_config
powerdown_after=$(config_get POWERDOWN_AFTER "")
# A VM's one way to signal PID 1 from outside is the power button: signal 38, EC2's stop.
# SEND_SIGNAL: 38 is the power button, as on EC2; any other signal goes through the guest's second
# serial port to a small helper of init.sh that sends it to PID 1.
read_send_signal
case "${signal}" in
    '' | 38 | RTMIN+4) signal_port="" ;;
    *) signal_port=1 ;;
esac
[ -z "${signal}" ] || [ -z "${powerdown_after}" ] \
    || die "${scenario}/config: SEND_SIGNAL and POWERDOWN_AFTER both say when to press the power button"

new_run vm
netns=easyto-vm-${id}
qemu_pid=""
powerdown_pid=""
qmp_reader_pid=""
qmp_writer_pid=""

teardown()
{
    stop TERM "${watchdog_pid}" "${powerdown_pid}" "${qmp_writer_pid}"
    stop KILL "${qemu_pid}" "${imds_pid}" "${qmp_reader_pid}" "${streamer_pid}"
    disks_teardown
    ip netns delete "${netns}" 2>/dev/null || true
}

# What the watchdog does when time is up.
kill_qemu()
{
    kill "${qemu_pid}" 2>/dev/null || true
}

arm_cleanup

# The guest reaches the host as 10.0.2.2, which QEMU's user network maps to the loopback of the
# network namespace QEMU runs in. A namespace of our own gives the mock port 8080 to itself, so
# runs and other programs on this machine cannot collide on it.
ip netns add "${netns}"
ip -n "${netns}" link set lo up

# Upstream's scenario data writes to /dev/ttyS0, which is the console here: served unchanged.
mock_imds_dir
for file in user-data.yaml user-data.gz user-data-source.yaml; do
    [ ! -f "${scenario}/${file}" ] || cp "${scenario}/${file}" "${imds_dir}/${file}"
done
disks_before_imds
start_mock_imds "${netns}" 127.0.0.1:8080

[ "${artifact}" != jvm ] || guest_runtime
build_initramfs
[ -z "${root_disk_size}" ] || build_root_disk
await_mock_imds

# The kernel hands unknown KEY=VALUE words to PID 1 as its environment.
cmdline="rdinit=/.easyto/sbin/init console=ttyS0 panic=-1 EASYTO_TEST_MODE=1 AWS_EC2_METADATA_SERVICE_ENDPOINT=http://10.0.2.2:8080"
if [ -f "${scenario}/config" ]; then
    for assignment in $(sed -n 's/^[[:space:]]*ENV_\([A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*\)$/\1/p' "${scenario}/config"); do
        cmdline="${cmdline} ${assignment}"
    done
fi
# The release's launcher lets the JVM fall back to no cache when its AOT cache does not fit (a
# jar's time or size changed, another JVM): a slower boot, nothing said. Here such a cache must
# fail the boot instead (AOTMode=on refuses to start without it), so a release whose cache the
# guest cannot map never passes. Both JVMs of the boot (the re-exec too) read it.
[ "${artifact}" != jvm-release ] || cmdline="${cmdline} JAVA_TOOL_OPTIONS=-XX:AOTMode=on"
disks_qemu_args
cmdline="${cmdline}${cmdline_disks:+ ${cmdline_disks}}"

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
signal_serial=""
if [ -n "${signal_port}" ]; then
    mkfifo "${work}/signals.in" "${work}/signals.out"
    signal_serial="-chardev pipe,id=signals,path=${work}/signals -serial chardev:signals"
fi
: >"${console}"
started=$(date +%s.%N)
# shellcheck disable=SC2086
ip netns exec "${netns}" "${qemu}" -accel tcg -cpu max -smp 2 -m 1024 -no-reboot \
    -display none -vga none -monitor none -serial "file:${console}" \
    -chardev "pipe,id=qmp,path=${work}/qmp" -mon chardev=qmp,mode=control ${signal_serial} \
    -kernel "${vmlinuz}" -initrd "${initramfs}" -append "${cmdline}" ${nics} ${disk_args} ${root_disk_drive} \
    </dev/null >"${work}/qemu.log" 2>&1 &
qemu_pid=$!
cat "${work}/qmp.out" >"${work}/qmp.log" 2>/dev/null &
qmp_reader_pid=$!
(printf '{"execute":"qmp_capabilities"}\n' >"${work}/qmp.in") 2>/dev/null &
qmp_writer_pid=$!
disks_watch

[ "${verbose}" != 1 ] || stream_console "${qemu_pid}" 0.2

# Counted against the clock: a loaded machine stretches short sleeps a lot.
# A scenario's own TIMEOUT was set for upstream's harness (KVM, a native init booting in about a
# second); under TCG the kernel and the init take 20 to 80 s more, which it gets on top.
if [ -n "$(config_get TIMEOUT "")" ]; then
    timeout=$((timeout + ${VM_BOOT_ALLOWANCE:-120}))
fi
deadline=$(($(date +%s) + timeout))
start_watchdog "${qemu_pid}" 0.2 before_deadline kill_qemu

# POWERDOWN_AFTER: the power button once the console shows the text and QMP's handshake is done.
# SEND_SIGNAL=SIG@SECONDS: that many seconds after the init's "boot completed" line, not after
# QEMU starts as in upstream's harness: under TCG a boot takes 20 to 80 s, so a delay counted from
# the start would reach a machine still booting.
if [ -n "${powerdown_after}" ] || [ -n "${signal}" ]; then
    (
        if [ -n "${signal}" ]; then
            wait_while_alive "${qemu_pid}" 0.2 grep -qF -e "boot completed in" "${console}" || exit 0
            sleep "${signal_delay}"
            if [ -n "${signal_port}" ]; then
                # QEMU holds the FIFO open for reading and writing: this open does not block.
                printf '%s\n' "${signal}" >"${work}/signals.in"
                echo "${harness}: sent SIG${signal} to PID 1 through the second serial port $(seconds_between "${started}" "$(date +%s.%N)") s after start" >>"${work}/harness.log"
                exit 0
            fi
        else
            wait_while_alive "${qemu_pid}" 0.2 grep -qF -e "${powerdown_after}" "${console}" || exit 0
        fi
        wait_writer=${qmp_writer_pid}
        while alive "${wait_writer}"; do
            sleep 0.1
        done
        printf '{"execute":"system_powerdown"}\n' >"${work}/qmp.in"
        echo "${harness}: pressed the power button (QMP system_powerdown) $(seconds_between "${started}" "$(date +%s.%N)") s after start" >>"${work}/harness.log"
    ) </dev/null >/dev/null 2>&1 &
    powerdown_pid=$!
fi

status=0
wait "${qemu_pid}" 2>/dev/null || status=$?
qemu_pid=""
ended=$(date +%s.%N)
stop TERM "${watchdog_pid}" "${powerdown_pid}" "${qmp_writer_pid}"
watchdog_pid=""
powerdown_pid=""
qmp_writer_pid=""
wait "${qmp_reader_pid}" 2>/dev/null || true
qmp_reader_pid=""
if [ -n "${streamer_pid}" ]; then
    wait "${streamer_pid}" || true
    streamer_pid=""
fi
seconds=$(seconds_between "${started}" "${ended}")

clean_console

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
    echo "${harness}: the kernel panicked" >>"${work}/harness.log"
else
    result=$(judge_console)
fi
require_power_off "the guest did not power off (QEMU exit status ${status})"
[ -z "${root_disk_size}" ] || check_root_disk

boot_ms=$(sed -n 's/^.*boot completed in \([0-9]*\) ms.*$/\1/p' "${clean}" | tail -n 1)
report "${artifact}, ${seconds}s, boot completed in ${boot_ms:-?} ms" qemu imds qmp
[ "${result}" = PASS ]
