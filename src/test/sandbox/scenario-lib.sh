# Shared by the sandbox harness (run-scenario.sh) and the VM harness
# (src/native-test/vm/run-vm.sh): the test root both boot, and the upstream-style judgement of a
# console. Sourced, not run; callers define `image`, `scenario` and `work`.

# The test root, like upstream's image: busybox installed the way Alpine lays it out (sh in /bin,
# so a PATH lookup of "sh" gives /bin/sh), upstream's accounts, entrypoint and image metadata (the
# scenario's metadata.json when it has one). Callers add their own directories and runtime.
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

# Judges a cleaned console upstream's way and prints PASS, FAIL or UNKNOWN: with an
# expected-output file every line must be found (fixed strings), else a line exactly PASS passes
# and one starting with FAIL fails. Lines of our unexpected-output file must not appear (a SIGKILL
# where the grace period should have sufficed, a command that ran after a fatal error). Reasons go
# to ${work}/harness.log, prefixed with $2.
judge_console()
{
    clean=${1}
    prefix=${2}
    verdict=UNKNOWN
    if [ -f "${scenario}/expected-output" ]; then
        verdict=PASS
        while IFS= read -r line || [ -n "${line}" ]; do
            if ! grep -qF -e "${line}" "${clean}"; then
                echo "${prefix}: expected output not found: ${line}" >>"${work}/harness.log"
                verdict=FAIL
            fi
        done <"${scenario}/expected-output"
    elif grep -qx 'PASS' "${clean}"; then
        verdict=PASS
    elif grep -q '^FAIL' "${clean}"; then
        verdict=FAIL
    fi
    if [ -f "${scenario}/unexpected-output" ]; then
        while IFS= read -r line || [ -n "${line}" ]; do
            if [ -n "${line}" ] && grep -qF -e "${line}" "${clean}"; then
                echo "${prefix}: unexpected output found: ${line}" >>"${work}/harness.log"
                verdict=FAIL
            fi
        done <"${scenario}/unexpected-output"
    fi
    echo "${verdict}"
}
