#!/bin/sh
# /.easyto/sbin/init of the VM test initramfs: the kernel runs it as PID 1 (rdinit=), it does
# what upstream's kernel does by itself and Debian's does not, and then execs the init, which stays
# PID 1: make release's launcher when the initramfs has one (ARTIFACT=jvm-release), else the native
# executable (ARTIFACT=native), else the application on the jlink'ed JVM (ARTIFACT=jvm).
#
# Upstream's kernel has virtio-net built in and CONFIG_ACPI_TINY_POWER_BUTTON (the power button
# sends signal 38 to PID 1). Debian's has virtio-net as a module and the full ACPI button driver,
# which only reports a KEY_POWER input event. So this loads the NIC, button and evdev modules and leaves
# behind a small process that turns each power-button event into signal 38 to PID 1: the init
# sees what it sees on EC2, from this process's pid instead of the kernel's.
bb=/bin/busybox
${bb} mount -t proc proc /proc
${bb} mount -t sysfs sysfs /sys
${bb} mount -t devtmpfs devtmpfs /dev
/.easyto/sbin/modprobe -a virtio_pci virtio_net button evdev || echo "vm-init: modprobe failed" >&2
# A scenario with a data disk (lib/disks.sh) lists what it needs: Debian's nvme, ext4 and btrfs are
# modules, which the init's modprobe would not know to load.
if [ -f /.easyto/lib/vm-modules ]; then
    # shellcheck disable=SC2046
    /.easyto/sbin/modprobe -a $(${bb} cat /.easyto/lib/vm-modules) || echo "vm-init: modprobe of the disk modules failed" >&2
fi

button=""
for event in /sys/class/input/event*; do
    if [ "$(${bb} cat "${event}/device/name" 2>/dev/null)" = "Power Button" ]; then
        button=/dev/input/${event##*/}
        break
    fi
done
if [ -n "${button}" ]; then
    # Opened here so that the unmount below cannot race the child's open. One read returns every
    # queued event (press, release, syncs), so a press is one signal, rarely two.
    exec 3<"${button}"
    (
        exec <&3 3<&-
        while ${bb} dd bs=96 count=1 of=/dev/null 2>/dev/null; do
            ${bb} kill -38 1
        done
    ) &
    exec 3<&-
    echo "vm-init: ${button} (Power Button) sends signal 38 to PID 1" >&2
else
    echo "vm-init: no ACPI power button found" >&2
fi

# Other signals from the host (SEND_SIGNAL=TERM@N, say): when the harness gave the VM a second
# serial port, each line it writes there is a signal this process sends PID 1, as a host's kill
# reaches PID 1 in the sandbox. Without that port (type 0: no UART) nothing listens.
if [ "$(${bb} cat /sys/class/tty/ttyS1/type 2>/dev/null || echo 0)" != 0 ]; then
    exec 4<>/dev/ttyS1
    ${bb} stty -F /dev/ttyS1 -echo 2>/dev/null || true
    (
        exec <&4 4>&-
        while IFS= read -r signal; do
            ${bb} kill -"${signal}" 1
        done
    ) &
    exec 4>&-
fi

# The init mounts these itself and expects to find nothing there, as on EC2.
${bb} umount /proc /sys
${bb} umount -l /dev

# The release's launcher is what an AMI's kernel would run: it sets the environment itself.
if [ -x /.easyto/sbin/init-release ]; then
    exec /.easyto/sbin/init-release
fi

# A kernel-started PID 1 has HOME, TERM and the command line's KEY=VALUE words in its
# environment; the shell added PATH, PWD and SHLVL. The JVM launcher finds its libraries through
# /proc/self/exe, which is not mounted yet, and the native executable's $ORIGIN run path needs it
# too: LD_LIBRARY_PATH stands in, and the init drops it when it re-executes itself.
if [ -x /.easyto/app/easyto-init ]; then
    exec ${bb} env -u PATH -u PWD -u SHLVL -u OLDPWD LD_LIBRARY_PATH=/.easyto/app/lib \
        /.easyto/app/easyto-init
fi
exec ${bb} env -u PATH -u PWD -u SHLVL -u OLDPWD LD_LIBRARY_PATH=/.easyto/jdk/lib \
    /.easyto/jdk/bin/java -Xrs -XX:+DisableAttachMechanism -XX:-UsePerfData -XX:TieredStopAtLevel=1 \
    -XX:+UseSerialGC -Xmx128m -Xshare:auto -jar /.easyto/app/quarkus-run.jar
