#!/usr/bin/env bash
# How long an update makes the app unavailable, and how long it takes in all. A stack on FROM (default
# 1.0.0) with DB_MB of data (default 100) is updated to TO (default 1.1.0, whose migrations are online: they
# run before anything stops) with `adaptivectl update apply` while a prober asks the app for /readyz through
# the web port every 100 ms; the unavailable window is from the first failed probe to the last (goal: under
# 5 s). FROM=1.1.0 TO=1.2.0 is the update that changes the stack's shape (every container, offline migrations).
# The whole update is set against the raw sum of its parts, measured on
# the same data in the same run: `pg_dump -Fc` of the database (the backup) plus `docker-compose up -d
# --force-recreate` of the stack until every service is healthy (the restart); images are present for
# both, so the pull costs nothing on either side.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB_MB="${DB_MB:-100}" FROM="${FROM:-1.0.0}" TO="${TO:-1.1.0}"
images/registry/fixture.sh up >/dev/null
. images/target/fixture/fixture.env
WORK=$(mktemp -d /tmp/adaptive-bench-update.XXXXXX)
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$WORK/console"
P=benchupdate PORT=18184
cleanup() { bin/adaptivectl uninstall --project $P --yes >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
now() { date +%s.%N; }

bin/adaptive-vendor license issue --key "$FIXTURE_VENDOR_PRIVATE_KEY" --customer-id acme --customer-name Acme --days 7 \
  --registry-url "$FIXTURE_REGISTRY" --registry-username "$FIXTURE_CUSTOMER_USERNAME" \
  --registry-password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" --out "$WORK/acme.lic" 2>/dev/null
mkdir -p "$WORK/brain/channels"
release_file() { local v="FIXTURE_RELEASE_${1//./_}"; echo "${!v}"; }
jq -n --arg a "$(cat "$FIXTURE_RELEASE_1_0_0")" --arg b "$(cat "$FIXTURE_RELEASE_1_1_0")" --arg c "$(cat "$FIXTURE_RELEASE_1_2_0")" \
  --arg i "$(date -u -d '-1 min' +%FT%TZ)" --arg e "$(date -u -d '+7 days' +%FT%TZ)" \
  '{channel: "stable", sequence: 1, issuedAt: $i, expiresAt: $e, notices: [],
    releases: [{version: "1.0.0", manifest: $a}, {version: "1.1.0", manifest: $b}, {version: "1.2.0", manifest: $c}]}' \
  > "$WORK/channel.json"
bin/adaptive-vendor sign --kind channel-manifest --key "$FIXTURE_VENDOR_PRIVATE_KEY" --in "$WORK/channel.json" \
  --out "$WORK/brain/channels/stable.asc" 2>/dev/null

bin/adaptivectl install --license "$WORK/acme.lic" --dir "$WORK/stack" --release "$(release_file "$FROM")" \
  --http-port $PORT --project $P --json > "$WORK/install.json" 2>&1 \
  || { echo "error: install failed:" >&2; cat "$WORK/install.json" >&2; exit 1; }
bin/adaptivectl update settings --project $P --source "$WORK/brain" >/dev/null
docker exec $P-postgres-1 psql -U adaptive -d adaptive -XqAt -v ON_ERROR_STOP=1 \
  -c "CREATE TABLE bench_payload (id bigint PRIMARY KEY, body text NOT NULL)" \
  -c "INSERT INTO bench_payload SELECT g, md5(random()::text) || md5(random()::text) || md5(random()::text)
      || md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text)
      || md5(random()::text) FROM generate_series(1, $(( DB_MB * 1024 * 1024 / 300 ))) g"
db_size=$(docker exec $P-postgres-1 psql -U adaptive -d adaptive -XtAc "SELECT pg_database_size('adaptive') / 1048576")
bin/adaptivectl update check --project $P >/dev/null

# The prober: one line per probe, "<time> <ok|down>".
( while :; do
    if curl -fsS -m 1 -o /dev/null "http://127.0.0.1:$PORT/readyz"; then echo "$(now) ok"; else echo "$(now) down"; fi
    sleep 0.1
  done ) > "$WORK/probe.log" 2>/dev/null &
PROBER=$!
sleep 1
t0=$(now)
bin/adaptivectl update apply --yes --project $P --to "$TO" > "$WORK/update.log" 2>&1 \
  || { kill $PROBER; echo "error: the update failed:" >&2; cat "$WORK/update.log" >&2; exit 1; }
t1=$(now)
sleep 1
kill $PROBER
update=$(echo "$t1 - $t0" | bc)
# Where the update's time went: each journaled step, seconds after the update began.
timeline=$(bin/adaptivectl history --project $P --json --limit 3 | jq -r --arg t0 "$t0" '[.[] | select(.name == "update"
    or .name == "install")][0:2] | map(.steps) | add | sort_by(.at)
  | map(select(.status != "started") | "\(.step) \(.status) +\(((.at | sub("\\.[0-9]+Z$"; "Z") | fromdate)
      + ((.at | capture("\\.(?<f>[0-9]+)Z$").f // "0") | ("0." + .) | tonumber) - ($t0 | tonumber)) * 10 | floor / 10)")
  | join(", ")' || echo "(not read)")
window=$(awk '$2 == "down" { if (!first) first = $1; last = $1 } END { if (first) printf "%.1f", last - first + 0.1; else print "0" }' \
  "$WORK/probe.log")
probes=$(wc -l < "$WORK/probe.log")
window_at=$(awk -v t0="$t0" '$2 == "down" { if (!first) first = $1; last = $1 } END { if (first) printf "+%.1f to +%.1f", first - t0, last - t0 }' \
  "$WORK/probe.log")

# The raw parts on the same data: the dump, and compose replacing the stack with the new images.
t0=$(now)
docker exec $P-postgres-1 pg_dump -U adaptive -Fc adaptive > "$WORK/raw.dump"
dump=$(echo "$(now) - $t0" | bc)
# docker-compose itself, in the install folder, recreating every container of the stack (same images
# and data: it reads the compose file and .env the console wrote) until all are healthy.
t0=$(now)
(cd "$WORK/stack" && docker-compose up -d --force-recreate >/dev/null 2>&1)
sleep 1
until [ "$(docker ps --filter label=com.docker.compose.project=$P --filter health=healthy -q | wc -l)" -ge 5 ]; do
  sleep 0.1
done
restart=$(echo "$(now) - $t0" | bc)
raw=$(echo "$dump + $restart" | bc)
echo "update $FROM -> $TO with a ${db_size} MB database, images present:"
printf '  unavailable (first to last failed probe of %s, every 100 ms)   %5.1f s   (goal < 5 s)\n' "$probes" "$window"
printf '  whole update (check, backup, replace, migrate, ready)         %5.1f s\n' "$update"
echo "  its steps (seconds after it began; the app unavailable ${window_at:-never}): $timeline"
printf '  raw parts: pg_dump -Fc %.1f s + docker-compose up -d to healthy %.1f s = %.1f s\n' "$dump" "$restart" "$raw"
printf 'ratio update / raw parts: %.2f\n' "$(echo "$update / $raw" | bc -l)"
