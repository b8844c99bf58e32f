#!/bin/sh
# The bucket exists; the optional object does not.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
bucket optional-bucket
EOF
