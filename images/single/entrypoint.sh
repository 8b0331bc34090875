#!/bin/bash
# The single container's two processes: the server (on 127.0.0.1:8081, its data under /data) and nginx (port 80, the
# web front end, /api proxied to the server). Signals (docker stop) go to both, and the container waits for both to
# end cleanly; when either ends by itself, the other is stopped and the container ends with its code.
#   adaptive-single            the server
#   adaptive-single <command>  one of the server's own commands instead (reset-password, audit, version ...)
#   adaptive-single bash ...   a shell: the console's backup and restore helpers, next to the data
set -uo pipefail
# SQLite's native library from the image (the root is read-only and /tmp noexec where the console runs it)
SQLITE=(-Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so)
case "${1:-serve}" in
  serve) ;;
  bash) exec "$@" ;;
  *) exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx192m "${SQLITE[@]}" -jar /app/adaptive-server.jar "$@" ;;
esac

# A small company's server on a small machine: one collector thread, a bounded heap (JAVA_OPTS adds or overrides).
read -r -a EXTRA <<< "${JAVA_OPTS:-}"
export HTTP_PORT=8081 TRUSTED_PROXIES=127.0.0.1
java -XX:+UseSerialGC -Xms32m -Xmx192m -XX:MaxMetaspaceSize=160m -Xss512k \
  -XX:+ExitOnOutOfMemoryError "${SQLITE[@]}" "${EXTRA[@]}" -jar /app/adaptive-server.jar serve &
server=$!
nginx -g 'daemon off;' &
web=$!

asked=0   # a docker stop (or Ctrl-C) asked for the end
stop() {
  kill -TERM "$server" "$web" 2>/dev/null
}
trap 'asked=1; stop' TERM INT

wait -n "$server" "$web"
code=$?
if [ "$asked" = 0 ]; then
  echo "adaptive-single: $(kill -0 "$server" 2>/dev/null && echo nginx || echo the server) ended ($code); stopping" >&2
fi
stop
wait "$server" 2>/dev/null
wait "$web" 2>/dev/null
[ "$asked" = 1 ] && code=0
exit "$code"
