#!/bin/sh
# Puts Debian's current amd64 kernel (the linux-image-amd64 package's dependency) and its modules
# in a cache directory for the VM boots, without installing the package: installing it would run
# the update-initramfs and grub hooks and change how this machine boots.
#
# Usage: fetch-kernel.sh [DIR]   (default: EASYTO_VM_KERNEL or /var/cache/easyto-init/vm-kernel)
# Leaves DIR/boot/vmlinuz-<release>, DIR/lib/modules/<release> (with modules.dep) and
# DIR/release. Does nothing if DIR/release exists.
set -eu

PATH=${PATH}:/usr/sbin:/sbin
dir=${1:-${EASYTO_VM_KERNEL:-/var/cache/easyto-init/vm-kernel}}

die()
{
    echo "fetch-kernel: ${*}" >&2
    exit 1
}

if [ -f "${dir}/release" ]; then
    exit 0
fi
for tool in apt-get apt-cache dpkg-deb depmod; do
    command -v "${tool}" >/dev/null 2>&1 || die "${tool} not found (apt-get install apt dpkg kmod)"
done

# The metapackage only depends on the versioned package that holds the kernel.
package=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1)
[ -n "${package}" ] || die "no linux-image-amd64 in the apt lists (run apt-get update)"

download=$(mktemp -d)
trap 'rm -rf "${download}"' EXIT
# apt-get download runs as the _apt user where it can: it must be able to write here.
chmod 0777 "${download}"
(cd "${download}" && apt-get download -q "${package}" >/dev/null) || die "apt-get download ${package} failed"
rm -rf "${dir}.partial"
mkdir -p "${dir}.partial"
dpkg-deb -x "${download}"/linux-image-*.deb "${dir}.partial"
release=${package#linux-image-}
[ -d "${dir}.partial/lib/modules/${release}" ] || die "${package} holds no modules for ${release}"
# The package ships no modules.dep (its postinst makes it): modprobe needs one.
depmod -b "${dir}.partial" "${release}"
echo "${release}" >"${dir}.partial/release"
rm -rf "${dir}"
mv "${dir}.partial" "${dir}"
echo "fetch-kernel: ${package} in ${dir}"
