# The test root that the sandbox harness (src/test/sandbox/run-scenario.sh) chroots into and the
# VM harness (src/native-test/vm/run-vm.sh) packs into its initramfs. Sourced by harness.sh; the
# harness sets `image` (the directory to fill) and `scenario`.

# The test root, like upstream's image: busybox installed the way Alpine lays it out (sh in /bin,
# so a PATH lookup of "sh" gives /bin/sh), upstream's accounts, entrypoint and image metadata (the
# scenario's metadata.json when it has one). Callers add their own directories and runtime.
# The scenario's owners file ("uid:gid /path" a line, # comments): what a workload rather than the
# image left in the root is its user's, once the harness has made the rest root's. chown -h: a
# link itself, never what it names.
apply_scenario_owners()
{
    [ -f "${scenario}/owners" ] || return 0
    grep -v '^[[:space:]]*\(#\|$\)' "${scenario}/owners" | while read -r owner path; do
        chown -h "${owner}" "${image}${path}"
    done
}

build_test_root()
{
    mkdir -p "${image}/bin" "${image}/sbin" "${image}/usr/bin" "${image}/usr/sbin" "${image}/etc" \
        "${image}/proc" "${image}/sys" "${image}/dev" "${image}/tmp" "${image}/root" \
        "${image}/.easyto/bin" "${image}/.easyto/run" "${image}/.easyto/sbin" \
        "${image}/lib/x86_64-linux-gnu" "${image}/lib64"
    chmod 1777 "${image}/tmp"
    cp "$(command -v busybox)" "${image}/bin/busybox"
    for applet in $(busybox --list-full); do
        case "${applet}" in
            */*) [ -e "${image}/${applet}" ] || ln -s /bin/busybox "${image}/${applet}" ;;
        esac
    done
    ln -s ../../bin/busybox "${image}/.easyto/bin/busybox"
    ln -s busybox "${image}/.easyto/bin/sh"
    cat >"${image}/etc/passwd" <<'EOF_PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/:/sbin/nologin
cb-chrony:x:400:400:chrony:/var/lib/chrony:/sbin/nologin
EOF_PASSWD
    cat >"${image}/etc/group" <<'EOF_GROUP'
root:x:0:root
nogroup:x:65534:
cb-chrony:x:400:
EOF_GROUP
    cat >"${image}/test-entrypoint" <<'EOF_ENTRYPOINT'
#!/bin/sh
# Upstream's image check: the command only runs once the network is up.
if ! ip addr show eth0 2>/dev/null | grep -q "inet "; then
    echo "FAIL: eth0 has no IPv4 address"
    exit 1
fi
if ! grep -q "^nameserver" /etc/resolv.conf 2>/dev/null; then
    echo "FAIL: /etc/resolv.conf has no nameserver"
    exit 1
fi
echo "PASS"
EOF_ENTRYPOINT
    chmod 0755 "${image}/test-entrypoint"
    if [ -f "${scenario}/metadata.json" ]; then
        cp "${scenario}/metadata.json" "${image}/.easyto/metadata.json"
    else
        cat >"${image}/.easyto/metadata.json" <<'EOF_METADATA'
{"architecture":"amd64","os":"linux","config":{"Cmd":["/test-entrypoint"],"Entrypoint":null,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"User":"0:0","WorkingDir":"/"}}
EOF_METADATA
    fi
}
