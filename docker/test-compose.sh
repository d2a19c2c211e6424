#!/usr/bin/env bash
# End-to-end test of the docker compose cluster on this machine, with its own Docker engine:
#
#   docker/test-compose.sh
#
# 1. installs Debian's docker.io, docker-compose and debootstrap if missing (apt-get, root);
# 2. starts a private dockerd (own --data-root, --exec-root and unix socket under $CHORUS_DOCKER_DIR);
# 3. if the images the Dockerfile and compose.yml name are not there (no registry is reachable
#    here), builds stand-ins locally: a Debian 12 root file system by debootstrap, imported and tagged
#    eclipse-temurin:17-jre, plus postgres:15, apache/artemis:2.56.0 and haproxy:2.6 from
#    docker/standins/ (kept in the data root for the next run);
# 4. builds the EAR (mvn package -pl ear -am; CHORUS_SKIP_BUILD=1 skips it) and the Chorus image;
# 5. docker-compose up (health-gated) with the load balancer on 127.0.0.1:$CHORUS_HTTP_PORT (18080);
# 6. runs scripts/smoke/ChorusSmoke.java through the load balancer: signup, login, friends, a /ws
#    client and a /jim client that the admin figures show on different nodes, a message each way
#    with ack and delivery, history;
# 7. tears the cluster down (volumes too) and stops dockerd, pass or fail.
#
# Every test connection goes to 127.0.0.1; the containers' own addresses are never used.
# Environment: CHORUS_DOCKER_DIR (/tmp/chorus-docker), CHORUS_HTTP_PORT (18080),
# CHORUS_SKIP_BUILD=1, CHORUS_KEEP_UP=1 (leave the cluster and dockerd running; stop them with
# `docker/test-compose.sh down`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CHORUS_DOCKER_DIR:-/tmp/chorus-docker}"
SOCK="$DIR/docker.sock"
export DOCKER_HOST="unix://$SOCK"
export CHORUS_HTTP_PORT="${CHORUS_HTTP_PORT:-18080}"
export CHORUS_ADMIN_PASSWORD="${CHORUS_ADMIN_PASSWORD:-compose-test-admin-1}"
# No start-up warm-up (compose.yml's default warms each node for ~2 minutes, two nodes on this
# machine's two cores): the test is about the topology; WarmupReadinessIT tests the warm-up.
export CHORUS_WARMUP_MESSAGES="${CHORUS_WARMUP_MESSAGES:-0}"
PROJECT=chorus-test
ARTEMIS_VERSION=2.56.0
STANDIN_BASE=chorus-standin/debian:12
# Debian's client matches Debian's engine (another docker client on the PATH may be newer).
DOCKER=/usr/bin/docker

log() { echo "[test-compose] $*"; }
die() { echo "[test-compose] FAIL: $*" >&2; exit 1; }
now() { date +%s; }
compose() { docker-compose -p "$PROJECT" -f "$ROOT/docker/compose.yml" "$@"; }

install_tools() {
    local missing=()
    [ -x /usr/bin/docker ] && command -v dockerd > /dev/null || missing+=(docker.io)
    command -v docker-compose > /dev/null || missing+=(docker-compose)
    command -v debootstrap > /dev/null || missing+=(debootstrap)
    command -v curl > /dev/null || missing+=(curl)
    [ ${#missing[@]} -eq 0 ] && return
    log "installing ${missing[*]}"
    local sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
}

start_engine() {
    mkdir -p "$DIR/root" "$DIR/exec"
    if [ -f "$DIR/dockerd.pid" ] && kill -0 "$(cat "$DIR/dockerd.pid")" 2>/dev/null; then return; fi
    log "starting dockerd (data root $DIR/root)"
    nohup dockerd --data-root "$DIR/root" --exec-root "$DIR/exec" -H "unix://$SOCK" --pidfile "$DIR/dockerd.pid" \
        > "$DIR/dockerd.log" 2>&1 &
    local deadline=$(( $(now) + 60 ))
    until $DOCKER info > /dev/null 2>&1; do
        [ "$(now)" -lt "$deadline" ] || die "dockerd did not come up, see $DIR/dockerd.log"
        sleep 0.5
    done
}

stop_engine() {
    [ -f "$DIR/dockerd.pid" ] || return 0
    local pid; pid=$(cat "$DIR/dockerd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$DIR/dockerd.pid"
    log "dockerd stopped"
}

have_image() { $DOCKER image inspect "$1" > /dev/null 2>&1; }

# The images docker/Dockerfile and docker/compose.yml name, made locally when absent.
standin_images() {
    if ! have_image "$STANDIN_BASE"; then
        local rootfs="$DIR/rootfs" t0; t0=$(now)
        log "debootstrap: Debian 12 with the JRE, PostgreSQL and HAProxy (about a minute or two)"
        rm -rf "$rootfs"
        debootstrap --variant=minbase \
            --include=openjdk-17-jre-headless,postgresql-15,haproxy,passwd,procps,libaio1 \
            bookworm "$rootfs" http://deb.debian.org/debian > "$DIR/debootstrap.log" 2>&1 \
            || die "debootstrap failed, see $DIR/debootstrap.log"
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
        tar -C "$rootfs" -c . | $DOCKER import \
            --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' - "$STANDIN_BASE" > /dev/null
        rm -rf "$rootfs"
        log "base image $STANDIN_BASE made in $(( $(now) - t0 )) s"
    fi
    have_image eclipse-temurin:17-jre || $DOCKER tag "$STANDIN_BASE" eclipse-temurin:17-jre
    have_image postgres:15 || $DOCKER build -q -t postgres:15 "$ROOT/docker/standins/postgres" > /dev/null
    have_image haproxy:2.6 || $DOCKER build -q -t haproxy:2.6 "$ROOT/docker/standins/haproxy" > /dev/null
    if ! have_image "apache/artemis:$ARTEMIS_VERSION"; then
        local context="$DIR/artemis-context"
        rm -rf "$context" && mkdir -p "$context"
        (cd "$ROOT" && mvn -q dependency:copy -Dartifact="org.apache.artemis:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin" \
            -DoutputDirectory="$context") > "$DIR/artemis-fetch.log" 2>&1 || die "could not fetch Artemis $ARTEMIS_VERSION, see $DIR/artemis-fetch.log"
        cp "$ROOT"/docker/standins/artemis/* "$context/"
        $DOCKER build -q -t "apache/artemis:$ARTEMIS_VERSION" "$context" > /dev/null
        rm -rf "$context"
    fi
}

chorus_image() {
    if [ "${CHORUS_SKIP_BUILD:-}" != 1 ]; then
        log "building the EAR (mvn package -pl ear -am)"
        (cd "$ROOT" && mvn -q package -DskipTests -DskipITs -pl ear -am) > "$DIR/build.log" 2>&1 \
            || { tail -40 "$DIR/build.log" >&2; die "the build failed, see $DIR/build.log"; }
    fi
    local t0; t0=$(now)
    (cd "$ROOT" && $DOCKER build -q -f docker/Dockerfile -t chorus:latest .) > /dev/null || die "docker build failed"
    log "image chorus:latest built in $(( $(now) - t0 )) s"
}

down() {
    if [ -S "$SOCK" ] && $DOCKER info > /dev/null 2>&1; then
        compose logs --no-color > "$DIR/compose.log" 2>&1 || true
        compose down -v --remove-orphans > /dev/null 2>&1 || true
        log "cluster removed (logs in $DIR/compose.log)"
    fi
    stop_engine
}

run() {
    local t0; t0=$(now)
    install_tools
    mkdir -p "$DIR"
    [ "${CHORUS_KEEP_UP:-}" = 1 ] || trap down EXIT
    start_engine
    standin_images
    chorus_image
    compose down -v --remove-orphans > /dev/null 2>&1 || true
    local t1; t1=$(now)
    log "docker-compose up: postgres, broker, chorus-1, chorus-2, lb (health-gated)"
    compose up -d > "$DIR/compose-up.log" 2>&1 || { cat "$DIR/compose-up.log" >&2; compose logs --no-color --tail 80 >&2 || true; die "compose up failed"; }
    local deadline=$(( $(now) + 120 )) code=
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CHORUS_HTTP_PORT/health/ready" || true)" = 200 ]; do
        [ "$(now)" -lt "$deadline" ] || { compose ps >&2; die "the load balancer on 127.0.0.1:$CHORUS_HTTP_PORT never answered ready"; }
        sleep 1
    done
    log "cluster up in $(( $(now) - t1 )) s behind http://127.0.0.1:$CHORUS_HTTP_PORT"
    java "$ROOT/scripts/smoke/ChorusSmoke.java" --base "http://127.0.0.1:$CHORUS_HTTP_PORT" --expect-nodes 2 \
        --admin-account admin --admin-password "$CHORUS_ADMIN_PASSWORD" || die "the end-to-end check failed (logs: $DIR/compose.log)"
    log "PASS in $(( $(now) - t0 )) s"
}

case "${1:-run}" in
    run) run;;
    down) down;;
    *) sed -n '2,22p' "$0"; exit 2;;
esac
