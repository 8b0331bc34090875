#!/bin/bash
set -e
if [ -n "${REDIS_PASSWORD_FILE:-}" ]; then export REDISCLI_AUTH="$(cat "$REDIS_PASSWORD_FILE")";
elif [ -n "${REDIS_PASSWORD:-}" ]; then export REDISCLI_AUTH="$REDIS_PASSWORD"; fi
[ "$(redis-cli -h 127.0.0.1 ping)" = "PONG" ]
