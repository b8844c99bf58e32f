#!/bin/sh
# What the sample's user data fetches at boot: a secret for the environment and a config file.
set -eu
exec python3 "${AWS_SEED}" <<'SEED'
secret sample/db-password sample-password-not-for-production
object sample-bucket config/server.conf 'listen_backlog=1024'
SEED
