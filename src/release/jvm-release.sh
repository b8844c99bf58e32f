#!/bin/sh
# make release: the JVM artifact, target/release/easyto-init-jvm-<version>.tar.gz, laid out for
# `/` (every entry under .easyto/):
#   .easyto/sbin/init   the launcher (src/release/init.sh)
#   .easyto/jdk/        a Java 25 runtime jlink'ed from JAVA_HOME with src/release/jre-modules
#   .easyto/app/        the application in Quarkus's aot-jar layout, and app.aot, its AOT cache
# Unpack it at an image's root keeping the files' times (tar -xzf ... -C /): the cache checks
# the jars of its class path by time and size.
#
# The cache (JEP 483, created in one step as JEP 514 allows, -XX:AOTCacheOutput) is trained here
# by the launcher itself, on the jlink'ed runtime that will use it (a cache is tied to the runtime
# image it was made with), running `plan` on the sample image: Quarkus's start, the CLI and the
# whole spec pipeline. The aot-jar layout puts every jar on the application class path, where the
# cache can hold their classes; in the default fast-jar layout Quarkus's own class loader loads
# them and they would not be cached. Then a check run with -XX:AOTMode=on, which refuses to start
# without the cache, proves it is used from another directory than the one it was trained in.
#
# Environment: JAVA_HOME (a JDK 25 with jlink), MVN (default: mvn -B -ntp).
# Exit status: 0 with the tarball's path on the last line, non-zero on any failure.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "${here}/../.." && pwd)
mvn=${MVN:-mvn -B -ntp}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
[ -x "${JAVA_HOME}/bin/jlink" ] || {
    echo "jvm-release: no JDK with jlink at JAVA_HOME=${JAVA_HOME}" >&2
    exit 2
}

cd "${repo}"
# The aot-jar build goes to target/release-build so that target/quarkus-app, which the tests and
# bin/easyto-init use, stays the fast-jar one. Quarkus records its last build in
# target/quarkus-artifact.properties, which @QuarkusIntegrationTest reads: kept as it was.
saved=""
if [ -f target/quarkus-artifact.properties ]; then
    saved=$(mktemp)
    cp target/quarkus-artifact.properties "${saved}"
fi
rm -rf target/release-build
# shellcheck disable=SC2086
${mvn} -q package -DskipTests -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=release-build
if [ -n "${saved}" ]; then
    mv "${saved}" target/quarkus-artifact.properties
fi
app_jar=$(ls target/release-build/app/easyto-init-*.jar)
version=${app_jar##*/easyto-init-}
version=${version%.jar}

out=${repo}/target/release
stage=${out}/jvm
rm -rf "${stage}"
mkdir -p "${stage}/.easyto/sbin"
# No default CDS archive (--generate-cds-archive): the AOT cache holds the JDK's classes too, and
# it would be 14 MB used only when the cache is not.
"${JAVA_HOME}/bin/jlink" --add-modules "$(sed -n '/^[^#]/p' "${here}/jre-modules")" \
    --strip-debug --no-header-files --no-man-pages --output "${stage}/.easyto/jdk" >/dev/null
cp -a target/release-build "${stage}/.easyto/app"
rm -f "${stage}/.easyto/app/quarkus-app-dependencies.txt"
cp "${here}/init.sh" "${stage}/.easyto/sbin/init"
chmod 0755 "${stage}/.easyto/sbin/init"

sample=${repo}/src/test/sample
train()
{
    sh "${stage}/.easyto/sbin/init" plan --user-data "${sample}/user-data.yaml" \
        --metadata "${sample}/metadata.json" --root "${sample}/overlay"
}
JAVA_TOOL_OPTIONS=-XX:AOTCacheOutput=${stage}/.easyto/app/app.aot train >"${out}/training.log" 2>&1 || {
    cat "${out}/training.log" >&2
    echo "jvm-release: the training run failed" >&2
    exit 1
}
[ -f "${stage}/.easyto/app/app.aot" ] || {
    cat "${out}/training.log" >&2
    echo "jvm-release: the training run made no AOT cache" >&2
    exit 1
}

# The check: a copy elsewhere (as the paths differ between this machine and /.easyto) must start
# with the cache, or not at all.
check=${out}/check
rm -rf "${check}"
mkdir -p "${check}"
cp -a "${stage}/.easyto" "${check}/.easyto"
if ! JAVA_TOOL_OPTIONS="-XX:AOTMode=on -Xlog:aot=info" sh "${check}/.easyto/sbin/init" plan \
    --user-data "${sample}/user-data.yaml" --metadata "${sample}/metadata.json" --root "${sample}/overlay" \
    >"${out}/check.log" 2>&1; then
    cat "${out}/check.log" >&2
    echo "jvm-release: the JVM cannot use the AOT cache it was trained with" >&2
    exit 1
fi
grep -m 1 'Opened AOT cache' "${out}/check.log" >&2
rm -rf "${check}"

tarball=${out}/easyto-init-jvm-${version}.tar.gz
rm -f "${out}"/easyto-init-jvm-*.tar.gz
(cd "${stage}" && tar --owner=0 --group=0 --numeric-owner --sort=name -czf "${tarball}" .easyto)
echo "jvm-release: $(du -k "${tarball}" | cut -f 1) KB packed, $(du -sk "${stage}/.easyto" | cut -f 1) KB unpacked" >&2
echo "${tarball}"
