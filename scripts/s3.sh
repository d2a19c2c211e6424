#!/usr/bin/env bash
# Starts (or stops) a real S3-compatible server for the file tests: S3Proxy (org.gaul:s3proxy from
# Maven Central, its jar with dependencies; the integration-tests build copies it to
# $CHORUS_S3_JAR) on 127.0.0.1:$CHORUS_S3_PORT (default 55490), keeping objects on local disk
# in $CHORUS_S3_DIR (default /tmp/chorus-s3-$PORT), with one bucket, $CHORUS_S3_BUCKET
# (default chorus-files), and AWS signature v2/v4 credentials chorus / chorus-secret.
#
#   scripts/s3.sh start   # a fresh, empty store every time
#   scripts/s3.sh stop    # stops it and removes its objects
set -euo pipefail

PORT="${CHORUS_S3_PORT:-55490}"
DIR="${CHORUS_S3_DIR:-/tmp/chorus-s3-$PORT}"
BUCKET="${CHORUS_S3_BUCKET:-chorus-files}"
JAR="${CHORUS_S3_JAR:-}"
PID_FILE="$DIR.pid"

log() { echo "[s3.sh] $*"; }

stop() {
    if [ -f "$PID_FILE" ]; then
        local pid
        pid=$(cat "$PID_FILE")
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
            log "stopped S3Proxy on port $PORT"
        fi
        rm -f "$PID_FILE"
    fi
    # Throw-away objects (the file tests leave a 400 MiB one): nothing is kept between runs.
    rm -rf "$DIR"
}

start() {
    [ -n "$JAR" ] && [ -f "$JAR" ] || { log "CHORUS_S3_JAR must name the S3Proxy jar with dependencies"; exit 1; }
    stop
    mkdir -p "$DIR/data/$BUCKET"
    cat > "$DIR/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=chorus
s3proxy.credential=chorus-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DIR/data
PROPS
    nohup java -Xmx256m -jar "$JAR" --properties "$DIR/s3proxy.properties" > "$DIR/s3proxy.log" 2>&1 &
    echo $! > "$PID_FILE"
    for _ in $(seq 1 120); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
            log "S3Proxy on 127.0.0.1:$PORT, bucket $BUCKET, objects in $DIR/data"
            return 0
        fi
        kill -0 "$(cat "$PID_FILE")" 2>/dev/null || { log "S3Proxy exited, see $DIR/s3proxy.log"; exit 1; }
        sleep 0.5
    done
    log "S3Proxy did not answer in 60 s, see $DIR/s3proxy.log"
    exit 1
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
