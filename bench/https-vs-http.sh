#!/usr/bin/env bash
# HTTPS against plain HTTP through the stack's own web server (nginx), in the same run on the same stack: a 1.2.0
# stack is installed without an address (plain HTTP) and measured, then given an address with a certificate made
# here (`adaptivectl address set`) and measured again over HTTPS:
#   - a new connection's handshake and first byte (curl, RUNS sequential requests each; medians),
#   - API throughput with keep-alive (ApacheBench: BENCH_REQUESTS reads of the ventures list by 16 clients),
#     ratio HTTPS/HTTP (goal >= 0.9),
#   - what the address adds to an install: the `address set` operation's own time, and a fresh install with
#     --address against one without (images present).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. bin/lib/stages.sh
ensure_packages apache2-utils curl jq bc
RUNS="${RUNS:-200}" REQUESTS="${BENCH_REQUESTS:-4000}"
images/registry/fixture.sh up >/dev/null
. images/target/fixture/fixture.env
WORK=$(mktemp -d /tmp/adaptive-bench-https.XXXXXX)
P=benchtls HTTP=18291 HTTPS=18292 HOST=benchtls.localhost
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$WORK/console"
cleanup() { for p in $P ${P}plain ${P}tls; do bin/adaptivectl uninstall --project $p --yes >/dev/null 2>&1 || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
bin/adaptive-vendor license issue --key "$FIXTURE_VENDOR_PRIVATE_KEY" --customer-id acme --customer-name Acme --days 7 \
  --registry-url "$FIXTURE_REGISTRY" --registry-username "$FIXTURE_CUSTOMER_USERNAME" \
  --registry-password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" --out "$WORK/acme.lic" 2>/dev/null
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
install() {  # install PROJECT DIR [ARGS...]: prints the seconds it took
  local p="$1" d="$2"; shift 2
  local t0; t0=$(now)
  bin/adaptivectl install --license "$WORK/acme.lic" --dir "$d" --release "$FIXTURE_RELEASE_1_2_0" --project "$p" \
    --admin-email admin@bench.example --json "$@" > "$WORK/$p.json" 2>&1 || { cat "$WORK/$p.json" >&2; exit 1; }
  echo "$(now) - $t0" | bc
}

# What an address adds to a fresh install (images present): one without, one with.
plain_install=$(install ${P}plain "$WORK/plain" --http-port 18293)
bin/adaptivectl uninstall --project ${P}plain --yes >/dev/null
tls_install=$(install ${P}tls "$WORK/tls" --http-port 18293 --address ${P}tls.localhost --https-port 18294)
bin/adaptivectl uninstall --project ${P}tls --yes >/dev/null

install $P "$WORK/stack" --http-port $HTTP >/dev/null
pw=$(cat "$WORK/stack/admin-initial-password.txt")
api() {  # api BASE: a token for the admin (the initial password replaced first), and the organization's ventures URL
  local base="$1" t
  t=$(curl -sk "$base/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@bench.example\",\"password\":\"$2\"}" | jq -r .token)
  echo "$t"
}
token=$(api "http://127.0.0.1:$HTTP" "$pw")
curl -s "http://127.0.0.1:$HTTP/api/auth/password" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"currentPassword\":\"$pw\",\"newPassword\":\"bench-password-2026\"}" >/dev/null
token=$(api "http://127.0.0.1:$HTTP" bench-password-2026)
org=$(curl -s "http://127.0.0.1:$HTTP/api/orgs" -H "Authorization: Bearer $token" | jq -r '.[0].id')
for i in 1 2 3; do
  curl -s "http://127.0.0.1:$HTTP/api/orgs/$org/ventures" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench venture $i\"}" >/dev/null
done

connections() {  # connections URL: "handshake first-byte" medians in ms over RUNS new connections
  local url="$1"
  for i in $(seq 1 "$RUNS"); do
    curl -sk -o /dev/null -w '%{time_connect} %{time_appconnect} %{time_starttransfer}\n' "$url"
  done > "$WORK/times"
  local hs fb
  hs=$(awk '{d = ($2 > 0 ? $2 - $1 : 0); print d * 1000}' "$WORK/times" | median)
  fb=$(awk '{print $3 * 1000}' "$WORK/times" | median)
  echo "$hs $fb"
}
throughput() {  # throughput URL: requests per second, 16 clients, keep-alive
  ab -q -k -c 16 -n "$REQUESTS" -H "Authorization: Bearer $token" "$1" 2>/dev/null | awk '/Requests per second/ {print $4}'
}
ab -q -k -c 16 -n 500 -H "Authorization: Bearer $token" "http://127.0.0.1:$HTTP/api/orgs/$org/ventures" >/dev/null 2>&1
read -r http_hs http_fb <<< "$(connections "http://127.0.0.1:$HTTP/")"
http_rps=$(throughput "http://127.0.0.1:$HTTP/api/orgs/$org/ventures")

t0=$(now)
bin/adaptivectl address set $HOST --https-port $HTTPS --project $P >/dev/null 2>&1
address_set=$(echo "$(now) - $t0" | bc)
ab -q -k -c 16 -n 500 -H "Authorization: Bearer $token" "https://127.0.0.1:$HTTPS/api/orgs/$org/ventures" >/dev/null 2>&1
read -r tls_hs tls_fb <<< "$(connections "https://127.0.0.1:$HTTPS/")"
tls_rps=$(throughput "https://127.0.0.1:$HTTPS/api/orgs/$org/ventures")

echo "through the stack's nginx on loopback, same stack, same run ($RUNS new connections; $REQUESTS API reads, 16 clients):"
printf '  new connection, HTTP:   connect+handshake %6.2f ms  first byte %6.2f ms\n' 0 "$http_fb"
printf '  new connection, HTTPS:  TLS handshake     %6.2f ms  first byte %6.2f ms\n' "$tls_hs" "$tls_fb"
printf '  API reads, keep-alive:  HTTP %8.0f req/s   HTTPS %8.0f req/s   ratio HTTPS/HTTP %.2f (goal >= 0.9)\n' \
  "$http_rps" "$tls_rps" "$(echo "$tls_rps / $http_rps" | bc -l)"
printf '  address set (certificate made here, stack converged): %.1f s\n' "$address_set"
printf '  fresh install, images present: without an address %.1f s, with one %.1f s (adds %+.1f s)\n' \
  "$plain_install" "$tls_install" "$(echo "$tls_install - $plain_install" | bc -l)"
