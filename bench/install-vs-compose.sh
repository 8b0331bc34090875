#!/usr/bin/env bash
# Install speed with the images already present: `adaptivectl install` (to all-healthy, including the
# migration, the first admin and the readiness check through the web port) against the peer,
# `docker-compose up -d` on the very same compose file, .env and secrets plus waiting until every
# container's health check says healthy. Same run, alternating, RUNS times each; prints the medians and
# the ratio ours/peer. A second ratio adds to the peer the same one-off work ours does (migrate and
# create-admin through `docker-compose run`), for a like-for-like comparison (goal: <= 0.7). Compose waits
# on the engine's own health status, which the images check every 10 s (decision 0019): its first check
# comes 10 s after a start, where the console runs the check itself while a service starts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}"
images/registry/fixture.sh up >/dev/null
. images/target/fixture/fixture.env
WORK=$(mktemp -d /tmp/adaptive-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$WORK/console"
bin/adaptive-vendor license issue --key "$FIXTURE_VENDOR_PRIVATE_KEY" --customer-id acme --customer-name Acme --days 7 \
  --registry-url "$FIXTURE_REGISTRY" --registry-username "$FIXTURE_CUSTOMER_USERNAME" \
  --registry-password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" --out "$WORK/acme.lic" 2>/dev/null
now() { date +%s.%N; }
wait_healthy() {  # wait_healthy PROJECT: until the project's 5 containers report healthy
  local p="$1" n
  while :; do
    n=$(docker ps --filter "label=com.docker.compose.project=$p" --filter health=healthy -q | wc -l)
    [ "$n" -ge 5 ] && return 0
    sleep 0.1
  done
}
ours=() peer=() peerfull=()
for i in $(seq 1 "$RUNS"); do
  # Ours: from nothing (images present) to healthy and ready.
  t0=$(now)
  bin/adaptivectl install --license "$WORK/acme.lic" --dir "$WORK/ours$i" --release "$FIXTURE_RELEASE_1_1_0" \
    --http-port 18181 --project benchours$i --json > "$WORK/ours$i.json" 2>&1 \
    || { echo "error: our install failed:" >&2; cat "$WORK/ours$i.json" >&2; exit 1; }
  ours+=("$(echo "$(now) - $t0" | bc)")
  # The peer on the same files: compose file, .env (project renamed, another port) and secrets.
  mkdir -p "$WORK/peer$i" && cp -r "$WORK/ours$i/docker-compose.yml" "$WORK/ours$i/secrets" "$WORK/peer$i/"
  sed -e "s/^COMPOSE_PROJECT_NAME=.*/COMPOSE_PROJECT_NAME=benchpeer$i/" -e 's/^HTTP_PORT=.*/HTTP_PORT=18182/' \
    "$WORK/ours$i/.env" > "$WORK/peer$i/.env"
  bin/adaptivectl uninstall --project benchours$i --yes >/dev/null 2>&1
  t0=$(now)
  (cd "$WORK/peer$i" && docker-compose up -d >/dev/null 2>&1)
  wait_healthy benchpeer$i
  t1=$(now)
  (cd "$WORK/peer$i" && docker-compose run --rm -T backend migrate >/dev/null 2>&1 \
    && printf 'bench-admin-password-1' > secrets/admin && docker-compose run --rm -T \
       -v "$WORK/peer$i/secrets/admin:/run/secrets/admin:ro" backend create-admin --email a@example.com \
       --password-file /run/secrets/admin >/dev/null 2>&1)
  t2=$(now)
  peer+=("$(echo "$t1 - $t0" | bc)")
  peerfull+=("$(echo "$t2 - $t0" | bc)")
  (cd "$WORK/peer$i" && docker-compose down -v >/dev/null 2>&1)
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mo=$(median "${ours[@]}"); mp=$(median "${peer[@]}"); mf=$(median "${peerfull[@]}")
echo "install to all-healthy, images present, $RUNS runs each (median):"
printf '  adaptivectl install (incl. migrate, admin, ready)   %6.1f s   runs: %s\n' "$mo" "${ours[*]}"
printf '  docker-compose up -d + wait healthy                %6.1f s   runs: %s\n' "$mp" "${peer[*]}"
printf '  docker-compose up -d + healthy + migrate + admin   %6.1f s   runs: %s\n' "$mf" "${peerfull[*]}"
printf 'ratio ours / compose up+healthy: %.2f\n' "$(echo "$mo / $mp" | bc -l)"
printf 'ratio ours / compose with the same one-off work: %.2f\n' "$(echo "$mo / $mf" | bc -l)"
