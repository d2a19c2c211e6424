#!/usr/bin/env bash
# The server under test for the load scenarios (load-tests/README.md): a single-node production
# install on this machine, that is one WildFly running the EAR on standalone-full.xml with its
# embedded Artemis broker, against its own PostgreSQL.
#
#   load-tests/target-up.sh up       PostgreSQL :35432 (fresh database), the node on :10080 (management :11990)
#   load-tests/target-up.sh restart  stops the node and starts it again on the same database (a
#                                    restarted node: cold JVM, the users and their data kept), then
#                                    has PostgreSQL checkpoint once it is ready
#   load-tests/target-up.sh down     stops both
#   load-tests/target-up.sh status   PIDs, RSS, open files
#   load-tests/target-up.sh pid      the node's JVM PID (what ServerProbe reads for heap/RSS/CPU)
#
# Build first (no install needed): mvn -q -o package -DskipTests -DskipITs
#
# Environment (all optional):
#   CHORUS_LOAD_DIR        state: node base directory, PID file, logs, GC log (/tmp/chorus-load)
#   CHORUS_PG_PORT         PostgreSQL's port (35432); its cluster lives in /tmp/chorus-pg-<port>
#   CHORUS_LOAD_OFFSET     WildFly port offset (2000: http 10080, management 11990)
#   CHORUS_LOAD_JAVA_OPTS  the node's JVM options (see JAVA_OPTS below)
#   CHORUS_LOAD_EXTRA_JAVA_OPTS  added to them (cold-start.sh: JFR, class-data archives)
#   CHORUS_LOAD_JAVA_HOME  the JDK the node runs on (default: JAVA_HOME, else `java` on the PATH)
# Any other CHORUS_* variable reaches the node (docs/CONFIGURATION.md), e.g. CHORUS_DB_POOL_SIZE,
# the CHORUS_RATE_* limits or CHORUS_WARMUP_MESSAGES (the start-up warm-up; off unless set).
# `up` and `restart` return when the application's /health/ready says UP (after the warm-up, if any)
# and print how long the start took.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CHORUS_LOAD_DIR:-/tmp/chorus-load}"
PG_PORT="${CHORUS_PG_PORT:-35432}"
OFFSET="${CHORUS_LOAD_OFFSET:-2000}"
HTTP=$((8080 + OFFSET))
MGMT=$((9990 + OFFSET))

# A fixed 2 GiB heap, touched at start: the connections scenario then reads heap growth from the
# heap after a full GC, and RSS growth is native memory only (the heap pages are resident from the
# start). G1 (the JDK 17 default) with a GC log for the analysis in docs/PERFORMANCE.md.
JAVA_OPTS_DEFAULT="-Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseG1GC -XX:MaxMetaspaceSize=512m \
-Xlog:gc*:file=$DIR/gc.log:time,uptime,level,tags:filecount=5,filesize=50m -Djava.net.preferIPv4Stack=true"

log() { echo "[target-up.sh] $*"; }
die() { echo "[target-up.sh] $*" >&2; exit 1; }

node_pid() { [ -f "$DIR/node.pid" ] && kill -0 "$(cat "$DIR/node.pid")" 2>/dev/null && cat "$DIR/node.pid"; }

# The WildFly the build provisioned (empty when there is none).
wildfly_home() { ls -d "$ROOT"/ear/target/wildfly-* 2>/dev/null | head -1 || true; }

up() {
    local home
    home=$(wildfly_home)
    [ -n "$home" ] && [ -f "$ROOT/ear/target/chorus.ear" ] || die "no provisioned WildFly or EAR: run 'mvn -q -o package -DskipTests -DskipITs' first"
    if node_pid > /dev/null; then die "already running (pid $(node_pid)); '$0 down' first"; fi
    mkdir -p "$DIR"
    CHORUS_PG_PORT="$PG_PORT" "$ROOT/scripts/postgres.sh" start

    # A fresh copy of standalone/ for this node: configuration, the EAR, no data of an earlier run.
    local base="$DIR/node"
    rm -rf "$base"
    mkdir -p "$base/deployments"
    cp -r "$home/standalone/configuration" "$base/configuration"
    cp "$ROOT/ear/target/chorus.ear" "$base/deployments/chorus.ear"
    start_node "$home"
}

# Starts the node on $DIR/node as it is and waits for its readiness.
start_node() {
    local home="$1" base="$DIR/node" started
    rm -f "$DIR"/gc.log*
    started=$(date +%s%N)

    export CHORUS_DATASOURCE=java:jboss/datasources/ChorusPostgresDS
    export CHORUS_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/chorus" CHORUS_DB_USER=chorus CHORUS_DB_PASSWORD=chorus
    export CHORUS_NODE_ID=load-1
    # Set-up speed only (1024 is the smallest count Pbkdf2PasswordHash accepts): every virtual user signs up and logs in once before the measurement, and
    # 19,000 PBKDF2 hashes at the default 100,000 iterations would take both cores for ~20 minutes.
    # No scenario measures log-ins. Every other setting, the rate limits included, is the default.
    export CHORUS_PASSWORD_ITERATIONS="${CHORUS_PASSWORD_ITERATIONS:-1024}"

    JAVA_HOME="${CHORUS_LOAD_JAVA_HOME:-${JAVA_HOME:-}}" JBOSS_PIDFILE="$DIR/node.pid" LAUNCH_JBOSS_IN_BACKGROUND=true \
        JAVA_OPTS="${CHORUS_LOAD_JAVA_OPTS:-$JAVA_OPTS_DEFAULT} ${CHORUS_LOAD_EXTRA_JAVA_OPTS:-}" \
        nohup "$home/bin/standalone.sh" -c standalone-full.xml -b 127.0.0.1 -bmanagement 127.0.0.1 \
        -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$OFFSET" \
        -Djboss.node.name=load-1 -Djboss.tx.node.id=load-1 > "$DIR/node.log" 2>&1 &
    # The application's readiness (database, broker, warm-up), as a load balancer sees it.
    for _ in $(seq 1 720); do
        if [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP/health/ready")" = 200 ]; then
            log "node up and ready on http://127.0.0.1:$HTTP (management :$MGMT), pid $(cat "$DIR/node.pid"), $(( ($(date +%s%N) - started) / 1000000 )) ms after the launch"
            log "JVM: ${CHORUS_LOAD_JAVA_OPTS:-$JAVA_OPTS_DEFAULT} ${CHORUS_LOAD_EXTRA_JAVA_OPTS:-}"
            log "log $DIR/node.log, GC log $DIR/gc.log, PostgreSQL 127.0.0.1:$PG_PORT"
            return
        fi
        sleep 0.5
    done
    die "node did not start, see $DIR/node.log"
}

restart() {
    [ -d "$DIR/node" ] || die "no node to restart: '$0 up' first"
    stop_node
    start_node "$(wildfly_home)"
    # PostgreSQL checkpoints every 5 min (checkpoint_timeout) from its last checkpoint: one now puts the
    # next timed one 5 min after the node said ready in every run, warm-up or not. Without it, it fell
    # at t ~190 s of a warm-up run's load and only after a cold run's (PERFORMANCE step 11).
    CHORUS_PG_PORT="$PG_PORT" "$ROOT/scripts/postgres.sh" checkpoint
}

stop_node() {
    local pid
    if pid=$(node_pid); then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
        log "node stopped"
    else
        log "node not running"
    fi
    rm -f "$DIR/node.pid"
}

down() {
    stop_node
    CHORUS_PG_PORT="$PG_PORT" "$ROOT/scripts/postgres.sh" stop
}

status() {
    local pid
    if pid=$(node_pid); then
        echo "node: pid $pid, $(grep VmRSS /proc/"$pid"/status | tr -s ' '), $(ls /proc/"$pid"/fd | wc -l) open files, $(grep Threads /proc/"$pid"/status | tr -s ' ')"
    else
        echo "node: not running"
    fi
    local pg="/tmp/chorus-pg-$PG_PORT/postmaster.pid"
    if [ -f "$pg" ]; then echo "postgresql: pid $(head -1 "$pg") on :$PG_PORT"; else echo "postgresql: not running"; fi
}

case "${1:-}" in
    up) up;;
    restart) restart;;
    down) down;;
    status) status;;
    pid) node_pid || die "node not running";;
    *) sed -n '2,26p' "$0"; exit 2;;
esac
