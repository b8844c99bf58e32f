# Services from the host, for upstream's service scenarios, which only add a marker under
# /.easyto/services and expect the AMI's chronyd and sshd: the host's Debian chronyd and sshd
# where easyto-assets puts its own, with upstream's configuration at upstream's paths. Sourced by
# run-scenario.sh, which sets `image` and `name` and uses these when SERVICES_FROM_HOST is 1.
#
# Debian compiled in its own paths and users (/etc/chrony, _chrony, /run/chrony; privilege
# separation user sshd and /run/sshd): sshd gets those (its config path is on the init's command
# line already), chronyd a wrapper that names its config and user and adds -x. The sandbox shares
# the host's clock and this chronyd runs as root, so it must never adjust it: with -x and no
# sources it does not try, and the sandbox lacks CAP_SYS_TIME anyway (host_services_bounding_set).
# A scenario overlay, copied afterwards, may replace any of these files.

install_host_services()
{
    for program in /usr/sbin/chronyd /usr/bin/chronyc /usr/sbin/sshd /usr/bin/ssh-keygen; do
        [ -x "${program}" ] || die "${name} needs ${program} (apt-get install chrony openssh-server)"
    done
    mkdir -p "${image}/.easyto/libexec" "${image}/.easyto/etc/ssh" "${image}/.easyto/var/empty" \
        "${image}/run/sshd"
    chmod 0711 "${image}/.easyto/var/empty"
    cp /usr/sbin/chronyd "${image}/.easyto/libexec/chronyd"
    {
        echo '#!/bin/sh'
        echo '# Test root only: Debian chronyd with the config and user easyto-assets compiles in, and'
        echo '# never adjusting the clock (-x), which the sandbox shares with its host.'
        echo 'exec /.easyto/libexec/chronyd -f /.easyto/etc/chrony.conf -u cb-chrony -x "$@"'
    } >"${image}/.easyto/sbin/chronyd"
    chmod 0755 "${image}/.easyto/sbin/chronyd"
    cp /usr/bin/chronyc "${image}/.easyto/bin/chronyc"
    cp /usr/sbin/sshd "${image}/.easyto/sbin/sshd"
    cp /usr/bin/ssh-keygen "${image}/.easyto/bin/ssh-keygen"
    # No server or pool: nothing to synchronise with, so nothing to steer the clock by either.
    {
        echo "driftfile /.easyto/run/chrony/drift"
        echo "pidfile /.easyto/run/chrony/chronyd.pid"
        echo "bindcmdaddress /.easyto/run/chrony/chronyd.sock"
        echo "cmdport 0"
    } >"${image}/.easyto/etc/chrony.conf"
    {
        echo "HostKey /.easyto/etc/ssh/ssh_host_rsa_key"
        echo "HostKey /.easyto/etc/ssh/ssh_host_ed25519_key"
        echo "PermitRootLogin no"
        echo "AuthorizedKeysFile .ssh/authorized_keys"
        echo "PasswordAuthentication no"
        echo "PidFile none"
        if [ -x /usr/lib/openssh/sftp-server ]; then
            echo "Subsystem sftp /.easyto/libexec/sftp-server"
        fi
    } >"${image}/.easyto/etc/ssh/sshd_config"
    chmod 0600 "${image}/.easyto/etc/ssh/sshd_config"
    [ ! -x /usr/lib/openssh/sftp-server ] || cp /usr/lib/openssh/sftp-server "${image}/.easyto/libexec/sftp-server"
    echo "cb-ssh:x:401:401:sshd privilege separation:/.easyto/var/empty:/sbin/nologin" >>"${image}/etc/passwd"
    echo "sshd:x:22:22:sshd:/run/sshd:/sbin/nologin" >>"${image}/etc/passwd"
    echo "cb-ssh:x:401:" >>"${image}/etc/group"
    echo "sshd:x:22:" >>"${image}/etc/group"
}

# host_services_bounding_set: `drop_time`, the words that start the sandbox without CAP_SYS_TIME
# in its bounding set (setpriv execs, so what follows is still the namespace's PID 1).
host_services_bounding_set()
{
    command -v setpriv >/dev/null 2>&1 || die "setpriv not found (apt-get install util-linux)"
    drop_time="setpriv --bounding-set -sys_time"
}
