# Runs inside a one-off container of the stack's database image, as root, with the app's services
# stopped. The database is restored into a new database and swapped in by renaming only when that
# succeeded, so a failed restore leaves the current data as it was. Each volume is unpacked beside its
# current content and swapped in the same way.
set -euo pipefail
PGPASSWORD="$(cat "$POSTGRES_PASSWORD_FILE")"
export PGPASSWORD PGHOST="$DB_HOST" PGUSER="$POSTGRES_USER"
DB="$POSTGRES_DB"
psql -Xq -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS \"${DB}_restoring\"" \
  -c "CREATE DATABASE \"${DB}_restoring\""
pg_restore --exit-on-error --single-transaction --no-owner --role="$PGUSER" -d "${DB}_restoring" /backup/database.dump
psql -Xq -v ON_ERROR_STOP=1 -d postgres \
  -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()" \
  -c "DROP DATABASE IF EXISTS \"${DB}_before_restore\"" \
  -c "ALTER DATABASE \"$DB\" RENAME TO \"${DB}_before_restore\"" \
  -c "ALTER DATABASE \"${DB}_restoring\" RENAME TO \"$DB\""
psql -Xq -d postgres -c "DROP DATABASE \"${DB}_before_restore\""
for v in $VOLUMES; do
  d="/volumes/$v"
  rm -rf "$d/.restoring" "$d/.before-restore"
  mkdir "$d/.restoring"
  zstd -dcq "/backup/$v.tar.zst" | tar -x -p --numeric-owner -C "$d/.restoring"
  mkdir "$d/.before-restore"
  find "$d" -mindepth 1 -maxdepth 1 ! -name .restoring ! -name .before-restore -exec mv -t "$d/.before-restore" {} +
  find "$d/.restoring" -mindepth 1 -maxdepth 1 -exec mv -t "$d" {} +
  rmdir "$d/.restoring"
  rm -rf "$d/.before-restore"
done
echo restored
