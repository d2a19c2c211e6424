#!/usr/bin/env bash
# Chorus on Payara Server 6: the same EAR as on WildFly, with PostgreSQL and Payara's own JMS broker.
# docs/DEPLOYMENT.md says what differs from WildFly and why.
#
#   scripts/payara.sh smoke    the smoke test, start to end: build (EAR + Payara from Maven Central),
#                              a throw-away PostgreSQL (scripts/postgres.sh on $CHORUS_PG_PORT, 25432 here),
#                              a fresh domain configured by ear/src/main/payara/configure-payara.asadmin,
#                              deploy, scripts/smoke/ChorusSmoke.java (signup, friends, /ws <-> /jim
#                              messages with acks and deliveries), then everything stopped again.
#                              Exit status 0 only if every step passed.
#   scripts/payara.sh up       build, create and configure the domain (once), start it, deploy
#   scripts/payara.sh deploy   (re)deploy ear/target/chorus.ear on the running domain
#   scripts/payara.sh down     stop the domain
#
# Environment (all optional):
#   CHORUS_PAYARA_PORTBASE   port base of the domain (20000): admin +48 (20048), HTTP +80 (20080),
#                            JMS +76, IIOP +37..39, Hazelcast +49/+59; every port of the domain is above it
#   CHORUS_PAYARA_DOMAINS    where the domain lives (ear/target/payara-domains)
#   CHORUS_SKIP_BUILD=1      use the EAR and Payara already built (mvn package -DskipTests -pl ear -am -Pdeployments)
#   CHORUS_PG_PORT           the smoke test's PostgreSQL (25432); `up` uses CHORUS_DB_URL etc. as given
#   CHORUS_DB_URL / CHORUS_DB_USER / CHORUS_DB_PASSWORD, and every other CHORUS_* setting
#                            (docs/CONFIGURATION.md): read by the domain when it starts
#   AS_JAVA                  the JDK Payara runs on (default: java on the PATH)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORTBASE="${CHORUS_PAYARA_PORTBASE:-20000}"
ADMIN_PORT=$((PORTBASE + 48))
HTTP_PORT=$((PORTBASE + 80))
DOMAINS="${CHORUS_PAYARA_DOMAINS:-$ROOT/ear/target/payara-domains}"
DOMAIN=chorus
CONFIG="$ROOT/ear/src/main/payara/configure-payara.asadmin"
LOGS="$DOMAINS/logs"
PG_PORT="${CHORUS_PG_PORT:-25432}"

log() { echo "[payara.sh] $*"; }
die() { echo "[payara.sh] $*" >&2; exit 1; }
now() { date +%s; }

payara_home() {
    local home
    home=$(ls -d "$ROOT"/ear/target/payara-*/payara6 2>/dev/null | head -1) || true
    [ -n "$home" ] && [ -f "$ROOT/ear/target/chorus.ear" ] && [ -d "$ROOT/ear/target/payara-lib" ] \
        || die "no Payara or EAR under ear/target: run 'mvn package -DskipTests -pl ear -am -Pdeployments' (or drop CHORUS_SKIP_BUILD)"
    echo "$home"
}

build() {
    if [ "${CHORUS_SKIP_BUILD:-}" = 1 ]; then return; fi
    log "building the EAR and fetching Payara (mvn package -Pdeployments)"
    (cd "$ROOT" && mvn -q package -DskipTests -DskipITs -pl ear -am -Pdeployments) > "$LOGS/build.log" 2>&1 \
        || { tail -40 "$LOGS/build.log" >&2; die "the build failed, see $LOGS/build.log"; }
}

asadmin() { "$(payara_home)/bin/asadmin" --port "$ADMIN_PORT" "$@"; }

domain_running() { [ -f "$DOMAINS/$DOMAIN/config/pid" ] && kill -0 "$(cat "$DOMAINS/$DOMAIN/config/pid")" 2>/dev/null; }

# A new domain: every port above the port base, the server libraries in its lib/, then the
# configuration script on the running domain and a restart (JVM options take effect at start).
create_domain() {
    local home; home=$(payara_home)
    if [ -d "$DOMAINS/$DOMAIN" ]; then
        domain_running && die "domain $DOMAIN is running: 'scripts/payara.sh down' first"
        rm -rf "${DOMAINS:?}/$DOMAIN"
    fi
    log "creating domain $DOMAIN in $DOMAINS (port base $PORTBASE)"
    asadmin create-domain --nopassword --portbase "$PORTBASE" --domaindir "$DOMAINS" "$DOMAIN" > "$LOGS/create-domain.log" 2>&1 \
        || die "create-domain failed, see $LOGS/create-domain.log"
    cp "$ROOT"/ear/target/payara-lib/*.jar "$DOMAINS/$DOMAIN/lib/"
    start_domain
    log "configuring with $(basename "$CONFIG")"
    asadmin multimode --file "$CONFIG" > "$LOGS/configure.log" 2>&1 || { cat "$LOGS/configure.log" >&2; die "configuration failed"; }
    log "restarting the domain"
    asadmin restart-domain --domaindir "$DOMAINS" "$DOMAIN" > "$LOGS/restart-domain.log" 2>&1 \
        || die "restart-domain failed, see $LOGS/restart-domain.log"
    touch "$DOMAINS/$DOMAIN/.chorus-configured"
}

start_domain() {
    if domain_running; then log "domain $DOMAIN already running"; return; fi
    local t0; t0=$(now)
    asadmin start-domain --domaindir "$DOMAINS" "$DOMAIN" > "$LOGS/start-domain.log" 2>&1 \
        || { tail -20 "$LOGS/start-domain.log" >&2; die "start-domain failed, see $DOMAINS/$DOMAIN/logs/server.log"; }
    log "domain $DOMAIN started in $(( $(now) - t0 )) s (admin :$ADMIN_PORT, HTTP :$HTTP_PORT)"
}

deploy() {
    local t0; t0=$(now)
    asadmin deploy --name chorus --force=true "$ROOT/ear/target/chorus.ear" > "$LOGS/deploy.log" 2>&1 \
        || { cat "$LOGS/deploy.log" >&2; die "deploy failed, see $DOMAINS/$DOMAIN/logs/server.log"; }
    # start-domain and deploy can return before the application answers (seen on JDK 25): poll.
    local deadline=$(( $(now) + 180 )) code=
    while [ "$(now)" -lt "$deadline" ]; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/health/ready" || true)
        if [ "$code" = 200 ]; then
            log "Chorus deployed and ready in $(( $(now) - t0 )) s on http://127.0.0.1:$HTTP_PORT"
            return
        fi
        sleep 1
    done
    die "Chorus not ready on :$HTTP_PORT after deploy (last /health/ready: $code), see $DOMAINS/$DOMAIN/logs/server.log"
}

stop_domain() {
    if [ -d "$DOMAINS/$DOMAIN" ] && domain_running; then
        asadmin stop-domain --domaindir "$DOMAINS" "$DOMAIN" > "$LOGS/stop-domain.log" 2>&1 || true
        log "domain $DOMAIN stopped"
    fi
}

up() {
    build
    if [ ! -f "$DOMAINS/$DOMAIN/.chorus-configured" ]; then create_domain; else start_domain; fi
    deploy
}

smoke() {
    local t0; t0=$(now)
    # Our own database on our own port, and nothing else of the machine's.
    export CHORUS_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/chorus" CHORUS_DB_USER=chorus CHORUS_DB_PASSWORD=chorus
    trap 'stop_domain; CHORUS_PG_PORT=$PG_PORT "$ROOT/scripts/postgres.sh" stop' EXIT
    build
    CHORUS_PG_PORT="$PG_PORT" "$ROOT/scripts/postgres.sh" start
    create_domain
    deploy
    java "$ROOT/scripts/smoke/ChorusSmoke.java" --base "http://127.0.0.1:$HTTP_PORT"
    log "smoke test passed in $(( $(now) - t0 )) s"
}

command -v curl > /dev/null || { apt-get update -qq && apt-get install -y -qq curl > /dev/null; }
mkdir -p "$LOGS"
case "${1:-}" in
    smoke) smoke;;
    up) up;;
    deploy) deploy;;
    down) stop_domain;;
    *) sed -n '2,25p' "$0"; exit 2;;
esac
