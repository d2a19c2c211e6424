#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL cluster for the integration tests.
#
#   scripts/postgres.sh start   # installs Debian's postgresql if no server binary is found,
#                               # initdb's a throw-away cluster, starts it on $CHORUS_PG_PORT
#                               # (default 15432) and creates a fresh 'chorus' database
#   scripts/postgres.sh stop
#   scripts/postgres.sh resume  # starts the stopped cluster again with its data (the fault-injection
#                               # run stops PostgreSQL under a running cluster and brings it back)
#   scripts/postgres.sh checkpoint  # a CHECKPOINT now, which also restarts the clock of the next timed one
#
# The cluster lives in $CHORUS_PG_DIR (default /tmp/chorus-pg-$PORT) and never touches a
# PostgreSQL the machine may already run.
set -euo pipefail

# Below the kernel's ephemeral range (32768-60999): a client that keeps trying 127.0.0.1:<port> while
# the server is stopped can be given that very port as its own and connect to itself (TCP's
# simultaneous open), and the server then cannot bind it to start again — that ended a 59-minute
# fault-injection run on 55432.
PORT="${CHORUS_PG_PORT:-15432}"
DIR="${CHORUS_PG_DIR:-/tmp/chorus-pg-$PORT}"
DB="${CHORUS_PG_DB:-chorus}"
USER_NAME="${CHORUS_PG_USER:-chorus}"
PASSWORD="${CHORUS_PG_PASSWORD:-chorus}"

log() { echo "[postgres.sh] $*"; }

find_bin() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/postgres" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
    done
    return 1
}

ensure_installed() {
    if BIN=$(find_bin); then return 0; fi
    log "no PostgreSQL server found: installing Debian's postgresql package"
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    BIN=$(find_bin) || { log "installation did not provide a server"; exit 1; }
}

# PostgreSQL refuses to run as root: run its tools as the 'postgres' user then.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

psql_admin() {
    PGOPTIONS="-c client_min_messages=warning" as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

start() {
    ensure_installed
    if as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
        log "already running on port $PORT ($DIR)"
    else
        if [ ! -f "$DIR/PG_VERSION" ]; then
            rm -rf "$DIR"
            mkdir -p "$DIR"
            [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
            as_owner "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
            # Tuned for throw-away test data on a small machine: durability is not under test here
            # except where a test kills the server (PostgreSQL itself is never killed).
            cat >> "$DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
CONF
        fi
        as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null
        log "started PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($DIR)"
    fi
    psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
    psql_admin -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$USER_NAME') THEN CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'; END IF; END \$\$" >/dev/null
    psql_admin -c "CREATE DATABASE $DB OWNER $USER_NAME" >/dev/null
    log "fresh database '$DB' owned by '$USER_NAME'"
}

stop() {
    if BIN=$(find_bin) && [ -f "$DIR/PG_VERSION" ]; then
        as_owner "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null 2>&1 || true
        log "stopped ($DIR)"
    fi
}

resume() {
    BIN=$(find_bin) || { log "no PostgreSQL server found"; exit 1; }
    [ -f "$DIR/PG_VERSION" ] || { log "no cluster in $DIR to resume"; exit 1; }
    if ! as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
        as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null
    fi
    log "resumed on 127.0.0.1:$PORT ($DIR)"
}

checkpoint() {
    BIN=$(find_bin) || { log "no PostgreSQL server found"; exit 1; }
    psql_admin -c "CHECKPOINT"
    log "checkpoint done"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    resume) resume ;;
    checkpoint) checkpoint ;;
    *) echo "usage: $0 start|stop|resume|checkpoint" >&2; exit 2 ;;
esac
