#!/bin/sh
# A plain object (no trailing newline) for a named variable, a JSON object for a map.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
object config-bucket api-key.txt my-api-key-12345
object config-bucket db-config.json '{"DB_HOST": "localhost", "DB_PORT": 5432, "DB_NAME": "myapp"}'
EOF
