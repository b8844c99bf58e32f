#!/bin/sh
# The bucket exists; the object the user data names does not.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
object missing-bucket other-object.json '{"OTHER": "value"}'
EOF
