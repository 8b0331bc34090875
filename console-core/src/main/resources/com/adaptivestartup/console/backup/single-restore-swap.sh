# The single container's restore, second half, with the app stopped, after single-restore-prepare.sh succeeded and
# the console checked the whole archive: the prepared data is moved in (renames: moments) and what it replaces is kept
# aside in ".before-restore" (the database with its WAL, so nothing written before the stop is lost) until TIDY=1
# removes it once the restored app is back. ABANDON=1 only removes what was prepared.
set -euo pipefail
set -- $VOLUMES
d="/volumes/$1"
if [ "${ABANDON:-0}" = 1 ]; then rm -rf "$d/.restoring"; echo abandoned; exit 0; fi
if [ "${TIDY:-0}" = 1 ]; then rm -rf "$d/.before-restore"; echo tidied; exit 0; fi
rm -rf "$d/.before-restore"
mkdir "$d/.before-restore"
find "$d" -mindepth 1 -maxdepth 1 ! -name .restoring ! -name .before-restore -exec mv -t "$d/.before-restore" {} +
find "$d/.restoring" -mindepth 1 -maxdepth 1 -exec mv -t "$d" {} +
rmdir "$d/.restoring"
echo swapped
