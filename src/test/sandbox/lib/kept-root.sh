# The root a scenario checks after its boot (its after-boot.sh). The sandbox's root is normally a
# tmpfs of the sandbox's own mount namespace, gone with it. A scenario with an after-boot.sh boots
# on an ext4 filesystem on a loop device instead (a superblock of its own, as the init's read-only
# remount needs), which outlives the namespace: once the kernel has let go of it, the harness
# checks it (e2fsck -fn must find it clean), mounts it read-only and runs
# `sh after-boot.sh ROOT_DIR` on the host; a failure, or a line starting with FAIL, fails the
# scenario, and every line it prints goes to the harness's notes. Sourced by run-scenario.sh,
# which sets `work`, `scenario`, `harness` and `result`, and tears down with release_kept_root.
#
# What this can show: the data is on the filesystem, complete, when the init has stopped
# everything and powered off, and the filesystem is consistent. What it cannot: a power cut. The
# namespace's end unmounts the filesystem cleanly whatever the init did, so a missing sync would
# only show on a machine that loses power.

# prepare_kept_root: `root_device`, the loop device of a fresh ext4 image, for a scenario with an
# after-boot.sh; empty otherwise.
prepare_kept_root()
{
    root_device=""
    kept_root_mounted=""
    [ -f "${scenario}/after-boot.sh" ] || return 0
    need_tools "apt-get install e2fsprogs util-linux coreutils" mkfs.ext4 e2fsck losetup truncate
    truncate -s 256M "${work}/root.img"
    mkfs.ext4 -q -F "${work}/root.img" >>"${work}/setup.log" 2>&1 || die "mkfs.ext4 failed (setup.log)"
    root_device=$(losetup --find --show "${work}/root.img") || die "no loop device for the kept root"
}

# check_kept_root: after-boot.sh's verdict folded into `result` (a PASS can only become FAIL).
check_kept_root()
{
    [ -n "${root_device}" ] || return 0
    # ext4 lists each mounted filesystem under /sys/fs/ext4 until its superblock goes: the
    # namespace's mounts are dropped as it ends, not necessarily by the time unshare has exited.
    ticks=100
    while [ -e "/sys/fs/ext4/${root_device#/dev/}" ] && [ "${ticks}" -gt 0 ]; do
        sleep 0.1
        ticks=$((ticks - 1))
    done
    if [ -e "/sys/fs/ext4/${root_device#/dev/}" ]; then
        kept_root_fails "the root was still mounted 10 s after the sandbox ended"
        return 0
    fi
    if ! e2fsck -fn "${root_device}" >"${work}/fsck.log" 2>&1; then
        kept_root_fails "the root's filesystem is not clean after the boot: $(tail -n 3 "${work}/fsck.log" | tr '\n' ' ')"
    fi
    mkdir -p "${work}/after-root"
    if ! mount -t ext4 -o ro "${root_device}" "${work}/after-root" 2>>"${work}/harness.log"; then
        kept_root_fails "could not mount the root after the boot"
        return 0
    fi
    kept_root_mounted=1
    status=0
    sh "${scenario}/after-boot.sh" "${work}/after-root" >"${work}/after-boot.log" 2>&1 || status=$?
    sed "s/^/${harness}: after-boot: /" "${work}/after-boot.log" >>"${work}/harness.log"
    if [ "${status}" -ne 0 ] || grep -q '^FAIL' "${work}/after-boot.log"; then
        kept_root_fails "after-boot.sh failed (status ${status})"
    fi
    umount "${work}/after-root" && kept_root_mounted=""
}

kept_root_fails()
{
    echo "${harness}: ${1}" >>"${work}/harness.log"
    [ "${result}" != PASS ] || result=FAIL
}

# release_kept_root: for teardown, whatever happened before.
release_kept_root()
{
    [ -z "${kept_root_mounted:-}" ] || umount "${work}/after-root" 2>/dev/null || true
    [ -z "${root_device:-}" ] || losetup -d "${root_device}" 2>/dev/null || true
    root_device=""
}
