#!/bin/bash
# First start: a broker instance in /var/lib/artemis-instance with ARTEMIS_USER / ARTEMIS_PASSWORD
# (login required unless ANONYMOUS_LOGIN=true), listening on every interface, with the files of
# etc-override copied into its etc; then the broker.
set -euo pipefail
instance=/var/lib/artemis-instance
if [ ! -f "$instance/etc/broker.xml" ]; then
    login=--require-login
    [ "${ANONYMOUS_LOGIN:-false}" = true ] && login=--allow-anonymous
    /opt/artemis/bin/artemis create "$instance" --force --silent --host 0.0.0.0 --http-host 0.0.0.0 \
        --user "${ARTEMIS_USER:-artemis}" --password "${ARTEMIS_PASSWORD:-artemis}" $login ${EXTRA_ARGS:-} > /dev/null
    # As the official image does: files in etc-override replace or join the new instance's etc.
    if [ -d "$instance/etc-override" ]; then
        cp "$instance"/etc-override/* "$instance/etc/"
    fi
fi
exec "$instance/bin/artemis" run
