#!/bin/bash
# First start: a broker instance in /var/lib/artemis-instance with ARTEMIS_USER / ARTEMIS_PASSWORD
# (login required unless ANONYMOUS_LOGIN=true), listening on every interface; then the broker.
set -euo pipefail
instance=/var/lib/artemis-instance
if [ ! -f "$instance/etc/broker.xml" ]; then
    login=--require-login
    [ "${ANONYMOUS_LOGIN:-false}" = true ] && login=--allow-anonymous
    /opt/artemis/bin/artemis create "$instance" --force --silent --host 0.0.0.0 --http-host 0.0.0.0 \
        --user "${ARTEMIS_USER:-artemis}" --password "${ARTEMIS_PASSWORD:-artemis}" $login ${EXTRA_ARGS:-} > /dev/null
fi
exec "$instance/bin/artemis" run
