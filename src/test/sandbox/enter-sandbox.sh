#!/bin/sh
# Runs as PID 1 of the sandbox's fresh pid and mount namespaces (started by run-scenario.sh through
# unshare), builds the root and execs the init in its place.
#
# Usage: enter-sandbox.sh ROOT IMAGE EMPTY_DIR JAVA_HOME APP_DIR ENV_FILE SETUP_LOG STARTED INIT...
set -eu

root=${1}
image=${2}
empty=${3}
java_home=${4}
app_dir=${5}
env_file=${6}
setup_log=${7}
started=${8}
shift 8
[ "$#" -gt 0 ] || {
    echo "enter-sandbox: no init command" >&2
    exit 2
}

# The console arrives as fd 3 and becomes the init's standard output and error; the setup's own
# messages stay out of it.
exec >>"${setup_log}" 2>&1

# Nothing mounted here may propagate back to the host's mount namespace.
mount --make-rprivate /

# The init remounts / read-only at shutdown and may unmount what it finds: / must be a
# superblock of its own, never the host's filesystem. A tmpfs, or, for a scenario that checks its
# root after the boot, the ext4 loop device the harness made (ROOT_DEVICE, lib/kept-root.sh).
if [ -n "${ROOT_DEVICE:-}" ]; then
    mount -t ext4 "${ROOT_DEVICE}" "${root}"
    chmod 0755 "${root}"
else
    mount -t tmpfs -o size=256m,mode=0755 easyto-root "${root}"
fi
cp -a "${image}/." "${root}/"

# The init grows the partition that holds / (its grow-root phase writes that partition's GPT disk),
# and the sandbox's /sys and /dev show this machine's own disks. So / must never be on a
# partition here: a tmpfs is on no block device, and the kept root is a whole loop device that
# the harness made, and the phase finds nothing to grow. Checked rather than assumed, so that no
# change to this script can ever hand the init a host disk to grow.
root_device_numbers=$(mountpoint -d "${root}")
if [ -e "/sys/dev/block/${root_device_numbers}/partition" ]; then
    echo "enter-sandbox: the root ${root} is on a partition (${root_device_numbers}); refusing to boot an init that would grow it" >&2
    exit 2
fi
if [ -n "${ROOT_DEVICE:-}" ] && [ ! -e "/sys/dev/block/${root_device_numbers}/loop/backing_file" ]; then
    echo "enter-sandbox: the root ${root} is on ${root_device_numbers}, not the harness's loop device" >&2
    exit 2
fi

# Host directories appear through read-only overlays rather than bind mounts: a bind mount shares
# the host's superblock, so a remount without MS_BIND inside the sandbox would turn the host's
# filesystem read-only. An overlay with two lower layers is read-only and has its own superblock.
overlay()
{
    mkdir -p "${root}${2}"
    mount -t overlay "easyto-ro" -o "ro,lowerdir=${1}:${empty}" "${root}${2}"
}
overlay "${java_home}" /.easyto/jdk
[ -z "${app_dir}" ] || overlay "${app_dir}" /.easyto/app
# The JDK is dynamically linked against the host's glibc.
overlay /lib/x86_64-linux-gnu /lib/x86_64-linux-gnu
overlay /lib64 /lib64

# The one writable host directory: the boot trace the init copies there (EASYTO_TRACE_COPY)
# outlives the sandbox, for the tests that compare it with plan. It is a bind mount, so it shares
# the host filesystem's superblock; that is safe because the init only remounts / and the mounts it
# made itself, and no scenario remounts anything.
if [ -n "${TRACE_OUT:-}" ]; then
    mkdir -p "${root}/.easyto-harness"
    mount --bind "${TRACE_OUT}" "${root}/.easyto-harness"
fi

# env -i leaves the init only what a kernel gives PID 1 (the env file); assignments are prepended
# in reverse so they keep the file's order. Without PATH, chroot is named by its full path.
set -- "$(command -v chroot)" "${root}" "$@"
reversed=$(tac "${env_file}")
while IFS= read -r assignment; do
    [ -z "${assignment}" ] || set -- "${assignment}" "$@"
done <<EOF
${reversed}
EOF

# When the init is exec'd, in microseconds of the realtime clock, for the benchmark scenario
# (src/test/bench/boot): PID 1's own start time is this script's, and the setup above takes tens
# of milliseconds that a kernel starting the init does not.
[ -z "${TRACE_OUT:-}" ] || date +%s%6N >"${root}/.easyto-harness/init-exec-us"
: >"${started}"
exec env -i "$@" >&3 2>&3 3>&-
