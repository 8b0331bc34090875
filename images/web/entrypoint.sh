#!/bin/bash
# Chooses the site before nginx starts: HTTPS when the console mounted a certificate and its key (non-empty
# secrets) and gave the public address, else the app over plain HTTP. The root file system is read-only, so the
# chosen site is written to /tmp.
set -euo pipefail
mkdir -p /tmp/nginx
if [ -s /run/secrets/tls_certificate ] && [ -s /run/secrets/tls_key ]; then
  if [[ ! "${PUBLIC_URL:-}" =~ ^(https://[A-Za-z0-9.:-]+) ]]; then
    echo "error: a certificate is mounted but PUBLIC_URL is not an https:// address ('${PUBLIC_URL:-}')" >&2
    exit 1
  fi
  origin="${BASH_REMATCH[1]}"
  hsts=""
  [[ "${HSTS_MAX_AGE:-0}" =~ ^[1-9][0-9]*$ ]] && hsts="max-age=${HSTS_MAX_AGE}"
  sed -e "s|@ORIGIN@|${origin}|" -e "s|@HSTS@|${hsts}|" /etc/nginx/https.conf > /tmp/nginx/site.conf
else
  cp /etc/nginx/http.conf /tmp/nginx/site.conf
fi
exec nginx -g 'daemon off;'
