#!/bin/sh
# Seeds what upstream's localstack-setup.sh did: one value per source, expanded into static env.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
object env-bucket db-config.json '{"DB_HOST": "db.example.com", "DB_PORT": "5432", "DB_NAME": "production"}'
parameter /app/db/username app_user
secret app/db/password super-secret-password
EOF
