#!/bin/bash
# The password goes into a private config file, never onto the command line (where ps shows it).
set -euo pipefail
PASSWORD=""
if [ -n "${REDIS_PASSWORD_FILE:-}" ]; then PASSWORD=$(cat "$REDIS_PASSWORD_FILE"); else PASSWORD="${REDIS_PASSWORD:-}"; fi
CONF=/tmp/redis.conf
umask 077
cat > "$CONF" <<CONF
bind 0.0.0.0 -::*
protected-mode no
port 6379
dir /data
appendonly yes
appendfsync everysec
save 300 10
dbfilename dump.rdb
CONF
[ -n "$PASSWORD" ] && printf 'requirepass "%s"\n' "${PASSWORD//\"/\\\"}" >> "$CONF"
exec redis-server "$CONF"
