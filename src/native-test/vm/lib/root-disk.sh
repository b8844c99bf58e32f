# Boot from disk, for run-vm.sh: with ROOT_DISK_SIZE and ROOT_PARTITION_SIZE in a scenario's
# config, the guest's root is not the initramfs but an ext4 filesystem on partition 1 of a GPT
# disk (virtio, /dev/vda, logical blocks of ROOT_BLOCK_SIZE bytes: 512, the default, or 4096), the
# disk larger than the partition, as an EC2 root volume launched larger than its AMI. sfdisk sees
# a file as a disk of 512-byte blocks; for 4096 it works on a loop device of that block size that
# this script makes over the run's image file and detaches again. The filesystem holds what the initramfs would have (the
# test root, the init, modules, libraries) plus the image's /.easyto/sbin/resize2fs from this
# machine's e2fsprogs with its libraries; it is made with `mkfs.ext4 -d` from that directory and
# copied into a sparse disk image, so nothing but files of the run's work directory is written.
#
# Debian's kernel has virtio_blk and ext4 as modules, so the kernel starts a stage 1 from a small
# initramfs instead (busybox sh): it loads them with insmod, mounts /dev/vda1 and
# switch_roots into it, exec'ing /.easyto/sbin/init (vm/init.sh), which execs the init: PID 1 as
# on EC2, with / on a partition of a block device. Upstream's kernel needs no stage 1.
#
# After the boot the host checks the disk: `sfdisk --verify` passes, partition 1 ends at the last
# usable sector aligned down to 1 MiB (`sfdisk -d`), and `dumpe2fs -h` shows a filesystem that
# fills it. Then the same disk boots a second time, whose console must show each line of the
# scenario's expected-output-again (and none of unexpected-output-again), and the table and the
# filesystem must be as the first boot left them. Sourced by run-vm.sh after lib/initramfs.sh,
# which sets what build_initramfs uses; `work`, `scenario`, `harness`, `image`, `initramfs`,
# `kernel_dir`, `release`, `modules_dir`, `qemu`, `netns`, `vmlinuz`, `cmdline`, `nics`, `timeout`.

# root_disk_config: `root_disk_size` and `root_partition_size` (sizes as truncate takes them),
# both empty when the scenario boots from the initramfs.
root_disk_config()
{
    root_disk_size=$(config_get ROOT_DISK_SIZE "")
    root_partition_size=$(config_get ROOT_PARTITION_SIZE "")
    root_block_size=$(config_get ROOT_BLOCK_SIZE 512)
    root_disk_drive=""
    case "${root_block_size}" in
        512 | 4096) ;;
        *) die "${scenario}/config: ROOT_BLOCK_SIZE=${root_block_size}: not 512 or 4096" ;;
    esac
    [ -n "${root_disk_size}${root_partition_size}" ] || return 0
    [ -n "${root_disk_size}" ] && [ -n "${root_partition_size}" ] \
        || die "${scenario}/config: ROOT_DISK_SIZE and ROOT_PARTITION_SIZE go together"
    need_tools "apt-get install fdisk e2fsprogs" sfdisk mkfs.ext4 dumpe2fs resize2fs truncate losetup
}

# root_disk_sfdisk ARGS...: sfdisk ARGS... on the disk image with its logical block size (a file
# for 512, a loop device of the run's own over it for 4096), its standard input passed on.
root_disk_sfdisk()
{
    if [ "${root_block_size}" = 512 ]; then
        sfdisk "$@" "${root_disk}"
        return
    fi
    loop=$(losetup --find --show --sector-size "${root_block_size}" "${root_disk}") || return 1
    sfdisk_status=0
    sfdisk "$@" "${loop}" | sed "s|${loop}|${root_disk}|g" || sfdisk_status=$?
    losetup -d "${loop}"
    return "${sfdisk_status}"
}

# build_root_disk: after build_initramfs, moves its tree onto `root_disk` and makes `initramfs`
# the stage 1 and `root_disk_drive` QEMU's arguments for the disk.
build_root_disk()
{
    resize2fs_program=$(command -v resize2fs)
    cp "${resize2fs_program}" "${image}/.easyto/sbin/resize2fs"
    ldd "${resize2fs_program}" | sed -n 's/^.*=> \(\/[^ ]*\) (0x.*$/\1/p' | while IFS= read -r library; do
        cp -L "${library}" "${image}/lib/x86_64-linux-gnu/$(basename "${library}")"
    done

    root_disk=${work}/root-disk.img
    truncate -s "${root_disk_size}" "${root_disk}"
    partition_bytes=$(numfmt --from=iec "${root_partition_size}")
    printf 'label: gpt\nstart=%s, size=%s, name=root\n' $((1048576 / root_block_size)) \
        $((partition_bytes / root_block_size)) | root_disk_sfdisk --quiet >>"${work}/harness.log" 2>&1 \
        || die "sfdisk could not partition ${root_disk}"
    truncate -s "${root_partition_size}" "${work}/root-partition.img"
    mkfs.ext4 -q -F -b 4096 -L root -d "${image}" "${work}/root-partition.img" >>"${work}/harness.log" 2>&1 \
        || die "mkfs.ext4 -d ${image} failed (harness.log)"
    dd if="${work}/root-partition.img" of="${root_disk}" bs=1M seek=1 conv=notrunc,sparse status=none
    rm -f "${work}/root-partition.img"
    root_disk_drive="-drive file=${root_disk},format=raw,if=none,id=rootdisk -device virtio-blk-pci,drive=rootdisk"
    root_disk_drive="${root_disk_drive},logical_block_size=${root_block_size},physical_block_size=${root_block_size}"

    stage1=${work}/stage1
    mkdir -p "${stage1}/bin" "${stage1}/proc" "${stage1}/sys" "${stage1}/dev" "${stage1}/newroot" \
        "${stage1}/modules" "${stage1}/.easyto/sbin"
    cp "$(command -v busybox)" "${stage1}/bin/busybox"
    mknod -m 0600 "${stage1}/dev/console" c 5 1
    for module in virtio_pci virtio_blk ext4; do
        modprobe -d "${kernel_dir}" -S "${release}" --show-depends "${module}" | sed -n 's/^insmod \([^ ]*\).*$/\1/p'
    done | awk '!seen[$0]++' | while IFS= read -r file; do
        cp "${file}" "${stage1}/modules/"
        basename "${file}" >>"${stage1}/modules/order"
    done
    cat >"${stage1}/init" <<'EOF_STAGE1'
#!/bin/busybox sh
# Stage 1 of run-vm.sh's boot from disk (lib/root-disk.sh): the modules Debian's kernel lacks,
# then / on /dev/vda1 and the VM's init there as PID 1.
bb=/bin/busybox
${bb} mount -t proc proc /proc
${bb} mount -t sysfs sysfs /sys
${bb} mount -t devtmpfs devtmpfs /dev
while IFS= read -r module; do
    ${bb} insmod "/modules/${module}" 2>/dev/null || echo "stage-1: insmod ${module} failed" >&2
done </modules/order
ticks=0
while [ ! -b /dev/vda1 ] && [ "${ticks}" -lt 300 ]; do
    ${bb} sleep 0.1
    ticks=$((ticks + 1))
done
if ! ${bb} mount -t ext4 /dev/vda1 /newroot; then
    echo "stage-1: cannot mount /dev/vda1" >&2
    ${bb} poweroff -f
fi
${bb} umount /proc /sys /dev
exec ${bb} switch_root /newroot /.easyto/sbin/init
EOF_STAGE1
    chmod 0755 "${stage1}/init"
    ln -s /init "${stage1}/.easyto/sbin/init"
    initramfs=${work}/stage1.cpio.gz
    (cd "${stage1}" && find . | cpio -o -H newc --quiet | gzip -1) >"${initramfs}"
}

# root_disk_fails TEXT: notes it and fails the run.
root_disk_fails()
{
    echo "${harness}: root disk: ${1}" >>"${work}/harness.log"
    result=FAIL
}

# root_disk_state: the table and filesystem geometry as `sfdisk -d` and `dumpe2fs -h` give them,
# in `root_disk_table` and `root_disk_blocks`; and the checks that they fill the disk.
root_disk_state()
{
    if ! root_disk_sfdisk --verify >"${work}/sfdisk-verify.log" 2>&1 \
        || ! grep -q '^No errors detected' "${work}/sfdisk-verify.log"; then
        root_disk_fails "sfdisk --verify: $(tr '\n' ' ' <"${work}/sfdisk-verify.log")"
    fi
    root_disk_table=$(root_disk_sfdisk -d 2>&1)
    last_lba=$(printf '%s\n' "${root_disk_table}" | sed -n 's/^last-lba: \([0-9]*\)$/\1/p')
    start=$(printf '%s\n' "${root_disk_table}" | sed -n 's/^.*1 : start= *\([0-9]*\), size= *\([0-9]*\),.*$/\1/p')
    size=$(printf '%s\n' "${root_disk_table}" | sed -n 's/^.*1 : start= *\([0-9]*\), size= *\([0-9]*\),.*$/\2/p')
    bs=${root_block_size}
    disk_sectors=$(($(stat -c %s "${root_disk}") / bs))
    end=$((start + size - 1))
    mib=$((1048576 / bs))
    wanted_end=$(((last_lba + 1) / mib * mib - 1))
    # The backup header in the last block, its 128 entries of 128 bytes just before.
    wanted_last_lba=$((disk_sectors - 2 - 16384 / bs))
    echo "${harness}: root disk: ${disk_sectors} blocks of ${bs} bytes, last usable ${last_lba}, partition 1 ${start}-${end}" >>"${work}/harness.log"
    [ "${last_lba}" = "${wanted_last_lba}" ] \
        || root_disk_fails "last usable LBA ${last_lba}, not ${wanted_last_lba}: the backup GPT is not at the disk's end"
    [ "${end}" = "${wanted_end}" ] \
        || root_disk_fails "partition 1 ends at ${end}, not at the last usable LBA aligned down to 1 MiB (${wanted_end})"
    dumpe2fs -h "${root_disk}?offset=$((start * bs))" >"${work}/dumpe2fs.log" 2>&1 \
        || root_disk_fails "dumpe2fs -h failed: $(tail -n 2 "${work}/dumpe2fs.log" | tr '\n' ' ')"
    root_disk_blocks=$(sed -n 's/^Block count: *\([0-9]*\)$/\1/p' "${work}/dumpe2fs.log")
    block_size=$(sed -n 's/^Block size: *\([0-9]*\)$/\1/p' "${work}/dumpe2fs.log")
    echo "${harness}: root disk: filesystem of ${root_disk_blocks} blocks of ${block_size} bytes" >>"${work}/harness.log"
    [ -n "${block_size}" ] && [ $((${root_disk_blocks:-0} * block_size)) = $((size * bs)) ] \
        || root_disk_fails "the filesystem (${root_disk_blocks} blocks of ${block_size}) does not fill partition 1 ($((size * bs)) bytes)"
    state_clean=$(sed -n 's/^Filesystem state: *\(.*\)$/\1/p' "${work}/dumpe2fs.log")
    [ "${state_clean}" = clean ] || root_disk_fails "filesystem state after power-off: ${state_clean}"
}

# check_root_disk: after a passed first boot, the disk's state, then the second boot of the same
# disk and the same checks, with nothing changed.
check_root_disk()
{
    [ "${result}" = PASS ] || return 0
    root_disk_state
    [ "${result}" = PASS ] || return 0
    first_table=${root_disk_table}
    first_blocks=${root_disk_blocks}

    console2=${work}/console-again.log
    : >"${console2}"
    # shellcheck disable=SC2086
    if ! timeout "${timeout}" ip netns exec "${netns}" "${qemu}" -accel tcg -cpu max -smp 2 -m 1024 -no-reboot \
        -display none -vga none -monitor none -serial "file:${console2}" \
        -kernel "${vmlinuz}" -initrd "${initramfs}" -append "${cmdline}" ${nics} ${root_disk_drive} \
        </dev/null >"${work}/qemu-again.log" 2>&1; then
        root_disk_fails "the second boot did not end by itself within ${timeout} s"
    fi
    grep -q 'reboot: Power down' "${console2}" || root_disk_fails "the second boot did not power off"
    if [ -f "${scenario}/expected-output-again" ]; then
        while IFS= read -r line || [ -n "${line}" ]; do
            [ -z "${line}" ] || grep -qF -e "${line}" "${console2}" \
                || root_disk_fails "second boot: expected output not found: ${line}"
        done <"${scenario}/expected-output-again"
    fi
    if [ -f "${scenario}/unexpected-output-again" ]; then
        while IFS= read -r line || [ -n "${line}" ]; do
            [ -z "${line}" ] || ! grep -qF -e "${line}" "${console2}" \
                || root_disk_fails "second boot: unexpected output found: ${line}"
        done <"${scenario}/unexpected-output-again"
    fi
    root_disk_state
    [ "${root_disk_table}" = "${first_table}" ] || root_disk_fails "the second boot changed the partition table"
    [ "${root_disk_blocks}" = "${first_blocks}" ] || root_disk_fails "the second boot changed the filesystem's size"
    [ "${result}" = PASS ] || tr -d '\r' <"${console2}" | sed "s/^/${harness}: second boot: /" >>"${work}/harness.log"
    echo "${harness}: root disk: the second boot found nothing to grow and changed nothing" >>"${work}/harness.log"
}
