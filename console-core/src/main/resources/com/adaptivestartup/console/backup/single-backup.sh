# The single container's backup (SQLite), in a one-off of its own image as root (to read every file of the data
# volume, mounted at /volumes/<volume>), while the app runs. Writes into /backup, as backup.sh does for the full stack:
# schema-version, audit-heads, database.sqlite.zst (a consistent copy of the database: SQLite's VACUUM INTO, made by
# the server's own `database backup` as the server's user while it goes on writing, then checked whole with
# `database check` before it is kept) and <volume>.tar.zst (the files, without the live database's own files).
# Each part is hashed once written and <part>.sha256 renamed into place: the console takes it into the archive then.
set -euo pipefail
cd /backup
owned() { if [ -n "${OWNER:-}" ]; then chown "$OWNER" "$@"; fi; }
as_server() { setpriv --reuid 10001 --regid 10001 --clear-groups "$@"; }
hashed() { sha256sum "$1" | cut -d' ' -f1 > "$1.sha256.tmp" && owned "$1" "$1.sha256.tmp" && mv "$1.sha256.tmp" "$1.sha256"; }
set -- $VOLUMES
data="/volumes/$1"
copy=$(mktemp -d /tmp/sqlite-copy.XXXXXX)
chown 10001:10001 "$copy"
# The copy and its check come first: schema-version and audit-heads are the archive's header, read as soon as the
# first part is done.
as_server env DATABASE_URL="sqlite://$data/adaptive.db" adaptive-single database backup --to "$copy/adaptive.db" >/dev/null
report=$(as_server adaptive-single database check --file "$copy/adaptive.db" --audit-heads "$copy/audit-heads" | grep '^{' || true)
case "$report" in
  *'"ok":true'*) ;;
  *) echo "the database's copy is not intact: $report" >&2; exit 1 ;;
esac
sed -n 's/.*"schemaVersion":"\([^"]*\)".*/\1/p' <<< "$report" > schema-version
cp "$copy/audit-heads" audit-heads
owned schema-version audit-heads
pids=()
(zstd -1 -q -T0 < "$copy/adaptive.db" > database.sqlite.zst && hashed database.sqlite.zst) & pids+=($!)
(tar -C "$data" --numeric-owner --exclude=./adaptive.db --exclude=./adaptive.db-wal --exclude=./adaptive.db-shm \
   --exclude=./.restoring --exclude=./.before-restore -cf - . | zstd -1 -q -T0 > "$1.tar.zst" && hashed "$1.tar.zst") &
pids+=($!)
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=1; done
rm -rf "$copy"
[ "$failed" -eq 0 ] || { echo "packing the data failed (see above)" >&2; exit 1; }
