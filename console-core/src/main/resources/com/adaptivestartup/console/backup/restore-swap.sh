# Runs with the app's services stopped, after restore-prepare.sh succeeded and the console checked the
# whole archive: swaps the prepared database and volumes in (renames and moves: moments). The data it
# replaces is kept aside ("<db>_before_restore", each volume's ".before-restore") and removed by
# TIDY=1 once the restored stack is back, outside the downtime. With ABANDON=1 it only removes what was
# prepared (the archive did not pass its checks).
set -euo pipefail
PGPASSWORD="$(cat "$POSTGRES_PASSWORD_FILE")"
export PGPASSWORD PGHOST="$DB_HOST" PGUSER="$POSTGRES_USER"
DB="$POSTGRES_DB"
if [ "${ABANDON:-0}" = 1 ]; then
  psql -Xq -d postgres -c "DROP DATABASE IF EXISTS \"${DB}_restoring\""
  for v in $VOLUMES; do rm -rf "/volumes/$v/.restoring"; done
  echo abandoned
  exit 0
fi
if [ "${TIDY:-0}" = 1 ]; then
  psql -Xq -d postgres -c "DROP DATABASE IF EXISTS \"${DB}_before_restore\""
  for v in $VOLUMES; do rm -rf "/volumes/$v/.before-restore"; done
  echo tidied
  exit 0
fi
psql -Xq -v ON_ERROR_STOP=1 -d postgres \
  -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()" \
  -c "DROP DATABASE IF EXISTS \"${DB}_before_restore\"" \
  -c "ALTER DATABASE \"$DB\" RENAME TO \"${DB}_before_restore\"" \
  -c "ALTER DATABASE \"${DB}_restoring\" RENAME TO \"$DB\""
for v in $VOLUMES; do
  d="/volumes/$v"
  rm -rf "$d/.before-restore"
  mkdir "$d/.before-restore"
  find "$d" -mindepth 1 -maxdepth 1 ! -name .restoring ! -name .before-restore -exec mv -t "$d/.before-restore" {} +
  find "$d/.restoring" -mindepth 1 -maxdepth 1 -exec mv -t "$d" {} +
  rmdir "$d/.restoring"
done
echo swapped
