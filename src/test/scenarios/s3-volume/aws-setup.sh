#!/bin/sh
# Two objects under the key prefix and one outside it.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
object test-bucket config/greeting.txt 'Hello from S3!'
object test-bucket config/settings.conf 'log_level=info'
object test-bucket other/ignored.txt 'not under the prefix'
EOF
