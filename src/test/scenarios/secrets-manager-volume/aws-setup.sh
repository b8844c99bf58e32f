#!/bin/sh
# The secret the volume copies to /secrets/db-password.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
secret app/database-password super-secret-password-123
EOF
