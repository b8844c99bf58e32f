#!/bin/sh
# make dev: Quarkus dev mode rehearsing the boot (dev.easyto.init.rehearsal) for USER_DATA, as an
# unprivileged user. Starts the mock IMDS (the one the sandbox runs, from the test classes) on
# loopback serving USER_DATA and SCENARIO's imds/ files; when the user data names AWS sources
# (s3, ssm, secrets-manager) or SCENARIO has an aws-setup.sh, starts moto_server on loopback and
# seeds it with that script as the sandbox does. The init finds both the way it does in the
# sandbox: AWS_EC2_METADATA_SERVICE_ENDPOINT and AWS_ENDPOINT_URL in its environment.
#
#   USER_DATA  the user data file (required); editing it rehearses again
#   SCENARIO   a scenario directory: imds/ (extra meta-data), aws-setup.sh, metadata.json, overlay/
#   IMAGE      the image: metadata.json and overlay/ (default: SCENARIO when it has a
#              metadata.json, else the sample image src/test/sample)
#   IMDS_PORT  the mock IMDS's port on 127.0.0.1 (default 1338); AWS_PORT moto_server's (4566)
#   MVN        how to run Maven 3.9+ (default: ./mvnw -B -ntp); DEV_ARGS more arguments for quarkus:dev
set -eu

repo=$(cd "$(dirname "$0")/../../.." && pwd)
work=${repo}/target/dev
imds_port=${IMDS_PORT:-1338}
aws_port=${AWS_PORT:-4566}
# quarkus:dev needs Maven 3.9 or later, Debian 12 has 3.8: the wrapper fetches 3.9 on first use.
mvn=${MVN:-${repo}/mvnw -B -ntp}
mock_pid=""
moto_pid=""

die()
{
    echo "dev: $*" >&2
    exit 2
}

absolute()
{
    case "${1}" in
        /*) echo "${1}" ;;
        *) echo "$(pwd)/${1}" ;;
    esac
}

cleanup()
{
    [ -z "${mock_pid}" ] || kill "${mock_pid}" 2>/dev/null || true
    [ -z "${moto_pid}" ] || kill "${moto_pid}" 2>/dev/null || true
}

# await SECONDS WHAT COMMAND...: runs COMMAND every 0.1 s until it succeeds.
await()
{
    tries=$((${1} * 10))
    what=${2}
    shift 2
    while ! "$@" >/dev/null 2>&1; do
        tries=$((tries - 1))
        [ "${tries}" -gt 0 ] || die "${what} did not start; see ${work}"
        sleep 0.1
    done
}

[ -n "${USER_DATA:-}" ] || die "usage: make dev USER_DATA=<file> [SCENARIO=<dir>] [IMAGE=<dir>]"
user_data=$(absolute "${USER_DATA}")
[ -f "${user_data}" ] || die "no user data file ${user_data}"
scenario=""
[ -z "${SCENARIO:-}" ] || scenario=$(absolute "${SCENARIO}")
[ -z "${scenario}" ] || [ -d "${scenario}" ] || die "no scenario directory ${scenario}"
if [ -n "${IMAGE:-}" ]; then
    image=$(absolute "${IMAGE}")
elif [ -n "${scenario}" ] && [ -f "${scenario}/metadata.json" ]; then
    image=${scenario}
else
    image=${repo}/src/test/sample
fi
[ -f "${image}/metadata.json" ] || die "the image ${image} has no metadata.json"

trap cleanup EXIT
trap 'exit 130' INT TERM
rm -rf "${work}"
mkdir -p "${work}/imds"
cd "${repo}"

# The mock serves <dir>/user-data.yaml and <dir>/imds/ at each request: links make an edit live.
ln -s "${user_data}" "${work}/imds/user-data.yaml"
[ -z "${scenario}" ] || [ ! -d "${scenario}/imds" ] || ln -s "${scenario}/imds" "${work}/imds/imds"
if [ ! -f target/test-classes/dev/easyto/init/imds/MockImds.class ]; then
    ${mvn} -q test-compile
fi
"${JAVA_HOME}/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp target/test-classes \
    dev.easyto.init.imds.MockImds --listen "127.0.0.1:${imds_port}" --scenario "${work}/imds" \
    --ready-file "${work}/imds.ready" </dev/null >"${work}/imds.log" 2>&1 &
mock_pid=$!
export AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:${imds_port}"

if grep -Eq '(^|[[:space:]-])(s3|ssm|secrets-manager):' "${user_data}" \
    || { [ -n "${scenario}" ] && [ -f "${scenario}/aws-setup.sh" ]; }; then
    moto=$(command -v moto_server) || die "the user data names AWS sources and moto_server is missing (pip install 'moto[server]')"
    "${moto}" -H 127.0.0.1 -p "${aws_port}" </dev/null >"${work}/moto.log" 2>&1 &
    moto_pid=$!
    export AWS_ENDPOINT_URL="http://127.0.0.1:${aws_port}"
    await 30 moto_server curl -sf "${AWS_ENDPOINT_URL}/moto-api/"
    if [ -n "${scenario}" ] && [ -f "${scenario}/aws-setup.sh" ]; then
        # As the sandbox seeds it (src/test/sandbox/lib/vpc.sh): boto3 from moto_server's Python.
        PATH="$(dirname "${moto}"):${PATH}" no_proxy=127.0.0.1 NO_PROXY=127.0.0.1 \
            AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 \
            AWS_SEED="${repo}/src/test/sandbox/aws-seed.py" sh "${scenario}/aws-setup.sh" </dev/null \
            >"${work}/aws-setup.log" 2>&1 || { cat "${work}/aws-setup.log" >&2; die "${scenario}/aws-setup.sh failed"; }
        echo "dev: moto_server at ${AWS_ENDPOINT_URL}, seeded by ${scenario}/aws-setup.sh"
    else
        echo "dev: moto_server at ${AWS_ENDPOINT_URL} (empty: no SCENARIO with an aws-setup.sh)"
    fi
fi
await 10 "the mock IMDS" test -f "${work}/imds.ready"
echo "dev: mock IMDS at ${AWS_EC2_METADATA_SERVICE_ENDPOINT} serving ${user_data}"

watch=${user_data},${image}
[ -z "${scenario}" ] || [ "${scenario}" = "${image}" ] || watch=${watch},${scenario}
# No debugger port (machines are shared) and the FFM access the scratch root's files go through.
# shellcheck disable=SC2086
${mvn} quarkus:dev -Ddebug=false -Dquarkus.analytics.disabled=true -Djvm.args=--enable-native-access=ALL-UNNAMED \
    -Deasyto.imds-endpoint="${AWS_EC2_METADATA_SERVICE_ENDPOINT}" \
    -Deasyto.rehearsal.image="${image}" -Deasyto.rehearsal.watch="${watch}" ${DEV_ARGS:-}
