#!/usr/bin/env bash
# HTTPS against plain HTTP through the stack's own web server (nginx), in the same run: two 1.2.0 stacks from the
# same images, one installed without an address (plain HTTP) and one with an address and a certificate made here
# (HTTPS), measured in alternating rounds so the machine's drift falls on both:
#   - a new connection each request (ApacheBench, one client, RUNS requests of the app's page): the time of a
#     connection, its TLS handshake when there is one, and the first response; the handshake's cost is the difference,
#   - API throughput with keep-alive (ApacheBench: BENCH_REQUESTS reads of the ventures list by 16 clients, after
#     2000 to warm up), ratio HTTPS/HTTP (goal >= 0.9),
#   - what the address adds: a fresh install with --address against one without (images present), and the
#     `adaptivectl address set` operation on a running stack.
# The client runs on the same two cores as the stacks, so the client's own TLS work counts against HTTPS too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. bin/lib/stages.sh
ensure_packages apache2-utils curl jq bc
RUNS="${RUNS:-1000}" REQUESTS="${BENCH_REQUESTS:-4000}" ROUNDS="${BENCH_ROUNDS:-3}"
images/registry/fixture.sh up >/dev/null
. images/target/fixture/fixture.env
WORK=$(mktemp -d /tmp/adaptive-bench-https.XXXXXX)
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$WORK/console"
cleanup() { for p in benchhttp benchhttps; do bin/adaptivectl uninstall --project $p --yes >/dev/null 2>&1 || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
bin/adaptive-vendor license issue --key "$FIXTURE_VENDOR_PRIVATE_KEY" --customer-id acme --customer-name Acme --days 7 \
  --registry-url "$FIXTURE_REGISTRY" --registry-username "$FIXTURE_CUSTOMER_USERNAME" \
  --registry-password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" --out "$WORK/acme.lic" 2>/dev/null
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
install() {  # install PROJECT [ARGS...]: prints the seconds it took
  local p="$1"; shift
  local t0; t0=$(now)
  bin/adaptivectl install --license "$WORK/acme.lic" --dir "$WORK/$p" --release "$FIXTURE_RELEASE_1_2_0" --project "$p" \
    --admin-email admin@bench.example --json "$@" > "$WORK/$p.json" 2>&1 || { cat "$WORK/$p.json" >&2; exit 1; }
  echo "$(now) - $t0" | bc
}
signin() {  # signin PROJECT BASE: replaces the initial password, adds three ventures; prints "TOKEN ORG"
  local p="$1" base="$2" pw t org
  pw=$(cat "$WORK/$p/admin-initial-password.txt")
  t=$(curl -sk "$base/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@bench.example\",\"password\":\"$pw\"}" | jq -r .token)
  curl -sk "$base/api/auth/password" -H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
    -d "{\"currentPassword\":\"$pw\",\"newPassword\":\"bench-password-2026\"}" >/dev/null
  t=$(curl -sk "$base/api/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"admin@bench.example","password":"bench-password-2026"}' | jq -r .token)
  org=$(curl -sk "$base/api/orgs" -H "Authorization: Bearer $t" | jq -r '.[0].id')
  for i in 1 2 3; do
    curl -sk "$base/api/orgs/$org/ventures" -H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
      -d "{\"name\":\"Bench venture $i\"}" >/dev/null
  done
  echo "$t $org"
}
plain_install=$(install benchhttp --http-port 18291)
tls_install=$(install benchhttps --http-port 18293 --address benchhttps.localhost --https-port 18294)
HTTP="http://127.0.0.1:18291" HTTPS="https://127.0.0.1:18294"
read -r http_token http_org <<< "$(signin benchhttp "$HTTP")"
read -r tls_token tls_org <<< "$(signin benchhttps "$HTTPS")"

per_connection() {  # per_connection URL: mean ms per request, each on a new connection, one client
  ab -q -c 1 -n "$RUNS" "$1" 2>/dev/null | awk '/Time per request/ {print $4; exit}'
}
throughput() {  # throughput URL TOKEN: requests per second, 16 clients, keep-alive
  ab -q -k -c 16 -n "$REQUESTS" -H "Authorization: Bearer $2" "$1" 2>/dev/null | awk '/Requests per second/ {print $4}'
}
for base in "$HTTP" "$HTTPS"; do   # warm both up alike
  [ "$base" = "$HTTP" ] && t=$http_token o=$http_org || t=$tls_token o=$tls_org
  ab -q -k -c 16 -n 2000 -H "Authorization: Bearer $t" "$base/api/orgs/$o/ventures" >/dev/null 2>&1
  ab -q -c 1 -n 200 "$base/" >/dev/null 2>&1
done
: > "$WORK/conn-http"; : > "$WORK/conn-https"; : > "$WORK/rps-http"; : > "$WORK/rps-https"
for round in $(seq 1 "$ROUNDS"); do
  per_connection "$HTTP/" >> "$WORK/conn-http"
  per_connection "$HTTPS/" >> "$WORK/conn-https"
  throughput "$HTTP/api/orgs/$http_org/ventures" "$http_token" >> "$WORK/rps-http"
  throughput "$HTTPS/api/orgs/$tls_org/ventures" "$tls_token" >> "$WORK/rps-https"
done
conn_http=$(median < "$WORK/conn-http"); conn_https=$(median < "$WORK/conn-https")
rps_http=$(median < "$WORK/rps-http"); rps_https=$(median < "$WORK/rps-https")

t0=$(now)
bin/adaptivectl address set benchhttp.localhost --https-port 18292 --project benchhttp >/dev/null 2>&1
address_set=$(echo "$(now) - $t0" | bc)

echo "through each stack's nginx on loopback, same images, alternating rounds ($ROUNDS; medians):"
printf '  a new connection per request (%s each, one client): HTTP %.2f ms, HTTPS %.2f ms: the TLS handshake adds %.2f ms\n' \
  "$RUNS" "$conn_http" "$conn_https" "$(echo "$conn_https - $conn_http" | bc -l)"
printf '  API reads, keep-alive, 16 clients: HTTP %.0f req/s, HTTPS %.0f req/s: ratio HTTPS/HTTP %.2f (goal >= 0.9)\n' \
  "$rps_http" "$rps_https" "$(echo "$rps_https / $rps_http" | bc -l)"
printf '    rounds: HTTP %s; HTTPS %s\n' "$(tr '\n' ' ' < "$WORK/rps-http")" "$(tr '\n' ' ' < "$WORK/rps-https")"
printf '  fresh install, images present: without an address %.1f s, with one %.1f s (adds %+.1f s)\n' \
  "$plain_install" "$tls_install" "$(echo "$tls_install - $plain_install" | bc -l)"
printf '  address set on a running stack (certificate made here, web and backend replaced): %.1f s\n' "$address_set"
