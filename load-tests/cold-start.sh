#!/usr/bin/env bash
# Cold start (docs/PERFORMANCE.md "Cold start"): a node restarted under a constant offered load.
# Each run: a fresh server under test (target-up.sh down/up: fresh database, nothing queued), the
# c2c set-up (users, friendships, tokens), then the node is restarted on the same database (a cold
# JVM, the users kept, as after a crash or an upgrade; PostgreSQL checkpoints once it is ready, so its
# next timed checkpoint falls after the run in every arm) and, as soon as its /health/ready says UP and
# the sockets are open, 2,000 durable one-to-one messages/s are offered for 240 s. Printed per 10 s
# window from the first send: sent/s, delivered/s, server_busy refusals, p50/p99/max send→receive,
# the server's cores; then the per-window medians of all runs.
#
#   load-tests/cold-start.sh [runs] [-Dname=value ...]      (default 3 runs)
#
# Environment:
#   COLD_WARMUP   CHORUS_WARMUP_MESSAGES of the restarted node (default 0: no warm-up, ready at once)
#   COLD_JFR      a directory: the restarted node records JFR (profile settings) from its start for
#                 COLD_JFR_SECONDS (300), into <dir>/cold-<run>.jfr
#   COLD_JAVA_OPTS  more JVM options of the restarted node only (e.g. -XX:SharedArchiveFile=...)
#   COLD_JAVA_HOME  the JDK of the restarted node only (e.g. a JDK 25 with -XX:AOTCache=... in
#                 COLD_JAVA_OPTS); the set-up node and Gatling keep theirs
#   COLD_CLIENT_WARMUP  e.g. 30s: before the restart, the same devices send at the same rate to the
#                 set-up node for that long, not measured (C2cSimulation -Dclient.warmup), so that
#                 Gatling's own JIT (~0.35 of a core in the first window here) is over when the measured
#                 sends begin; the restarted node still gets nothing before them (default empty: off)
#
# Build first: mvn -q -o package -DskipTests -DskipITs
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
[ $# -gt 0 ] && shift
results="$ROOT/load-tests/target/load-results"
mkdir -p "$results"
csvs=()
for i in $(seq 1 "$runs"); do
    "$ROOT/load-tests/target-up.sh" down > /dev/null 2>&1 || true
    # The set-up's node: no warm-up, no recording; only the restarted one gets those.
    env -u CHORUS_WARMUP_MESSAGES "$ROOT/load-tests/target-up.sh" up
    extra="${COLD_JAVA_OPTS:-}"
    if [ -n "${COLD_JFR:-}" ]; then
        mkdir -p "$COLD_JFR"
        extra="$extra -XX:StartFlightRecording=settings=profile,duration=${COLD_JFR_SECONDS:-300}s,filename=$COLD_JFR/cold-$i.jfr"
    fi
    marker=$(mktemp)
    (cd "$ROOT" && CHORUS_WARMUP_MESSAGES="${COLD_WARMUP:-0}" CHORUS_LOAD_EXTRA_JAVA_OPTS="$extra" \
        CHORUS_LOAD_JAVA_HOME="${COLD_JAVA_HOME:-${CHORUS_LOAD_JAVA_HOME:-}}" \
        mvn -q -o -Pload -pl load-tests gatling:test -Dgatling.simulationClass=io.chorus.load.C2cSimulation \
        -Dpairs=200 -Drate=2000 -Dduration=240s -Ddrain=15s -Dconnect.ramp=2s -Drestart=true -Dwindow=10s ${COLD_CLIENT_WARMUP:+-Dclient.warmup=$COLD_CLIENT_WARMUP} "$@") \
        || echo "[cold-start.sh] run $i: Gatling reported failed requests (the summary says which)"
    csv=$(find "$results" -name '*.windows.csv' -newer "$marker" | head -1)
    rm -f "$marker"
    echo "[cold-start.sh] run $i of $runs: ${csv:-no windows written}"
    [ -n "$csv" ] && csvs+=("$csv")
done
"$ROOT/load-tests/target-up.sh" down > /dev/null 2>&1 || true

# Per window, the median over the runs of each column (the middle value; for an even count the lower).
if [ "${#csvs[@]}" -gt 0 ]; then
    echo "[cold-start.sh] medians over ${#csvs[@]} run(s): ${csvs[*]}"
    awk -F, '
        FNR == 1 { if (NR == 1) header = $0; next }
        { key = FNR; rows[key] = 1; for (c = 2; c <= NF; c++) { n = ++count[key, c]; v[key, c, n] = $c } t[key] = $1; cols = NF }
        END {
            print header
            for (k = 2; k in rows; k++) {
                line = t[k]
                for (c = 2; c <= cols; c++) {
                    n = count[k, c]
                    for (a = 1; a <= n; a++) s[a] = v[k, c, a] + 0
                    for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (s[b] < s[a]) { x = s[a]; s[a] = s[b]; s[b] = x }
                    line = line "," s[int((n + 1) / 2)]
                }
                print line
            }
        }' "${csvs[@]}" | column -t -s,
fi
