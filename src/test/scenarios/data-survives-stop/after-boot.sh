#!/bin/sh
# Runs on the host after the boot, with the root the init booted on mounted read-only as $1: the
# table written during the stop must be there, whole.
set -eu
table=${1}/data/table
if [ ! -f "${table}" ]; then
    echo "FAIL: ${table#"${1}"} is missing: the rows written during the stop were lost"
    exit 1
fi
lines=$(wc -l <"${table}")
last=$(tail -n 1 "${table}")
if [ "${lines}" -ne 5001 ] || [ "${last}" != end ]; then
    echo "FAIL: ${table#"${1}"} is torn: ${lines} lines, the last '${last}'"
    exit 1
fi
if [ -e "${1}/data/table.tmp" ]; then
    echo "FAIL: the temporary table is still there"
    exit 1
fi
echo "data intact: /data/table has its 5000 rows and the end mark"
