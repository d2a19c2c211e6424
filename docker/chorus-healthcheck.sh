#!/bin/bash
# The container's health: the application's readiness (database and broker answer), over plain bash
# so the image needs no HTTP client.
exec 3<>/dev/tcp/127.0.0.1/8080 || exit 1
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r _ status _ <&3
[ "$status" = 200 ]
