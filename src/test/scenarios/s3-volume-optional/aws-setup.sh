#!/bin/sh
# An empty bucket: nothing under the optional volume's prefix.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
bucket empty-bucket
EOF
