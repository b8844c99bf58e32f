#!/bin/sh
# make bench's fetch scenario: 20 SSM parameters (SecureString, as secrets usually are) and 10
# secrets, seeded into moto_server by src/test/sandbox/run-scenario.sh.
set -eu
exec python3 "${AWS_SEED}" <<'SEED'
parameter /bench/parameter-01 parameter-value-01 SecureString
parameter /bench/parameter-02 parameter-value-02 SecureString
parameter /bench/parameter-03 parameter-value-03 SecureString
parameter /bench/parameter-04 parameter-value-04 SecureString
parameter /bench/parameter-05 parameter-value-05 SecureString
parameter /bench/parameter-06 parameter-value-06 SecureString
parameter /bench/parameter-07 parameter-value-07 SecureString
parameter /bench/parameter-08 parameter-value-08 SecureString
parameter /bench/parameter-09 parameter-value-09 SecureString
parameter /bench/parameter-10 parameter-value-10 SecureString
parameter /bench/parameter-11 parameter-value-11 SecureString
parameter /bench/parameter-12 parameter-value-12 SecureString
parameter /bench/parameter-13 parameter-value-13 SecureString
parameter /bench/parameter-14 parameter-value-14 SecureString
parameter /bench/parameter-15 parameter-value-15 SecureString
parameter /bench/parameter-16 parameter-value-16 SecureString
parameter /bench/parameter-17 parameter-value-17 SecureString
parameter /bench/parameter-18 parameter-value-18 SecureString
parameter /bench/parameter-19 parameter-value-19 SecureString
parameter /bench/parameter-20 parameter-value-20 SecureString
secret bench/secret-01 secret-value-01
secret bench/secret-02 secret-value-02
secret bench/secret-03 secret-value-03
secret bench/secret-04 secret-value-04
secret bench/secret-05 secret-value-05
secret bench/secret-06 secret-value-06
secret bench/secret-07 secret-value-07
secret bench/secret-08 secret-value-08
secret bench/secret-09 secret-value-09
secret bench/secret-10 secret-value-10
SEED
