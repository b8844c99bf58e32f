# The VM's initramfs: the sandbox's test root (src/test/sandbox/lib/test-root.sh) plus what a
# kernel-started PID 1 needs and the init as ARTIFACT says: on a jlink'ed Java runtime (jvm), the
# native executable (native) or make release's tarball (jvm-release). Sourced by run-vm.sh after
# the shared library, which sets `here`, `repo`, `id`, `work`, `scenario`, `java_home`,
# `artifact`, `app_dir` (jvm, native), `release_tarball` (jvm-release), `kernel_dir`, `release`
# and `modules_dir`.

# guest_runtime: `jre`, the guest's Java runtime: only the modules the application uses (jdeps,
# plus jdk.zipfs, which Quarkus's class loading opens jars with), with the CDS archive for a
# faster start under TCG. Made once per JDK and module list and kept; built aside and renamed, so
# a concurrent run never sees half of it.
guest_runtime()
{
    # The same list make release links (src/release/jre-modules says how it was found).
    jre_modules=$(sed -n '/^[^#]/p' "${repo}/src/release/jre-modules")
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
}

# build_initramfs: `initramfs`, the gzipped newc archive of `image`.
build_initramfs()
{
    image=${work}/image
    build_test_root
    mkdir -p "${image}/run" "${image}/.easyto/lib/modules"
    # Without /dev/console in the initramfs the kernel starts PID 1 with no standard descriptors.
    mknod -m 0600 "${image}/dev/console" c 5 1

    # The init, what it runs on, and the wrapper the kernel runs as PID 1 (init.sh says why).
    # init.sh tells the artifacts apart by what is there: the release's launcher, else the native
    # executable, else the JVM.
    case "${artifact}" in
        jvm)
            cp -a "${jre}" "${image}/.easyto/jdk"
            cp -a "${app_dir}" "${image}/.easyto/app"
            ;;
        native)
            # easyto-init and, from the stand-in, the JDK libraries it links: no Java runtime.
            cp -a "${app_dir}" "${image}/.easyto/app"
            ;;
        jvm-release)
            # tar keeps the files' times, which the AOT cache checks its class path's jars by.
            tar -xzf "${release_tarball}" -C "${image}" .easyto
            mv "${image}/.easyto/sbin/init" "${image}/.easyto/sbin/init-release"
            ;;
    esac
    cp "${here}/init.sh" "${image}/.easyto/sbin/init"
    chmod 0755 "${image}/.easyto/sbin/init"

    guest_modules
    disks_image
    guest_libraries

    [ ! -d "${scenario}/overlay" ] || cp -a "${scenario}/overlay/." "${image}/"
    chown -R -h 0:0 "${image}"
    apply_scenario_owners

    initramfs=${work}/initramfs.cpio.gz
    (cd "${image}" && find . | cpio -o -H newc --quiet | gzip -1) >"${initramfs}"
}

# kmod's modprobe where the init runs it, with the modules where upstream keeps them
# (/.easyto/lib/modules) and where kmod looks (/lib/modules): the NIC, the ACPI button and its
# event device, which init.sh loads, and what the kernel-modules scenario asks for, each with its
# dependencies.
guest_modules()
{
    cp "$(command -v kmod)" "${image}/.easyto/sbin/kmod"
    ln -s kmod "${image}/.easyto/sbin/modprobe"
    ln -s ../.easyto/lib/modules "${image}/lib/modules"
    image_modules=${image}/.easyto/lib/modules/${release}
    mkdir -p "${image_modules}"
    cp "${modules_dir}"/modules.order "${modules_dir}"/modules.builtin* "${image_modules}/"
    for module in virtio_pci virtio_net button evdev nf_conntrack ${vm_extra_modules:-}; do
        modprobe -d "${kernel_dir}" -S "${release}" --show-depends "${module}" | sed -n 's/^insmod \([^ ]*\).*$/\1/p'
    done | sort -u | while IFS= read -r file; do
        relative=${file#"${modules_dir}"/}
        mkdir -p "${image_modules}/$(dirname "${relative}")"
        cp "${file}" "${image_modules}/${relative}"
    done
    depmod -b "${image}/.easyto" "${release}"
}

# glibc and the other libraries of every ELF file the guest runs, from this machine, with the
# dynamic loader at the path the executables name. The native executable's own lib/ (the
# stand-in's JDK libraries) is found where init.sh points LD_LIBRARY_PATH, so only what lies
# outside the image is copied: for it, glibc's libc, libdl and libpthread.
guest_libraries()
{
    elf_dirs=""
    for dir in "${image}/.easyto/jdk" "${image}/.easyto/app"; do
        [ ! -d "${dir}" ] || elf_dirs="${elf_dirs} ${dir}"
    done
    # shellcheck disable=SC2086
    find ${elf_dirs} "${image}/.easyto/sbin" -type f \( -name '*.so' -o -perm -u+x \) |
        while IFS= read -r file; do
            LD_LIBRARY_PATH=${image}/.easyto/app/lib ldd "${file}" 2>/dev/null || true
        done | sed -n 's/^.*=> \(\/[^ ]*\) (0x.*$/\1/p' | sort -u | while IFS= read -r library; do
        case "${library}" in
            "${image}"/*) ;;
            *) cp -L "${library}" "${image}/lib/x86_64-linux-gnu/$(basename "${library}")" ;;
        esac
    done
    cp -L /lib64/ld-linux-x86-64.so.2 "${image}/lib64/ld-linux-x86-64.so.2"
}
