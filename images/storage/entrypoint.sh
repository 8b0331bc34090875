#!/bin/bash
# Starts S3Proxy with credentials from S3_ACCESS_KEY / S3_SECRET_KEY or their *_FILE variants.
set -euo pipefail
secret() {
  local name="$1" file_var="$1_FILE"
  if [ -n "${!file_var:-}" ]; then cat "${!file_var}"; else printf '%s' "${!name:-}"; fi
}
ACCESS=$(secret S3_ACCESS_KEY)
SECRET=$(secret S3_SECRET_KEY)
if [ -z "$ACCESS" ] || [ -z "$SECRET" ]; then
  echo "storage: set S3_ACCESS_KEY and S3_SECRET_KEY (or S3_ACCESS_KEY_FILE and S3_SECRET_KEY_FILE)" >&2
  exit 2
fi
CONF=$(mktemp /tmp/s3proxy.XXXXXX.properties)
chmod 600 "$CONF"
cat > "$CONF" <<CONF
s3proxy.endpoint=http://0.0.0.0:9000
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${ACCESS}
s3proxy.credential=${SECRET}
jclouds.provider=filesystem
jclouds.filesystem.basedir=/data
CONF
# the ahead-of-time cache trained at build time (train-aot.sh); a JVM that cannot use it starts without it
exec java -XX:AOTCache=/opt/s3proxy/s3proxy.aot -Xlog:aot*=off -Xlog:cds*=off -Dlogback.configurationFile=/opt/s3proxy/logback.xml -cp '/opt/s3proxy/lib/*' org.gaul.s3proxy.Main \
  --properties "$CONF"
