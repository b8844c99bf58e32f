#!/bin/sh
# Three parameters under /app/config/, one a SecureString.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
parameter /app/config/database_host localhost
parameter /app/config/database_port 5432
parameter /app/config/api_key secret-api-key-12345 SecureString
EOF
