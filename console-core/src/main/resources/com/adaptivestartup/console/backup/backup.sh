# Runs inside a one-off container of the stack's own database image (pg_dump matches the server), on the
# stack's network, as root so it can read every data volume. Writes into /backup (a folder of the
# console's, bound in): schema-version, database.dump (custom format, zstd inside), and one
# <volume>.tar.zst per data volume mounted at /volumes/<volume>. Compression happens here, next to the
# data: the engine's stream is the narrow part. The dump and the volumes are packed at the same time, and
# each part is hashed as soon as it is written, from the page cache, while the others are still being
# packed. <part>.sha256 is renamed into place once complete: its presence says the part is done, and the
# console takes the part into the archive at once (PartCollector). Each file is the console's user's as
# soon as it is written (OWNER), as the console deletes each part once it has taken it.
set -euo pipefail
PGPASSWORD="$(cat "$POSTGRES_PASSWORD_FILE")"
export PGPASSWORD PGHOST="$DB_HOST" PGUSER="$POSTGRES_USER" PGDATABASE="$POSTGRES_DB"
cd /backup
owned() { if [ -n "${OWNER:-}" ]; then chown "$OWNER" "$@"; fi; }
psql -XtAq -c "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1" \
  > schema-version 2>/dev/null || echo none > schema-version
# Each organization's activity-log head, read before the dump's snapshot (so the dump holds them): the console
# keeps them outside the database as anchors (none when the stack has no such log).
psql -XtAq -F ' ' -c "SELECT DISTINCT ON (org_id) org_id, seq, hash FROM activity_log ORDER BY org_id, seq DESC" \
  > audit-heads 2>/dev/null || : > audit-heads
owned schema-version audit-heads
pids=()
hashed() { sha256sum "$1" | cut -d' ' -f1 > "$1.sha256.tmp" && owned "$1" "$1.sha256.tmp" && mv "$1.sha256.tmp" "$1.sha256"; }
(pg_dump -Fc -Z zstd:1 -f database.dump && hashed database.dump) & pids+=($!)
# A volume's files may change while they are read (an upload landing in the object store): tar says so (exit 1) and
# the volume is packed again, three times at most. Redis's append-only files (APPEND_ONLY, with its log rewrites held
# by the console) grow all the time: each is copied to its end first, as Redis documents, and the copy packed (copied
# again if a file went while it was copied: the temporary file of a snapshot Redis was writing, left out of the pack).
copy_growing() {
  local attempt
  for attempt in 1 2 3; do
    rm -rf "/tmp/append-only/$1" && mkdir -p "/tmp/append-only/$1"
    cp -a "/volumes/$1/." "/tmp/append-only/$1/" && rm -f "/tmp/append-only/$1/"temp-*.rdb && return 0
  done
  return 1
}
pack() {
  local v="$1" from="/volumes/$1" attempt
  case " ${APPEND_ONLY:-} " in
    *" $v "*) from="/tmp/append-only/$v"; copy_growing "$v" || return 1 ;;
  esac
  for attempt in 1 2 3; do
    set +e
    tar -C "$from" --numeric-owner --exclude=./.restoring --exclude=./.before-restore -cf - . | zstd -1 -q -T0 > "$v.tar.zst"
    local codes=("${PIPESTATUS[@]}")
    set -e
    if [ "${codes[0]}" -eq 0 ] && [ "${codes[1]}" -eq 0 ]; then hashed "$v.tar.zst"; return 0; fi
    if [ "${codes[0]}" -ne 1 ] || [ "${codes[1]}" -ne 0 ]; then return 1; fi
    echo "$v: files changed while they were packed (attempt $attempt of 3)" >&2
  done
  return 1
}
for v in $VOLUMES; do
  (pack "$v") & pids+=($!)
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=1; done
[ "$failed" -eq 0 ] || { echo "packing the data failed (see above)" >&2; exit 1; }
