#!/bin/sh
# make dev-smoke: the real `make dev` on a copy of the sample's user data, as a person uses it:
# waits for the rehearsal's plan, adds a variable to the user data, and passes when the rehearsal
# that the edit starts plans the command with it. Prints how long it took; the log stays in
# target/dev-smoke.log.
set -eu

repo=$(cd "$(dirname "$0")/../../.." && pwd)
log=${repo}/target/dev-smoke.log
user_data=${repo}/target/dev-smoke-user-data.yaml
limit=${DEV_SMOKE_SECONDS:-300}
started=$(date +%s)
dev_pid=""

# dev-mode.sh runs in a session of its own: its shell only acts on a signal once its foreground
# Maven has ended, so the whole group (Maven, the dev JVM, the mock, moto_server) is stopped at once.
finish()
{
    [ -z "${dev_pid}" ] || kill -- "-${dev_pid}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap finish EXIT

# await_count N TEXT: until TEXT appears N times in the log, or the time limit passes.
await_count()
{
    while [ "$(grep -c -- "${2}" "${log}" 2>/dev/null || true)" -lt "${1}" ]; do
        if [ $(($(date +%s) - started)) -gt "${limit}" ]; then
            tail -40 "${log}" >&2
            echo "dev-smoke: FAIL: no ${1}. '${2}' within ${limit} s (log: ${log})" >&2
            exit 1
        fi
        sleep 1
    done
}

mkdir -p "${repo}/target"
cp "${repo}/src/test/sample/user-data.yaml" "${user_data}"
USER_DATA=${user_data} SCENARIO=${repo}/src/test/sample setsid sh "${repo}/src/test/dev/dev-mode.sh" \
    </dev/null >"${log}" 2>&1 &
dev_pid=$!
await_count 1 "^plan:"
first=$(($(date +%s) - started))
grep -q "DB_PASSWORD" "${log}" || { echo "dev-smoke: FAIL: the first plan lacks env-from DB_PASSWORD" >&2; exit 1; }
if grep -q "sample-password-not-for-production" "${log}"; then
    echo "dev-smoke: FAIL: a secret's value reached the console" >&2
    exit 1
fi
sed -i 's/^env:$/env:\n  - name: SMOKE_EDIT\n    value: "after the edit"/' "${user_data}"
await_count 2 "^plan:"
grep -A3 "^plan:" "${log}" | tail -4 | grep -q "SMOKE_EDIT" \
    || { echo "dev-smoke: FAIL: the rehearsal after the edit does not plan SMOKE_EDIT" >&2; exit 1; }
echo "dev-smoke: PASS: first plan after ${first} s, the edit rehearsed after $(($(date +%s) - started)) s in all"
