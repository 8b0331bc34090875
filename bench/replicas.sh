#!/usr/bin/env bash
# Several server containers on this machine (issue 27): release 1.2.0 installed by adaptivectl, then with 1, 2 and 3
# server containers (`adaptivectl replicas N`) the workspace mix of bench/server-api.sh (70% reads, 30% writes,
# BENCH_CLIENTS keep-alive clients) through the web server (nginx taking turns between them): req/s and p99 of reads
# and writes apart, and each count's ratio against one container (the peer, measured in the same run). Then, with
# three, live updates: 1,000 goals written one at a time straight to the first container, each timed until a page on
# every container heard it (the page on the writer's own container is the peer). The machine has 2 cores shared by
# PostgreSQL, Redis, nginx, every server and the clients: more containers cannot add cores, so the curve says what
# the replicas cost or bring when the CPU is already full (on a larger host, the same bench shows the gain).
#   bench/replicas.sh        Options through the environment: BENCH_CLIENTS (16), BENCH_SECONDS (20), BENCH_WARMUP (20),
#                            BENCH_COUNTS ("1 2 3": the counts in the order measured).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/lib/java.sh"
cd "$ROOT"
find_java
CLIENTS="${BENCH_CLIENTS:-16}" SECONDS_="${BENCH_SECONDS:-20}" WARMUP="${BENCH_WARMUP:-20}"
images/registry/fixture.sh up >/dev/null
. images/target/fixture/fixture.env
WORK=$(mktemp -d /tmp/adaptive-bench-replicas.XXXXXX)
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$WORK/console"
P=benchreplicas PORT=18187
cleanup() { bin/adaptivectl uninstall --project $P --yes >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
mvn -B -q -pl server-bundle -am test-compile -DskipTests >/dev/null   # its benchmark client, PlainHttp
LOAD=("$JAVA" -XX:+UseSerialGC -cp "$ROOT/server-bundle/target/test-classes" "$ROOT/bench/java/ReplicaLoad.java")

bin/adaptive-vendor license issue --key "$FIXTURE_VENDOR_PRIVATE_KEY" --customer-id acme --customer-name Acme --days 7 \
  --registry-url "$FIXTURE_REGISTRY" --registry-username "$FIXTURE_CUSTOMER_USERNAME" \
  --registry-password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" --out "$WORK/acme.lic" 2>/dev/null
bin/adaptivectl install --license "$WORK/acme.lic" --dir "$WORK/stack" --release "$FIXTURE_RELEASE_1_2_0" \
  --http-port $PORT --project $P --admin-email founder@example.com --json > "$WORK/install.json" 2>&1 \
  || { echo "error: install failed:" >&2; cat "$WORK/install.json" >&2; exit 1; }
"${LOAD[@]}" setup $PORT founder@example.com "$(cat "$WORK/stack/admin-initial-password.txt")" "$WORK/state"

addresses() {   # each server container's address on the stack's front network, the first first
  docker ps --filter "label=com.docker.compose.project=$P" --filter label=com.docker.compose.service=backend \
    --format '{{.Names}}' | sort | while read -r c; do
    echo "$(docker inspect -f "{{(index .NetworkSettings.Networks \"${P}_front\").IPAddress}}" "$c"):8080"
  done
}

echo "== the workspace mix through the web server, $CLIENTS clients, ${SECONDS_} s after ${WARMUP} s, $(nproc) cores shared"
OUT="$WORK/mix.txt"
for n in ${BENCH_COUNTS:-1 2 3}; do
  bin/adaptivectl replicas $n --project $P >/dev/null 2>&1 || { echo "error: could not run $n server containers" >&2; exit 1; }
  echo "-- $n server container(s): $(addresses | tr '\n' ' ')"
  "${LOAD[@]}" mix "127.0.0.1:$PORT" "$WORK/state" "$CLIENTS" "$WARMUP" "$SECONDS_" "replicas=$n" | tee -a "$OUT"
done
for kind in reads writes; do
  awk -v k="$kind" '$2 == k { split($1, a, "="); v[a[2]] = $3; p[a[2]] = $9 }
    END { if (!(1 in v)) exit; for (n = 2; n <= 5; n++) if (n in v) printf "ratio %d containers / 1, %-6s %.2f  (%s vs %s req/s; p99 %s vs %s ms)\n", n, k, v[n] / v[1], v[n], v[1], p[n], p[1] }' "$OUT"
done
mapfile -t servers < <(addresses)
echo "== live updates across ${#servers[@]} server containers: written to the first, heard on each"
"${LOAD[@]}" live "$WORK/state" "${servers[0]}" "${servers[@]}"
