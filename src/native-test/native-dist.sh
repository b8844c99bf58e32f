#!/bin/sh
# Lays out the native executable that `mvn package -Dnative` left in target/ as target/native/:
# easyto-init, and for a build by the graalvm-here stand-in (GRAALVM_HOME_USED, from
# graalvm-home.sh) the shared libraries it links in lib/ beside it, where its $ORIGIN/lib run path
# finds them once /proc is mounted. Before that (PID 1 starts with nothing mounted) glibc cannot
# resolve $ORIGIN: the init is started with LD_LIBRARY_PATH=<dir>/lib, which its signal take-over
# drops when it re-executes itself. A static build (Mandrel, musl) needs no lib/.
#
# Usage: native-dist.sh GRAALVM_HOME_USED
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../.." && pwd)
home=${1:?usage: native-dist.sh GRAALVM_HOME_USED}

runner=$(ls "${repo}"/target/*-runner 2>/dev/null | head -n 1)
[ -n "${runner}" ] || {
    echo "native-dist: no target/*-runner (run mvn package -Dnative)" >&2
    exit 2
}
dist=${repo}/target/native
rm -rf "${dist}"
mkdir -p "${dist}"
cp "${runner}" "${dist}/easyto-init"
if [ -f "${home}/lib/graalvm-here/libjvm.so" ]; then
    mkdir -p "${dist}/lib"
    cp "${home}/lib/graalvm-here/libjvm.so" "${dist}/lib/"
    for lib in java nio net zip extnet management management_ext prefs; do
        cp "${home}/lib/lib${lib}.so" "${dist}/lib/"
    done
fi
echo "${dist}/easyto-init"
