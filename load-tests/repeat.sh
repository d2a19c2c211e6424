#!/usr/bin/env bash
# Runs one scenario N times, each on a freshly started server under test (target-up.sh down/up:
# a fresh database, no work left over from the run before), and prints each run's summary file, so
# that docs/PERFORMANCE.md can quote medians.
#
#   load-tests/repeat.sh 3 C2cSimulation -Dpairs=200 -Drate=250 -Dduration=30s
#
# Build first: mvn -q -o package -DskipTests -DskipITs
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:?number of runs}"
simulation="${2:?simulation class, e.g. C2cSimulation}"
shift 2
results="$ROOT/load-tests/target/load-results"
for i in $(seq 1 "$runs"); do
    "$ROOT/load-tests/target-up.sh" down > /dev/null 2>&1 || true
    "$ROOT/load-tests/target-up.sh" up
    marker=$(mktemp)
    (cd "$ROOT" && mvn -q -Pload -pl load-tests gatling:test -Dgatling.simulationClass="io.chorus.load.$simulation" "$@") \
        || echo "[repeat.sh] run $i: Gatling reported failed requests (the summary says which)"
    summary=$(find "$results" -name '*.txt' -newer "$marker" | head -1)
    rm -f "$marker"
    echo "[repeat.sh] run $i of $runs: ${summary:-no summary written}"
done
"$ROOT/load-tests/target-up.sh" down > /dev/null 2>&1 || true
