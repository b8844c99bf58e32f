#!/bin/sh
# make release-native: the fully static (musl) native executable, built in a container from
# docker/Dockerfile with the Mandrel builder image for JDK 25, extracted to
# target/release/easyto-init-<version>-linux-amd64. Uses docker, else podman (CONTAINER_ENGINE
# names the one to use). Not exercised on our machines or in CI: they have no container engine.
#
# Exit status: 0 with the executable's path on the last line; 2 when there is no container engine;
# non-zero when the build fails.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../.." && pwd)

# An engine is one whose daemon (docker) or runtime (podman) answers `info`: a docker client with
# no daemon behind it, as some machines of ours have, is none.
engine=""
unusable=""
for candidate in ${CONTAINER_ENGINE:-docker podman}; do
    if ! command -v "${candidate}" >/dev/null 2>&1; then
        continue
    fi
    if "${candidate}" info >/dev/null 2>&1; then
        engine=${candidate}
        break
    fi
    unusable="${unusable} ${candidate}"
done
if [ -z "${engine}" ]; then
    echo "release-native: no container engine: docker or podman${unusable:+ (installed but not answering \`info\`:${unusable})}; this path is not exercised on our machines or in CI" >&2
    exit 2
fi

version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "${repo}/pom.xml" | head -n 1)
[ -n "${version}" ] || {
    echo "release-native: no project version in pom.xml" >&2
    exit 2
}
image=easyto-init-native-build:${version}
out=${repo}/target/release
mkdir -p "${out}"
"${engine}" build -f "${repo}/docker/Dockerfile" -t "${image}" "${repo}"
# The last stage holds the executable alone: copied out of a container that is created, never run.
container=$("${engine}" create "${image}" /easyto-init)
status=0
"${engine}" cp "${container}:/easyto-init" "${out}/easyto-init-${version}-linux-amd64" || status=$?
"${engine}" rm "${container}" >/dev/null
[ "${status}" -eq 0 ] || exit "${status}"
echo "${out}/easyto-init-${version}-linux-amd64"
