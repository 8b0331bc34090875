#!/bin/bash
# Trains S3Proxy's ahead-of-time cache at build time (JDK 25, JEP 514): the server started on a throwaway
# folder, asked a few requests, stopped; the classes it loaded and linked are kept in /opt/s3proxy/s3proxy.aot,
# which halves its start (2.4 s to 1.4 s alone here, and its CPU beside the server's at an update).
set -euo pipefail
conf=$(mktemp /tmp/train.XXXXXX.properties)
data=$(mktemp -d /tmp/train-data.XXXXXX)
printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:9000" "s3proxy.authorization=aws-v2-or-v4" "s3proxy.identity=train" \
  "s3proxy.credential=training-only" "jclouds.provider=filesystem" "jclouds.filesystem.basedir=$data" > "$conf"
java -XX:AOTCacheOutput=/opt/s3proxy/s3proxy.aot -Xlog:aot*=off -Xlog:cds*=off \
  -Dlogback.configurationFile=/opt/s3proxy/logback.xml -cp '/opt/s3proxy/lib/*' org.gaul.s3proxy.Main --properties "$conf" &
pid=$!
for _ in $(seq 1 600); do (exec 3<>/dev/tcp/127.0.0.1/9000) 2>/dev/null && break; sleep 0.1; done
for _ in 1 2 3; do
  exec 3<>/dev/tcp/127.0.0.1/9000
  printf 'GET / HTTP/1.0\r\n\r\n' >&3
  head -n1 <&3 | grep -q '^HTTP/1.[01] [234]'
  exec 3<&-
done
kill "$pid"
wait "$pid" || true
rm -rf "$data" "$conf"
test -s /opt/s3proxy/s3proxy.aot
