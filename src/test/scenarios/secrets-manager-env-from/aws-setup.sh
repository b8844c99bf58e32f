#!/bin/sh
# A plain secret for a named variable, a JSON secret for a map.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
secret app/jwt-secret super-secret-jwt-key-xyz789
secret app/oauth-credentials '{"OAUTH_CLIENT_ID": "client123", "OAUTH_CLIENT_SECRET": "secret456", "OAUTH_REDIRECT_URI": "https://app.example.com/callback"}'
EOF
