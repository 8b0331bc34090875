# Runs inside a one-off container of the stack's database image, as root, while the stack keeps running:
# the backup is restored BESIDE the current data, in parallel: the database into a new database
# "<db>_restoring", each volume into its ".restoring" folder. Nothing the running stack uses is touched;
# restore-swap.sh swaps it all in later, in moments. The parts come either straight out of the backup
# archive (mounted at /archive.tar; SOURCE=archive) or from files the console staged in /backup after
# decrypting them (SOURCE=staged). On failure, what was prepared is removed.
set -euo pipefail
PGPASSWORD="$(cat "$POSTGRES_PASSWORD_FILE")"
export PGPASSWORD PGHOST="$DB_HOST" PGUSER="$POSTGRES_USER"
DB="$POSTGRES_DB"
part() {  # part NAME: the named part of the backup on standard output
  if [ "$SOURCE" = archive ]; then tar -xOf /archive.tar "$1"; else cat "/backup/${1#volumes/}"; fi
}
abandon() {
  psql -Xq -d postgres -c "DROP DATABASE IF EXISTS \"${DB}_restoring\"" || true
  for v in $VOLUMES; do rm -rf "/volumes/$v/.restoring"; done
}
psql -Xq -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS \"${DB}_restoring\"" \
  -c "CREATE DATABASE \"${DB}_restoring\""
for v in $VOLUMES; do
  rm -rf "/volumes/$v/.restoring" "/volumes/$v/.before-restore"
  mkdir "/volumes/$v/.restoring"
done
# The database being prepared is not in use and is dropped if anything fails: no need to wait for each
# commit, and index builds may sort in memory.
export PGOPTIONS="-c synchronous_commit=off -c maintenance_work_mem=128MB"
pids=()
if [ "$SOURCE" = archive ]; then
  # From a stream one job only; in one transaction, so a server with minimal WAL (release 1.2.0 on) writes each
  # table once instead of twice.
  (part database.dump | pg_restore --exit-on-error --single-transaction --no-owner --role="$PGUSER" -d "${DB}_restoring") &
  pids+=($!)
else
  pg_restore --exit-on-error --no-owner --role="$PGUSER" --jobs="$(nproc)" -d "${DB}_restoring" /backup/database.dump &
  pids+=($!)
fi
for v in $VOLUMES; do
  (part "volumes/$v.tar.zst" | zstd -dcq | tar -x -p --numeric-owner -C "/volumes/$v/.restoring") & pids+=($!)
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=1; done
if [ "$failed" -ne 0 ]; then
  abandon
  echo "the restore failed (see above); the current data was not touched" >&2
  exit 1
fi
echo prepared
