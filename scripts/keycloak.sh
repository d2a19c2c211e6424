#!/usr/bin/env bash
# Starts (or stops) a throw-away Keycloak for the single sign-on tests (docs/SSO.md).
#
#   scripts/keycloak.sh start   # starts Keycloak from $KEYCLOAK_HOME in dev mode on loopback,
#                               # in-memory database, importing every realm file of
#                               # $KEYCLOAK_REALMS at start; returns once the realms answer
#   scripts/keycloak.sh stop
#
#   KEYCLOAK_HOME       the unpacked org.keycloak:keycloak-quarkus-dist (the integration-tests build
#                       unpacks it into integration-tests/target/keycloak-<version>)
#   KEYCLOAK_REALMS     folder of realm JSON files to import (integration-tests/src/test/keycloak)
#   KEYCLOAK_PORT       HTTP port on 127.0.0.1 (18480); the management interface takes port + 10
#   KEYCLOAK_STATE_DIR  pid file and log (/tmp/chorus-keycloak-$KEYCLOAK_PORT)
#   KEYCLOAK_JAVA_HOME  a JDK 21 or newer; otherwise the newest such JDK under /usr/lib/jvm (or
#                       JAVA_HOME when it is new enough). Keycloak 26 does not run on Java 17.
#   KEYCLOAK_ADMIN_PASSWORD  password of the bootstrap 'admin' of the master realm (admin)
set -euo pipefail

PORT="${KEYCLOAK_PORT:-18480}"
STATE="${KEYCLOAK_STATE_DIR:-/tmp/chorus-keycloak-$PORT}"
PID_FILE="$STATE/keycloak.pid"
LOG="$STATE/keycloak.log"

log() { echo "[keycloak.sh] $*"; }
fail() { echo "[keycloak.sh] ERROR: $*" >&2; exit 1; }

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

# A JDK of version 21 or newer: KEYCLOAK_JAVA_HOME, else JAVA_HOME, else the newest under /usr/lib/jvm.
find_java() {
    local candidate major
    if [ -n "${KEYCLOAK_JAVA_HOME:-}" ]; then
        [ -x "$KEYCLOAK_JAVA_HOME/bin/java" ] || fail "KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME has no bin/java"
        major=$(java_major "$KEYCLOAK_JAVA_HOME")
        [ "${major:-0}" -ge 21 ] || fail "KEYCLOAK_JAVA_HOME=$KEYCLOAK_JAVA_HOME is Java $major; Keycloak needs 21 or newer"
        echo "$KEYCLOAK_JAVA_HOME"; return
    fi
    for candidate in ${JAVA_HOME:-} $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::'); do
        [ -x "$candidate/bin/java" ] || continue
        major=$(java_major "$candidate")
        [ "${major:-0}" -ge 21 ] && echo "$major $candidate"
    done | sort -n -r | head -1 | cut -d' ' -f2
}

start() {
    [ -n "${KEYCLOAK_HOME:-}" ] && [ -x "$KEYCLOAK_HOME/bin/kc.sh" ] \
        || fail "KEYCLOAK_HOME (${KEYCLOAK_HOME:-unset}) is not an unpacked keycloak-quarkus-dist"
    [ -d "${KEYCLOAK_REALMS:-}" ] || fail "KEYCLOAK_REALMS (${KEYCLOAK_REALMS:-unset}) is not a folder of realm files"
    local java
    java=$(find_java)
    [ -n "$java" ] || fail "no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*). Install one
    (e.g. Debian's openjdk-21-jdk-headless or a Temurin JDK) or set KEYCLOAK_JAVA_HOME to it."
    mkdir -p "$STATE"
    if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
        log "stopping the Keycloak left running on port $PORT"
        stop
    fi
    # Realm files are imported from the server's data/import at start (dev mode, in-memory database).
    rm -rf "$KEYCLOAK_HOME/data"
    mkdir -p "$KEYCLOAK_HOME/data/import"
    cp "$KEYCLOAK_REALMS"/*.json "$KEYCLOAK_HOME/data/import/"
    log "starting Keycloak on 127.0.0.1:$PORT with $java"
    JAVA_HOME="$java" KC_BOOTSTRAP_ADMIN_USERNAME=admin \
        KC_BOOTSTRAP_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}" \
        JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
        setsid "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
            --db=dev-mem --import-realm \
            --http-host=127.0.0.1 --http-port="$PORT" \
            --http-management-port=$((PORT + 10)) \
            --hostname=http://127.0.0.1:"$PORT" \
            --cache=local --log-level=warn,org.keycloak.exportimport:info,io.quarkus:info \
            >"$LOG" 2>&1 < /dev/null &
    echo $! > "$PID_FILE"
    local started=$SECONDS
    for _ in $(seq 1 240); do
        if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
            tail -30 "$LOG" >&2
            fail "Keycloak exited during start; see $LOG"
        fi
        if curl -fs -o /dev/null "http://127.0.0.1:$PORT/realms/master/.well-known/openid-configuration"; then
            log "ready after $((SECONDS - started)) s (log: $LOG)"
            return 0
        fi
        sleep 0.5
    done
    fail "Keycloak did not answer within 120 s; see $LOG"
}

# kc.sh starts a java child: end the whole session the start made, the JVM included.
stop() {
    [ -f "$PID_FILE" ] || { log "not running"; return 0; }
    local pid
    pid=$(cat "$PID_FILE")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE"
    log "stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
