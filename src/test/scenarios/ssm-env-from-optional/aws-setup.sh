#!/bin/sh
# Another parameter exists; the optional one does not.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
parameter /existing/parameter some-value
EOF
