#!/bin/bash
# Starts one Chorus node. The node's name (presence rows, transaction node id) is CHORUS_NODE_ID,
# by default the container's host name; everything else is read from the environment by the server
# configuration (CHORUS_DB_*, CHORUS_BROKER_*) and the application (every other CHORUS_* key).
set -euo pipefail
export CHORUS_NODE_ID="${CHORUS_NODE_ID:-$(hostname)}"
export CHORUS_DATASOURCE="${CHORUS_DATASOURCE:-java:jboss/datasources/ChorusPostgresDS}"
exec /opt/chorus/wildfly/bin/standalone.sh -c "${CHORUS_SERVER_CONFIG:-standalone-cluster.xml}" \
    -b 0.0.0.0 -bmanagement 127.0.0.1 \
    -Djboss.node.name="$CHORUS_NODE_ID" -Djboss.tx.node.id="${CHORUS_NODE_ID:0:23}" "$@"
