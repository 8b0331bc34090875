#!/usr/bin/env bash
# Backup and restore speed on a stack holding DB_MB of database (default 1024: a table of random hex
# text, about as compressible as real rows) and OBJ_MB of stored objects (default 1024: random bytes,
# which do not compress). Ours: `adaptivectl backup create` (dump, pack, checksum every entry, one archive
# fsynced) and `adaptivectl backup restore --no-safety-backup` (check the whole archive, stop the app,
# restore into a new database and swap it in, swap the volumes, start, wait healthy, migrate). The raw
# peers, as an admin would do it by hand on the same data, same run: `docker exec pg_dump -Fc > file` plus
# `tar -cf` of each data volume (in a container, onto the host), and `pg_restore` into a new database plus
# `tar -xf` into each volume; and the same with `pg_dump -Z zstd:1`, the fastest raw dump (pg_dump's
# default gzip is slow). Alternating, RUNS times each; prints the medians and the ratios (goal <= 1.2), and
# the console's peak memory (the maximum resident set of each adaptivectl run: it must not grow with the data).
# Each measured step starts with the disk quiet and the page cache cold (a checkpoint, a sync, drop_caches as root).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-3}" DB_MB="${DB_MB:-1024}" OBJ_MB="${OBJ_MB:-1024}"
P=benchbackup
images/registry/fixture.sh up >/dev/null
. images/target/fixture/fixture.env
WORK=$(mktemp -d /tmp/adaptive-bench-backup.XXXXXX)
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$WORK/console"
cleanup() { bin/adaptivectl uninstall --project $P --yes >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
sql() { docker exec $P-postgres-1 psql -U adaptive -d adaptive -XtAq -v ON_ERROR_STOP=1 "$@"; }
# Before each measured step, ours and the peers' alike: what the step before left for the disk is written first
# (a restore leaves a gigabyte of dirty pages that PostgreSQL's checkpointer would write during the next step), and
# the page cache is dropped where we may (root): each step reads its data cold, not warm from the one before it
# (the database's container keeps at most 1 GB cached, so whichever step came second read the table warmer).
quiet() {
  sql -c CHECKPOINT >/dev/null; sync
  if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi
}

bin/adaptive-vendor license issue --key "$FIXTURE_VENDOR_PRIVATE_KEY" --customer-id acme --customer-name Acme --days 7 \
  --registry-url "$FIXTURE_REGISTRY" --registry-username "$FIXTURE_CUSTOMER_USERNAME" \
  --registry-password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" --out "$WORK/acme.lic" 2>/dev/null
bin/adaptivectl install --license "$WORK/acme.lic" --dir "$WORK/stack" --release "$FIXTURE_RELEASE_1_2_0" \
  --http-port 18183 --project $P --json > "$WORK/install.json" 2>&1 \
  || { echo "error: install failed:" >&2; cat "$WORK/install.json" >&2; exit 1; }

t0=$(now)
rows=$(( DB_MB * 1024 * 1024 / 300 ))
sql -c "CREATE TABLE bench_payload (id bigint PRIMARY KEY, body text NOT NULL)"
step=500000
for ((from = 1; from <= rows; from += step)); do
  to=$(( from + step - 1 < rows ? from + step - 1 : rows ))
  sql -c "INSERT INTO bench_payload SELECT g, md5(random()::text) || md5(random()::text) || md5(random()::text)
          || md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text)
          || md5(random()::text) FROM generate_series($from, $to) g"
done
sql -c "VACUUM ANALYZE bench_payload"
# as the object store's own user (the hardened stack drops root's capabilities), who owns /data
docker exec $P-storage-1 bash -c "mkdir -p /data/bench-objects && for i in \$(seq 1 $(( OBJ_MB / 16 ))); do
  head -c 16777216 /dev/urandom > /data/bench-objects/object-\$i.bin; done"
db_size=$(sql -c "SELECT pg_database_size('adaptive') / 1048576")
obj_size=$(docker exec $P-storage-1 du -sm /data | cut -f1)
printf 'data: database %s MB, objects %s MB (loaded in %.0f s)\n' "$db_size" "$obj_size" "$(echo "$(now) - $t0" | bc)"

VOLUMES=$(docker volume ls -q --filter label=com.docker.compose.project=$P | grep -v postgres)
BASE_IMAGE=$(docker inspect --format '{{.Config.Image}}' $P-postgres-1)
peer_backup() {  # peer_backup DIR [pg_dump options]: the dump streamed out of the container, and a tar of each volume
  local out="$1"; shift
  mkdir -p "$out"
  docker exec $P-postgres-1 pg_dump -U adaptive -Fc "$@" adaptive > "$out/database.dump"
  for v in $VOLUMES; do
    docker run --rm -u 0 -v "$v:/v:ro" -v "$out:/out" --entrypoint tar "$BASE_IMAGE" -cf "/out/$v.tar" -C /v .
  done
  sync -f "$out/database.dump"
}
peer_restore() {  # pg_restore into a new database, and each volume unpacked again
  local from="$1"
  sql -c "DROP DATABASE IF EXISTS peer_restore" -d postgres 2>/dev/null && sql -c "CREATE DATABASE peer_restore" -d postgres
  docker exec -i $P-postgres-1 pg_restore -U adaptive --no-owner -d peer_restore < "$from/database.dump"
  for v in $VOLUMES; do
    docker run --rm -u 0 -v "$v:/v" -v "$from:/in:ro" --entrypoint tar "$BASE_IMAGE" -xpf "/in/$v.tar" -C /v
  done
}

ob=() orr=() down=() pb=() pr=() zb=() zr=() sizes=() mem=()
for i in $(seq 1 "$RUNS"); do
  quiet
  t0=$(now)
  /usr/bin/time -f %M -o "$WORK/mem-backup$i" bin/adaptivectl backup create --project $P --json > "$WORK/backup$i.json" 2>"$WORK/backup$i.err" \
    || { echo "error: our backup failed:" >&2; cat "$WORK/backup$i.err" >&2; exit 1; }
  ob+=("$(echo "$(now) - $t0" | bc)")
  mem+=("$(( $(tail -n1 "$WORK/mem-backup$i") / 1024 ))")
  file=$(jq -r .file "$WORK/backup$i.json"); id=$(jq -r .id "$WORK/backup$i.json")
  sizes+=("$(( $(stat -c %s "$file") / 1048576 ))")
  quiet
  t0=$(now)
  peer_backup "$WORK/peer$i"
  pb+=("$(echo "$(now) - $t0" | bc)")
  peer_size=$(du -sm "$WORK/peer$i" | cut -f1)
  quiet
  t0=$(now)
  peer_backup "$WORK/zpeer$i" -Z zstd:1
  zb+=("$(echo "$(now) - $t0" | bc)")
  quiet
  t0=$(now)
  /usr/bin/time -f %M -o "$WORK/mem-restore$i" bin/adaptivectl backup restore "$id" --project $P --yes --no-safety-backup --json \
    >"$WORK/restore$i.json" 2>"$WORK/restore$i.err" \
    || { echo "error: our restore failed:" >&2; cat "$WORK/restore$i.err" >&2; exit 1; }
  orr+=("$(echo "$(now) - $t0" | bc)")
  mem+=("$(( $(tail -n1 "$WORK/mem-restore$i") / 1024 ))")
  down+=("$(jq -r .unavailableSeconds "$WORK/restore$i.json")")
  steps=$(jq -r '[.steps[] | "\(.step) \(.seconds)"] | join(", ")' "$WORK/restore$i.json")
  quiet
  t0=$(now)
  peer_restore "$WORK/peer$i"
  pr+=("$(echo "$(now) - $t0" | bc)")
  quiet
  t0=$(now)
  peer_restore "$WORK/zpeer$i"
  zr+=("$(echo "$(now) - $t0" | bc)")
  rm -rf "$WORK/peer$i" "$WORK/zpeer$i" "$file"
  sql -c "DROP DATABASE IF EXISTS peer_restore" -d postgres 2>/dev/null
  printf '  run %s: backup ours %.1f s, peer %.1f s, zstd peer %.1f s; restore ours %.1f s, peer %.1f s, zstd peer %.1f s\n' \
    "$i" "${ob[-1]}" "${pb[-1]}" "${zb[-1]}" "${orr[-1]}" "${pr[-1]}" "${zr[-1]}"
  printf '    our restore, step by step (s): %s; the app unavailable %s s\n' "$steps" "${down[-1]}"
done
mob=$(median "${ob[@]}"); mpb=$(median "${pb[@]}"); mor=$(median "${orr[@]}"); mpr=$(median "${pr[@]}")
mzb=$(median "${zb[@]}"); mzr=$(median "${zr[@]}")
echo "backup and restore of ${db_size} MB database + ${obj_size} MB objects, $RUNS runs each (median):"
printf '  ours  backup create                        %6.1f s  (archive %s MB)  runs: %s\n' "$mob" "$(median "${sizes[@]}")" "${ob[*]}"
printf '  peer  pg_dump -Fc + tar of the volumes     %6.1f s  (files %s MB)    runs: %s\n' "$mpb" "$peer_size" "${pb[*]}"
printf '  peer  pg_dump -Fc -Z zstd:1 + tar          %6.1f s                   runs: %s\n' "$mzb" "${zb[*]}"
printf '  ours  backup restore (check, swap, start)  %6.1f s                   runs: %s\n' "$mor" "${orr[*]}"
printf '  ours  of which the app unavailable         %6.1f s                   runs: %s\n' "$(median "${down[@]}")" "${down[*]}"
printf '  peer  pg_restore + untar                   %6.1f s                   runs: %s\n' "$mpr" "${pr[*]}"
printf '  peer  pg_restore (zstd dump) + untar       %6.1f s                   runs: %s\n' "$mzr" "${zr[*]}"
printf '  ours  the console'"'"'s peak memory (RSS of adaptivectl, backup and restore)   %s MB   runs: %s\n' \
  "$(printf '%s\n' "${mem[@]}" | sort -n | tail -n1)" "${mem[*]}"
printf 'ratio backup ours / peer: %.2f (against the zstd peer: %.2f)\n' "$(echo "$mob / $mpb" | bc -l)" "$(echo "$mob / $mzb" | bc -l)"
printf 'ratio restore ours / peer: %.2f (against the zstd peer: %.2f)\n' "$(echo "$mor / $mpr" | bc -l)" "$(echo "$mor / $mzr" | bc -l)"
