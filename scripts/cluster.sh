#!/usr/bin/env bash
# Runs a Chorus cluster on this machine: one Artemis broker, N WildFly nodes, one PostgreSQL
# (SPEC §8). The integration tests drive the cluster through this same script.
#
#   scripts/cluster.sh up [N]            PostgreSQL (scripts/postgres.sh), the broker, nodes 1..N (default 2)
#   scripts/cluster.sh down              stops the nodes, the broker and PostgreSQL
#   scripts/cluster.sh broker start|stop|kill
#   scripts/cluster.sh node start|stop|kill <i>
#   scripts/cluster.sh node pause|resume <i>        SIGSTOP / SIGCONT of the node's JVM (fault injection)
#   scripts/cluster.sh node logs-full|logs-ok <i>   its log file handler writes to /dev/full (ENOSPC) / back
#   scripts/cluster.sh db stop|resume               PostgreSQL stopped under the cluster / started with its data
#   scripts/cluster.sh status
#
# Node i listens on http://127.0.0.1:(8080 + 100*i) (management 9990 + 100*i). Run `mvn install
# -DskipTests` first: the nodes run the provisioned WildFly (ear/target/wildfly-*) with the built
# EAR, each from its own copy of standalone/ under $CHORUS_CLUSTER_DIR.
#
# Environment (all optional):
#   CHORUS_CLUSTER_DIR    state: node and broker directories, pid files, logs (/tmp/chorus-cluster)
#   CHORUS_BROKER_PORT    the broker's core port (61616); CHORUS_BROKER_USER / _PASSWORD (chorus)
#   CHORUS_PG_PORT        PostgreSQL's port (15432, as scripts/postgres.sh); or CHORUS_DB_URL etc.
#   ARTEMIS_HOME          an unpacked Artemis; otherwise fetched from Maven Central once
#   CHORUS_NODE_JAVA_OPTS JVM options of each node (-Xms128m -Xmx768m)
#   CHORUS_WARMUP_MESSAGES  the start-up warm-up of each node, messages per round (20000; 0: none):
#                         `node start` returns when the application's /health/ready says UP, which
#                         it says once the node has warmed up (docs/DEPLOYMENT.md "Warm-up")
#   CHORUS_NODE_<i>_CLOCK_OFFSET  node i runs with its clock this far off (e.g. +5s, libfaketime; installed
#                         from Debian if missing): the reliability tests' skewed clock
# Any other CHORUS_* variable is passed to the nodes (see docs/CONFIGURATION.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CHORUS_CLUSTER_DIR:-/tmp/chorus-cluster}"
ARTEMIS_VERSION="2.56.0"
BROKER_PORT="${CHORUS_BROKER_PORT:-61616}"
export CHORUS_BROKER_PORT="$BROKER_PORT"
export CHORUS_BROKER_USER="${CHORUS_BROKER_USER:-chorus}"
export CHORUS_BROKER_PASSWORD="${CHORUS_BROKER_PASSWORD:-chorus}"
PG_PORT="${CHORUS_PG_PORT:-15432}"
export CHORUS_DATASOURCE="${CHORUS_DATASOURCE:-java:jboss/datasources/ChorusPostgresDS}"
export CHORUS_DB_URL="${CHORUS_DB_URL:-jdbc:postgresql://127.0.0.1:$PG_PORT/chorus}"
export CHORUS_DB_USER="${CHORUS_DB_USER:-chorus}"
export CHORUS_DB_PASSWORD="${CHORUS_DB_PASSWORD:-chorus}"
# On: a (re)started node warms up in rounds of 20,000 messages before it says ready, and is then at
# its warm rate from its first second (docs/PERFORMANCE.md step 11; ~2 more minutes per start).
export CHORUS_WARMUP_MESSAGES="${CHORUS_WARMUP_MESSAGES:-20000}"

log() { echo "[cluster.sh] $*"; }
command -v curl > /dev/null || { apt-get update -qq && apt-get install -y -qq curl > /dev/null; }
die() { echo "[cluster.sh] $*" >&2; exit 1; }

wildfly_home() {
    local home
    home=$(ls -d "$ROOT"/ear/target/wildfly-* 2>/dev/null | head -1) || true
    [ -n "$home" ] && [ -f "$ROOT/ear/target/chorus.ear" ] || die "no provisioned WildFly or EAR: run 'mvn install -DskipTests' first"
    echo "$home"
}

# standalone-cluster.xml: the configured standalone-full.xml with the broker made remote. Made
# again whenever the build has produced a newer standalone-full.xml.
cluster_config() {
    local home="$1" conf="$1/standalone/configuration"
    if [ ! -f "$conf/standalone-cluster.xml" ] || [ "$conf/standalone-full.xml" -nt "$conf/standalone-cluster.xml" ] \
        || [ "$ROOT/ear/src/main/cli/configure-cluster.cli" -nt "$conf/standalone-cluster.xml" ]; then
        log "writing standalone-cluster.xml"
        cp "$conf/standalone-full.xml" "$conf/standalone-cluster.xml"
        "$home/bin/jboss-cli.sh" --file="$ROOT/ear/src/main/cli/configure-cluster.cli" > "$DIR/configure-cluster.log" 2>&1 \
            || die "configure-cluster.cli failed, see $DIR/configure-cluster.log"
    fi
}

artemis_home() {
    if [ -n "${ARTEMIS_HOME:-}" ]; then echo "$ARTEMIS_HOME"; return; fi
    local home="$DIR/apache-artemis-$ARTEMIS_VERSION"
    if [ ! -x "$home/bin/artemis" ]; then
        log "fetching Artemis $ARTEMIS_VERSION from Maven Central" >&2
        mvn -q dependency:copy -Dartifact="org.apache.artemis:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin" \
            -DoutputDirectory="$DIR/download" >&2
        tar -xzf "$DIR/download/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz" -C "$DIR"
    fi
    echo "$home"
}

# libfaketime, for a node whose clock must be off; Debian's package 'faketime' if it is missing.
faketime_lib() {
    local lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1
    if [ ! -f "$lib" ]; then
        log "installing Debian's faketime" >&2
        if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq faketime > /dev/null 2>&1 \
            || { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq faketime > /dev/null; } \
            || die "could not install faketime"
    fi
    [ -f "$lib" ] || lib=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -1)
    [ -n "$lib" ] || die "no libfaketimeMT.so.1"
    echo "$lib"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

broker() {
    local instance="$DIR/broker"
    case "$1" in
        start)
            if [ -f "$instance.pid" ] && kill -0 "$(cat "$instance.pid")" 2>/dev/null; then log "broker already running"; return; fi
            local home; home=$(artemis_home)
            if [ ! -d "$instance" ]; then
                "$home/bin/artemis" create "$instance" --silent --host 127.0.0.1 --default-port "$BROKER_PORT" \
                    --user "$CHORUS_BROKER_USER" --password "$CHORUS_BROKER_PASSWORD" --require-login \
                    --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor > "$DIR/broker-create.log" 2>&1 \
                    || die "artemis create failed, see $DIR/broker-create.log"
            fi
            # Chorus' address settings (the push queue's redelivery back-off), read by 'artemis run'.
            cp "$ROOT/scripts/artemis/broker.properties" "$instance/etc/broker.properties"
            # exec: the pid is the broker's JVM itself, so 'kill' is a real kill -9 of the broker.
            JAVA_ARGS="-Xms64m -Xmx512m" nohup bash -c "exec '$instance/bin/artemis' run" >> "$DIR/broker.log" 2>&1 &
            echo $! > "$instance.pid"
            for _ in $(seq 1 120); do
                if grep -q "AMQ221007" "$DIR/broker.log" 2>/dev/null && port_open "$BROKER_PORT"; then log "broker up on :$BROKER_PORT"; return; fi
                sleep 0.5
            done
            die "broker did not start, see $DIR/broker.log";;
        stop|kill)
            [ -f "$instance.pid" ] || { log "broker not running"; return; }
            local pid; pid=$(cat "$instance.pid")
            stop_tree "$pid" "$1"
            rm -f "$instance.pid"
            # The next start must not mistake this run's "now active" line for its own.
            [ -f "$DIR/broker.log" ] && mv "$DIR/broker.log" "$DIR/broker.log.$(date +%s%N)"
            log "broker $([ "$1" = kill ] && echo killed || echo stopped)";;
        *) die "broker start|stop|kill";;
    esac
}

# Stops a process and its children: TERM and wait (stop), or KILL at once (kill).
stop_tree() {
    local pid="$1" how="$2" children
    children=$(pgrep -P "$pid" || true)
    if [ "$how" = kill ]; then
        kill -9 $children "$pid" 2>/dev/null || true
    else
        kill $children "$pid" 2>/dev/null || true
    fi
    for _ in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.5
    done
    kill -9 $children "$pid" 2>/dev/null || true
}

node() {
    local action="$1" i="${2:?node number}"
    local base="$DIR/node-$i" offset=$((100 * i))
    case "$action" in
        start)
            if [ -f "$base.pid" ] && kill -0 "$(cat "$base.pid")" 2>/dev/null; then log "node $i already running"; return; fi
            local home; home=$(wildfly_home)
            cluster_config "$home"
            rm -rf "$base/configuration" "$base/deployments" "$base/tmp"
            mkdir -p "$base/deployments"
            cp -r "$home/standalone/configuration" "$base/configuration"
            # A management user of this node's own (fresh password each start) for the log fault below,
            # which talks to the management HTTP API with curl: jboss-cli is a JVM start (~8 s on a busy machine).
            local password; password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
            (umask 077 && printf '%s' "$password" > "$base/mgmt-password")
            printf '\nchorus-cluster=%s\n' "$(printf '%s' "chorus-cluster:ManagementRealm:$password" | md5sum | cut -d' ' -f1)" \
                >> "$base/configuration/mgmt-users.properties"
            cp "$ROOT/ear/target/chorus.ear" "$base/deployments/chorus.ear"
            local skew_var="CHORUS_NODE_${i}_CLOCK_OFFSET" preload=""
            if [ -n "${!skew_var:-}" ]; then
                preload=$(faketime_lib)
                log "node $i runs with its clock ${!skew_var} off"
            fi
            # Only the wall clock is shifted. FAKETIME_FORCE_MONOTONIC_FIX=0: with libfaketime 0.9.10's
            # default, every timed wait of the JVM returned at once and a WildFly burned two cores
            # spinning (libfaketime issue #425); measured here: 40 waiting threads, 7.6 s CPU in 5 s → 0.6 s.
            LD_PRELOAD="$preload" FAKETIME="${!skew_var:-}" FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 \
            JBOSS_PIDFILE="$base.pid" LAUNCH_JBOSS_IN_BACKGROUND=true \
                JAVA_OPTS="${CHORUS_NODE_JAVA_OPTS:--Xms128m -Xmx768m} -Djava.net.preferIPv4Stack=true" \
                nohup "$home/bin/standalone.sh" -c standalone-cluster.xml -b 127.0.0.1 -bmanagement 127.0.0.1 \
                -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$offset" \
                -Djboss.node.name="node-$i" -Djboss.tx.node.id="node-$i" >> "$DIR/node-$i.log" 2>&1 &
            local http=$((8080 + offset)) mgmt=$((9990 + offset))
            # Ready is the application's own readiness (what the load balancer asks, docker/haproxy.cfg):
            # database and broker answer and the warm-up is done. Bounded by the warm-up's own bound
            # (chorus.warmup.max-seconds, 240 s) plus the start.
            for _ in $(seq 1 600); do
                if [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/health/ready")" = 200 ]; then
                    log "node $i up and ready on http://127.0.0.1:$http"; return
                fi
                sleep 0.5
            done
            die "node $i did not start, see $DIR/node-$i.log";;
        stop|kill)
            [ -f "$base.pid" ] || { log "node $i not running"; return; }
            stop_tree "$(cat "$base.pid")" "$action"
            rm -f "$base.pid"
            log "node $i $([ "$action" = kill ] && echo killed || echo stopped)";;
        pause|resume)
            [ -f "$base.pid" ] || die "node $i not running"
            kill "-$([ "$action" = pause ] && echo STOP || echo CONT)" "$(cat "$base.pid")"
            log "node $i ${action}d";;
        logs-full|logs-ok)
            # The disk-full fault, for the logs only: the FILE handler reopens on /dev/full, where every
            # write fails with ENOSPC, and back on server.log.
            local file='{"path": "server.log", "relative-to": "jboss.server.log.dir"}'
            [ "$action" = logs-full ] && file='{"path": "/dev/full"}'
            local operation='{"operation": "write-attribute", "address": [{"subsystem": "logging"},
                {"periodic-rotating-file-handler": "FILE"}], "name": "file", "value": '"$file"'}'
            # A busy machine makes the management API slow to answer: a long timeout, and more tries.
            local tries answer
            for tries in 1 2 3; do
                answer=$(curl -s -m 60 --digest -u "chorus-cluster:$(cat "$base/mgmt-password")" -H 'Content-Type: application/json' \
                    -d "$operation" "http://127.0.0.1:$((9990 + offset))/management" 2>&1 || true)
                echo "$answer" >> "$DIR/node-$i-management.log"
                grep -q '"outcome" *: *"success"' <<< "$answer" && break
                [ "$tries" = 3 ] && die "node $i: could not redirect its log file, see $DIR/node-$i-management.log"
                sleep 2
            done
            log "node $i $([ "$action" = logs-full ] && echo "logs to /dev/full" || echo "logs to server.log")";;
        *) die "node start|stop|kill|pause|resume|logs-full|logs-ok <i>";;
    esac
}

mkdir -p "$DIR"
case "${1:-}" in
    up)
        CHORUS_PG_PORT="$PG_PORT" "$ROOT/scripts/postgres.sh" start
        broker start
        for i in $(seq 1 "${2:-2}"); do node start "$i"; done;;
    down)
        for pidfile in "$DIR"/node-*.pid; do
            [ -f "$pidfile" ] || continue
            n=$(basename "$pidfile" .pid); node stop "${n#node-}"
        done
        broker stop
        CHORUS_PG_PORT="$PG_PORT" "$ROOT/scripts/postgres.sh" stop;;
    broker) broker "${2:-}";;
    db)
        case "${2:-}" in
            stop|resume) CHORUS_PG_PORT="$PG_PORT" "$ROOT/scripts/postgres.sh" "$2";;
            *) die "db stop|resume";;
        esac;;
    node) node "${2:-}" "${3:-}";;
    status)
        for pidfile in "$DIR"/*.pid; do
            [ -f "$pidfile" ] || continue
            if kill -0 "$(cat "$pidfile")" 2>/dev/null; then state=running; else state=dead; fi
            echo "$(basename "$pidfile" .pid): $state (pid $(cat "$pidfile"))"
        done;;
    *) sed -n '2,22p' "$0"; exit 2;;
esac
