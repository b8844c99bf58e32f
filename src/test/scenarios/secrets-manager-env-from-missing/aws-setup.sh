#!/bin/sh
# Another secret exists; the one the user data names does not.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
secret existing/secret some-value
EOF
