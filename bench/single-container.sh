#!/usr/bin/env bash
# The single-container edition against its peer, the full stack of the same release, on this machine in one run:
#   - image size: the single image against the stack's five images together;
#   - start to ready: the seed's `docker run` line on a new volume (schema, first account) until /readyz answers 200
#     through port 80, against `adaptivectl install` of the full stack (images present) to ready;
#   - memory at rest: the resident memory (RSS, from `docker top`) of every process in the container, 15 s after it
#     became ready, against the same sum over the stack's five containers.
# RUNS times each (3), medians, and the ratio single / full stack. Goals: image < 200 MB, RSS < 300 MB, start < 5 s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}"
PORT="${BENCH_PORT:-18283}"
images/registry/fixture.sh up >/dev/null
. images/target/fixture/fixture.env
IMAGE="$FIXTURE_SINGLE_1_2_0"
WORK=$(mktemp -d /tmp/adaptive-bench.XXXXXX)
NAME="adaptive-bench-single-$$"
cleanup() {
  docker rm -f "$NAME" >/dev/null 2>&1 || true
  docker volume rm "$NAME" >/dev/null 2>&1 || true
  bin/adaptivectl uninstall --project benchfull --yes >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$WORK/console"
bin/adaptive-vendor license issue --key "$FIXTURE_VENDOR_PRIVATE_KEY" --customer-id acme --customer-name Acme --days 7 \
  --registry-url "$FIXTURE_REGISTRY" --registry-username "$FIXTURE_CUSTOMER_USERNAME" \
  --registry-password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" --out "$WORK/acme.lic" 2>/dev/null

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
await_ready() {   # await_ready URL: until it answers 200 (at most 120 s)
  local i
  for i in $(seq 1 2400); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
    sleep 0.05
  done
  echo "error: $1 never answered 200" >&2
  return 1
}
rss_mb() {   # rss_mb CONTAINER...: the resident memory of all their processes, in MB
  local c total=0 kb
  for c in "$@"; do
    kb=$(docker top "$c" -o pid,rss | awk 'NR > 1 { s += $2 } END { print s + 0 }')
    total=$((total + kb))
  done
  echo "scale=1; $total / 1024" | bc
}

single_size=$(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.1f", $1 / 1e6}')
stack_size=0
for s in backend web postgres redis storage; do
  stack_size=$(echo "$stack_size + $(docker image inspect -f '{{.Size}}' "$FIXTURE_REGISTRY/$FIXTURE_NAMESPACE/$s:1.2.0")" | bc)
done
stack_size=$(echo "scale=1; $stack_size / 1000000" | bc)

single_start=() single_rss=() full_start=() full_rss=()
for i in $(seq 1 "$RUNS"); do
  docker volume create "$NAME" >/dev/null
  t0=$(now)
  docker run -d --name "$NAME" -p "127.0.0.1:$PORT:80" -e DATABASE_URL=sqlite:///data/adaptive.db -v "$NAME:/data" \
    "$IMAGE" >/dev/null
  await_ready "http://127.0.0.1:$PORT/readyz"
  single_start+=("$(echo "$(now) - $t0" | bc)")
  sleep 15
  single_rss+=("$(rss_mb "$NAME")")
  docker rm -f "$NAME" >/dev/null && docker volume rm "$NAME" >/dev/null

  t0=$(now)
  bin/adaptivectl install --license "$WORK/acme.lic" --dir "$WORK/full$i" --release "$FIXTURE_RELEASE_1_2_0" \
    --http-port "$PORT" --project benchfull --json > "$WORK/full$i.json" 2>&1 \
    || { echo "error: the full stack's install failed:" >&2; cat "$WORK/full$i.json" >&2; exit 1; }
  full_start+=("$(echo "$(now) - $t0" | bc)")
  sleep 15
  # shellcheck disable=SC2046
  full_rss+=("$(rss_mb $(docker ps -q --filter label=com.docker.compose.project=benchfull))")
  bin/adaptivectl uninstall --project benchfull --yes >/dev/null 2>&1
done

ss=$(median "${single_start[@]}"); fs=$(median "${full_start[@]}")
sr=$(median "${single_rss[@]}"); fr=$(median "${full_rss[@]}")
echo "single container vs the full stack, release 1.2.0, $RUNS runs each (median):"
printf '  image size                 single %7.1f MB   full stack (5 images) %7.1f MB   ratio %.2f   (goal < 200 MB)\n' \
  "$single_size" "$stack_size" "$(echo "$single_size / $stack_size" | bc -l)"
printf '  start to ready             single %7.1f s    full stack (install)  %7.1f s    ratio %.2f   (goal < 5 s)   runs: %s | %s\n' \
  "$ss" "$fs" "$(echo "$ss / $fs" | bc -l)" "${single_start[*]}" "${full_start[*]}"
printf '  resident memory at rest    single %7.1f MB   full stack (5)        %7.1f MB   ratio %.2f   (goal < 300 MB)  runs: %s | %s\n' \
  "$sr" "$fr" "$(echo "$sr / $fr" | bc -l)" "${single_rss[*]}" "${full_rss[*]}"
