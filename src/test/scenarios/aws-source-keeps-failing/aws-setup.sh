#!/bin/sh
# Both exist: only the proxy in front of moto_server keeps the init from them.
set -eu
exec python3 "${AWS_SEED}" <<'SEED'
parameter /failing/required required-1
object failing optional.txt optional-1
SEED
