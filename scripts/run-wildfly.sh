#!/usr/bin/env bash
# Deploys the EAR into the provisioned WildFly and runs it in the foreground (Ctrl-C stops it).
# Called by `mvn -Prun package`; usable directly after a build:
#   scripts/run-wildfly.sh ear/target/wildfly-<version> ear/target/chorus.ear
# Without CHORUS_DATASOURCE the server uses its H2 file database in standalone/data/chorus.
set -euo pipefail
home="$1"
ear="$2"
cp "$ear" "$home/standalone/deployments/chorus.ear"
chmod +x "$home"/bin/*.sh
echo "Chorus: starting WildFly from $home on http://localhost:8080 (Ctrl-C to stop)"
exec "$home/bin/standalone.sh" -c standalone-full.xml -b 127.0.0.1 "${@:3}"
