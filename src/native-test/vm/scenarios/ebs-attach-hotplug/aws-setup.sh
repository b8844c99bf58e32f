#!/bin/sh
# The instance the mock IMDS says we are (moto attaches only to an instance it knows), the volume
# with the tags in our zone, and one with the same tags in another zone, which must be left alone.
# Ours, not upstream's: run by src/native-test/vm/lib/disks.sh against moto_server.
set -eu
exec python3 "${AWS_SEED}" <<EOF2
instance ${IMDS_OVERRIDES}/instance-id
volume us-east-1b 1 Name=hotplug-data
volume us-east-1a 1 Name=hotplug-data easyto-data
EOF2
