#!/bin/sh
# Runs on the host after the boot, with the root the init booted on mounted read-only as $1: the
# links planted to /etc must not have led the init to chown, chmod or write anything there.
set -eu
etc=${1}/etc
owner_mode=$(stat -c '%u:%g %a' "${etc}")
if [ "${owner_mode}" != "0:0 755" ]; then
    echo "FAIL: /etc is now ${owner_mode} (uid:gid mode), was 0:0 755: the init followed ~/.ssh -> /etc"
    exit 1
fi
if [ -e "${etc}/authorized_keys" ]; then
    echo "FAIL: /etc/authorized_keys exists: the key was written through ~/.ssh -> /etc"
    exit 1
fi
group=$(stat -c '%u:%g %a' "${etc}/group")
if [ "${group}" != "0:0 644" ] || grep -q '^planted:' "${etc}/group"; then
    echo "FAIL: /etc/group was written through the volume's /srv/app -> /etc (${group})"
    exit 1
fi
for link in .easyto/home/testuser/.ssh srv/app; do
    if [ ! -L "${1}/${link}" ]; then
        echo "FAIL: /${link} is no longer the planted link"
        exit 1
    fi
done
echo "planted links not followed: /etc is 0:0 755, no authorized_keys in it, /etc/group untouched"
