#!/bin/sh
# Runs on the host after the boot, with the root mounted read-only as $1: the kept root's
# filesystem still has the size the harness gave it (lib/kept-root.sh: 256 MiB), so nothing grew it.
set -eu
device=$(findmnt -n -o SOURCE --target "${1}")
blocks=$(dumpe2fs -h "${device}" 2>/dev/null | sed -n 's/^Block count: *\([0-9]*\)$/\1/p')
size=$(dumpe2fs -h "${device}" 2>/dev/null | sed -n 's/^Block size: *\([0-9]*\)$/\1/p')
if [ $((blocks * size)) -ne $((256 * 1024 * 1024)) ]; then
    echo "FAIL: the root filesystem is ${blocks} blocks of ${size} bytes, not the harness's 256 MiB"
    exit 1
fi
echo "root filesystem unchanged: ${blocks} blocks of ${size} bytes"
