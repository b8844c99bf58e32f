#!/bin/sh
# Files and a nested one under the prefix, plus a folder marker.
# Ours, not upstream's: run by src/test/sandbox/run-scenario.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<'EOF'
object files-bucket app/config/file1.txt 'File 1 content'
object files-bucket app/config/file2.txt 'File 2 content'
object files-bucket app/config/subdir/ ''
object files-bucket app/config/subdir/nested.txt 'Nested file content'
EOF
