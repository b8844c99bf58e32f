#!/bin/sh
# Plain text where a JSON object is required (no name).
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
object invalid-bucket plain-text.txt 'This is plain text, not JSON'
EOF
