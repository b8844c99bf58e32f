#!/bin/sh
# A SecureString for a named variable, a JSON String for a map.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
parameter /app/secrets/api-token ssm-token-abc123 SecureString
parameter /app/config/redis '{"REDIS_HOST": "redis.local", "REDIS_PORT": "6379", "REDIS_DB": 0}'
EOF
