#!/bin/sh
# Parameters exist, none under /app/missing/.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
parameter /app/config/database_host localhost
EOF
