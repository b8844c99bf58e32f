#!/bin/sh
# Seeded straight into moto_server (the throttling proxy stands only between the init and it).
set -eu
exec python3 "${AWS_SEED}" <<'SEED'
parameter /throttled/token throttled-token-1 SecureString
parameter /throttled/map '{"MAP_A": "a-1"}'
object throttled value.txt throttled-object-1
secret throttled/secret throttled-secret-1
parameter /throttled/files/one file-one
object throttled tree/a/b.txt tree-b
SEED
