#!/bin/sh
# Runs on the host after the boot, with the root the init booted on mounted read-only as $1: the
# volume was written through the image's /var/run -> /run, which is still a link.
set -eu
if [ ! -L "${1}/var/run" ] || [ "$(readlink "${1}/var/run")" != /run ]; then
    echo "FAIL: /var/run is no longer the image's link to /run"
    exit 1
fi
config=${1}/run/app/config
if [ "$(cat "${config}" 2>/dev/null)" != "reached through the image's link" ]; then
    echo "FAIL: /run/app/config does not hold the volume's content"
    exit 1
fi
owner=$(stat -c '%u:%g' "${1}/run")
if [ "${owner}" != "0:0" ]; then
    echo "FAIL: the image's /run is now ${owner}, was 0:0"
    exit 1
fi
echo "volume written through /var/run -> /run: /run/app/config holds it, /var/run still a link"
