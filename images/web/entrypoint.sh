#!/bin/bash
# Chooses the site before nginx starts, and again whenever the stack's ACME client writes a new certificate:
# HTTPS with the certificate and key the console mounted (non-empty secrets), or with those the backend's ACME
# client keeps in /run/acme/live (ACME set); the app over plain HTTP otherwise (and while the first ACME
# certificate is being issued, answering its challenges). The root file system is read-only: the site is in /tmp.
set -euo pipefail
mkdir -p /tmp/nginx

# Where the server is and who resolves its name: Docker's embedded DNS and the compose service's name by default; in
# Kubernetes BACKEND_URL names the Service by its full name (nginx's resolver knows no search domains),
# RESOLVER=auto takes the pod's name server from /etc/resolv.conf, and REAL_IP_FROM trusts the Ingress controller.
resolver="${RESOLVER:-127.0.0.11}"
if [ "$resolver" = auto ]; then
  resolver=$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf)
fi
[[ "$resolver" =~ ^[0-9a-fA-F.:]+$ ]] || { echo "error: RESOLVER is not an address: '$resolver'" >&2; exit 1; }
[[ "${BACKEND_URL:-http://backend:8080}" =~ ^http://[A-Za-z0-9.-]+:[0-9]+$ ]] \
  || { echo "error: BACKEND_URL is not http://host:port: '${BACKEND_URL}'" >&2; exit 1; }
{
  echo "resolver $resolver valid=2s ipv6=off;"
  # REAL_IP_FROM: the proxies in front (an Ingress controller's pods, as CIDRs separated by commas)
  real_ip_from="${REAL_IP_FROM:-}"
  for cidr in ${real_ip_from//,/ }; do
    [[ "$cidr" =~ ^[0-9a-fA-F.:]+(/[0-9]{1,3})?$ ]] || { echo "error: REAL_IP_FROM has '$cidr', not an address or CIDR" >&2; exit 1; }
    echo "set_real_ip_from $cidr;"
  done
  [ -n "${REAL_IP_FROM:-}" ] && echo "real_ip_header X-Forwarded-For; real_ip_recursive on;"
  true
} > /tmp/nginx/network.conf
echo "set \$backend ${BACKEND_URL:-http://backend:8080};" > /tmp/nginx/backend.conf

choose_site() {
  local cert="" key=""
  if [ -s /run/secrets/tls_certificate ] && [ -s /run/secrets/tls_key ]; then
    cert=/run/secrets/tls_certificate key=/run/secrets/tls_key
  elif [ -n "${ACME:-}" ] && [ -s /run/acme/live/chain.pem ] && [ -s /run/acme/live/key.pem ]; then
    cert=/run/acme/live/chain.pem key=/run/acme/live/key.pem
  fi
  if [ -z "$cert" ]; then
    cp /etc/nginx/http.conf /tmp/nginx/site.conf
    return
  fi
  if [[ ! "${PUBLIC_URL:-}" =~ ^(https://[A-Za-z0-9.:-]+) ]]; then
    echo "error: a certificate is mounted but PUBLIC_URL is not an https:// address ('${PUBLIC_URL:-}')" >&2
    exit 1
  fi
  local origin="${BASH_REMATCH[1]}" hsts=""
  [[ "${HSTS_MAX_AGE:-0}" =~ ^[1-9][0-9]*$ ]] && hsts="max-age=${HSTS_MAX_AGE}"
  sed -e "s|@ORIGIN@|${origin}|" -e "s|@HSTS@|${hsts}|" -e "s|@CERT@|${cert}|" -e "s|@KEY@|${key}|" \
    /etc/nginx/https.conf > /tmp/nginx/site.conf
}

# ACME: nginx is told to reload when the certificate file changes (issued, then renewed), checked every 5 s.
watch_acme() {
  local seen="" now
  while sleep 5; do
    now=$(stat -c '%Y %s' /run/acme/live/chain.pem 2>/dev/null || true)
    if [ "$now" != "$seen" ]; then
      seen="$now"
      choose_site && nginx -s reload 2>/dev/null || true
    fi
  done
}

choose_site
if [ -n "${ACME:-}" ] && ! [ -s /run/secrets/tls_certificate ]; then
  watch_acme &
fi
exec nginx -g 'daemon off;'
