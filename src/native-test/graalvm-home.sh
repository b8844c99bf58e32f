#!/bin/sh
# Prints the GraalVM home that `mvn package -Dnative` should use (make native): GRAALVM_HOME when it
# is a GraalVM or Mandrel for JDK 25, otherwise the test-only graalvm-here stand-in from the shared
# tools beside the repository or in /work/shared/tools (GRAALVM_HERE overrides where), set up on first use (about 10 s; it
# caches itself in ~/.cache/graalvm-here). Exit status 2 when there is neither.
#
# The stand-in's executables are dynamically linked to a few JDK libraries; native-lib.sh copies
# them beside the executable. Nothing it builds is released.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../.." && pwd)

# for_jdk25 HOME: whether HOME's native-image reports version 25 (GraalVM CE/Oracle and Mandrel
# print "native-image 25.x.y ..." on their first line).
for_jdk25()
{
    [ -x "${1}/bin/native-image" ] || return 1
    first=$("${1}/bin/native-image" --version 2>/dev/null | head -n 1) || return 1
    case "${first}" in
        "native-image 25."*) return 0 ;;
        *) return 1 ;;
    esac
}

if [ -n "${GRAALVM_HOME:-}" ]; then
    if for_jdk25 "${GRAALVM_HOME}"; then
        echo "${GRAALVM_HOME}"
        exit 0
    fi
    echo "graalvm-home: GRAALVM_HOME=${GRAALVM_HOME} is not a GraalVM or Mandrel for JDK 25; using the stand-in" >&2
fi

# The shared tools sit beside the checkout on our machines; a clone elsewhere (CI's, say) finds
# them where our machines keep them.
if [ -n "${GRAALVM_HERE:-}" ]; then
    candidates=${GRAALVM_HERE}
else
    candidates="${repo}/../shared/tools/graalvm-here /work/shared/tools/graalvm-here"
fi
standin=""
for candidate in ${candidates}; do
    if [ -x "${candidate}/setup" ]; then
        standin=${candidate}
        break
    fi
done
if [ -z "${standin}" ]; then
    echo "graalvm-home: no GraalVM for JDK 25 (set GRAALVM_HOME) and no graalvm-here stand-in in: ${candidates} (set GRAALVM_HERE)" >&2
    exit 2
fi
home=$("${standin}/setup" | tail -n 1)
for_jdk25 "${home}" || {
    echo "graalvm-home: the stand-in at ${home} does not work" >&2
    exit 2
}
echo "${home}"
