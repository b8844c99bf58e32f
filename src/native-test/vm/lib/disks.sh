# The VM's data disks, for the EBS scenarios: blank NVMe disks the harness makes (QEMU's NVMe,
# not Amazon's: no EBS vendor id and no EC2 device name, so user data names the kernel's device,
# /dev/nvme0n1), the tools and modules the init needs for them, and for the attachment scenario
# moto_server in the VM's network namespace with a disk hot-added once moto records the
# AttachVolume. Sourced by run-vm.sh after initramfs.sh; it sets `scenario`, `work`, `netns`,
# `here`, `repo`, `image` (in build_initramfs) and calls, in this order:
#
#   disks_config       reads the keys below (before anything starts)
#   disks_before_imds  starts moto_server and the scenario's aws-setup.sh, which may write
#                      meta-data the mock IMDS then serves (the moto instance's id)
#   disks_image        (inside build_initramfs, before guest_libraries) puts blkid, mkfs.ext4 and
#                      mkfs.btrfs in the image's /.easyto/sbin, as easyto images have them
#   disks_qemu_args    `disk_args`, QEMU's -drive/-device words for the disk present at boot
#   disks_watch        (once QEMU runs) the hot-plug watcher
#   disks_teardown     stops what these started
#
# Config keys:
#   DISK_SIZE=SIZE     a blank raw disk of SIZE (qemu-img/truncate size: 100M, 1G) as the VM's NVMe
#                      disk, /dev/nvme0n1 in the guest (upstream's ebs-volume-* scenarios)
#   HOTPLUG_DISK=KEY=VALUE  the disk is not there at boot: it is hot-added (QMP blockdev-add, then
#                      device_add nvme) once moto_server shows the volume with that tag attached
#                      (DescribeVolumes: in-use), so the init sees the device appear after asking
#                      for it (a tag, since moto's instances have root volumes in use too)
#   USE_AWS=1          moto_server in the VM's network namespace, the guest's
#                      AWS_ENDPOINT_URL=http://10.0.2.2:4566, seeded by the scenario's aws-setup.sh
#                      (src/test/sandbox/aws-seed.py; IMDS_OVERRIDES is the mock's meta-data
#                      directory, where `instance FILE` writes the moto instance's id)
# Environment:
#   EASYTO_VM_DISK     keep the disk in this file instead of the work directory: made blank when
#                      missing, kept after the run, so a second run boots the same disk
#   EASYTO_VM_BOOT     given to the guest as VM_BOOT on the kernel command line (which boot of a
#                      kept disk this is: the scenario's command can check what the first wrote)
#
# Debian's kernel has nvme, ext4 and btrfs as modules: with a disk, the initramfs's init.sh loads
# them (the list in /.easyto/lib/vm-modules) before it execs the init, as a kernel with them built
# in would have them.

disk_keys="DISK_SIZE HOTPLUG_DISK USE_AWS USE_LOCALSTACK"
disk_modules="nvme ext4 btrfs"
aws_port=4566
moto_pid=""
aws_setup_pid=""
hotplug_pid=""

disks_config()
{
    disk_size=$(config_get DISK_SIZE "")
    hotplug=$(config_get HOTPLUG_DISK "")
    use_aws=$(config_get USE_AWS "$(config_get USE_LOCALSTACK 0)")
    vm_extra_modules=""
    disk=""
    if [ -n "${hotplug}" ]; then
        case "${hotplug}" in
            ?*=*) ;;
            *) die "${scenario}/config: HOTPLUG_DISK must be a tag, KEY=VALUE, got '${hotplug}'" ;;
        esac
        [ -n "${disk_size}" ] || die "${scenario}/config: HOTPLUG_DISK needs DISK_SIZE"
        [ "${use_aws}" = 1 ] || die "${scenario}/config: HOTPLUG_DISK needs USE_AWS=1"
    fi
    [ -n "${disk_size}" ] || return 0
    case "${disk_size}" in
        *[!0-9KMGT]* | '') die "${scenario}/config: DISK_SIZE must be a size such as 100M, got '${disk_size}'" ;;
    esac
    need_tools "apt-get install util-linux e2fsprogs btrfs-progs" blkid mke2fs mkfs.btrfs mountpoint truncate
    vm_extra_modules=${disk_modules}
}

# The disk is made here, never taken from the host: a sparse file of the harness's own.
make_disk()
{
    disk=${EASYTO_VM_DISK:-${work}/disk.img}
    if [ ! -f "${disk}" ]; then
        truncate -s "${disk_size}" "${disk}"
    fi
}

disks_before_imds()
{
    if [ "${use_aws}" = 1 ]; then
        start_vm_aws
    fi
    [ -z "${disk_size}" ] || make_disk
    await_vm_aws
}

start_vm_aws()
{
    moto=$(command -v moto_server) || die "${name} needs moto_server (pip install 'moto[server]')"
    ip netns exec "${netns}" "${moto}" -H 127.0.0.1 -p "${aws_port}" </dev/null >"${work}/moto.log" 2>&1 &
    moto_pid=$!
    cmdline_aws="AWS_ENDPOINT_URL=http://10.0.2.2:${aws_port}"
    [ -f "${scenario}/aws-setup.sh" ] || return 0
    mkdir -p "${imds_dir}/imds"
    # The python3 installed with moto_server (a venv's, pyenv's) is the one that has boto3.
    ip netns exec "${netns}" env PATH="$(dirname "${moto}"):${PATH}" no_proxy=127.0.0.1 NO_PROXY=127.0.0.1 \
        AWS_ENDPOINT_URL="http://127.0.0.1:${aws_port}" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
        AWS_DEFAULT_REGION=us-east-1 AWS_SEED="${repo}/src/test/sandbox/aws-seed.py" \
        IMDS_OVERRIDES="${imds_dir}/imds" sh "${scenario}/aws-setup.sh" </dev/null >"${work}/aws-setup.log" 2>&1 &
    aws_setup_pid=$!
}

vm_moto_ready()
{
    ip netns exec "${netns}" curl -s -o /dev/null --noproxy '*' "http://127.0.0.1:${aws_port}/moto-api/"
}

# The mock IMDS reads its meta-data when it starts: aws-setup.sh must be done by then.
await_vm_aws()
{
    [ -n "${moto_pid}" ] || return 0
    await "${moto_pid}" 300 0.1 "moto_server did not start within 30 s" vm_moto_ready "${work}/moto.log"
    [ -n "${aws_setup_pid}" ] || return 0
    setup_status=0
    wait "${aws_setup_pid}" || setup_status=$?
    aws_setup_pid=""
    if [ "${setup_status}" -ne 0 ]; then
        cat "${work}/aws-setup.log" >&2
        die "${scenario}/aws-setup.sh failed (status ${setup_status})"
    fi
}

disks_image()
{
    [ -n "${disk_size}" ] || return 0
    cp "$(command -v blkid)" "${image}/.easyto/sbin/blkid"
    cp "$(command -v mke2fs)" "${image}/.easyto/sbin/mkfs.ext4"
    cp "$(command -v mkfs.btrfs)" "${image}/.easyto/sbin/mkfs.btrfs"
    [ ! -f /etc/mke2fs.conf ] || cp /etc/mke2fs.conf "${image}/etc/mke2fs.conf"
    # Upstream's scenarios check with mountpoint, which Debian's busybox-static lacks: util-linux's,
    # beside the tools so that guest_libraries finds what it links.
    cp "$(command -v mountpoint)" "${image}/.easyto/sbin/mountpoint"
    ln -sf /.easyto/sbin/mountpoint "${image}/bin/mountpoint"
    echo "${disk_modules}" >"${image}/.easyto/lib/vm-modules"
}

disks_qemu_args()
{
    disk_args=""
    cmdline_disks="${cmdline_aws:-}"
    [ -z "${EASYTO_VM_BOOT:-}" ] || cmdline_disks="${cmdline_disks} VM_BOOT=${EASYTO_VM_BOOT}"
    [ -n "${disk_size}" ] || return 0
    [ -z "${hotplug}" ] || return 0
    disk_args="-drive file=${disk},if=none,id=d0,format=raw -device nvme,serial=vol0,drive=d0"
}

# The volume with the tag moto shows attached (DescribeVolumes through the query API: moto routes a
# request by its Authorization header's scope and does not check the signature), then the disk
# hot-added over QMP once the handshake is done.
volume_attached()
{
    ip netns exec "${netns}" curl -s --noproxy '*' \
        -H "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0" \
        "http://127.0.0.1:${aws_port}/?Action=DescribeVolumes&Version=2016-11-15&Filter.1.Name=status&Filter.1.Value.1=in-use&Filter.2.Name=tag:${hotplug%%=*}&Filter.2.Value.1=${hotplug#*=}" \
        2>/dev/null | grep -q '<volumeId>'
}

disks_watch()
{
    [ -n "${hotplug}" ] || return 0
    (
        wait_while_alive "${qemu_pid}" 0.2 volume_attached || exit 0
        while alive "${qmp_writer_pid}"; do
            sleep 0.1
        done
        printf '%s\n' \
            "{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"raw\",\"node-name\":\"hotdisk\",\"file\":{\"driver\":\"file\",\"filename\":\"${disk}\"}}}" \
            '{"execute":"device_add","arguments":{"driver":"nvme","id":"hotnvme","serial":"vol1","drive":"hotdisk"}}' \
            >"${work}/qmp.in"
        echo "${harness}: moto shows the volume attached: hot-added the NVMe disk over QMP $(seconds_between "${started}" "$(date +%s.%N)") s after start" >>"${work}/harness.log"
    ) </dev/null >/dev/null 2>&1 &
    hotplug_pid=$!
}

disks_teardown()
{
    stop TERM "${hotplug_pid}"
    stop KILL "${aws_setup_pid}" "${moto_pid}"
    hotplug_pid=""
    aws_setup_pid=""
    moto_pid=""
}
