# The single container's restore, first half, in a one-off of its own image as root while the app keeps running: the
# backup is unpacked BESIDE the current data, into the data volume's ".restoring" folder (the files, then the
# database as adaptive.db, owned by the server's user). Nothing the running app uses is touched; single-restore-swap.sh
# swaps it in with the app stopped. The parts come straight out of the archive (/archive.tar; SOURCE=archive) or from
# files the console staged in /backup after decrypting them (SOURCE=staged). On failure what was prepared is removed.
set -euo pipefail
part() {  # part NAME: the named part of the backup on standard output
  if [ "$SOURCE" = archive ]; then tar -xOf /archive.tar "$1"; else cat "/backup/${1#volumes/}"; fi
}
set -- $VOLUMES
d="/volumes/$1"
rm -rf "$d/.restoring" "$d/.before-restore"
mkdir "$d/.restoring"
if ! { part "volumes/$1.tar.zst" | zstd -dcq | tar -x -p --numeric-owner -C "$d/.restoring" \
       && part database.sqlite.zst | zstd -dcq > "$d/.restoring/adaptive.db"; }; then
  rm -rf "$d/.restoring"
  echo "the restore failed (see above); the current data was not touched" >&2
  exit 1
fi
rm -f "$d/.restoring/adaptive.db-wal" "$d/.restoring/adaptive.db-shm"
chown 10001:10001 "$d/.restoring" "$d/.restoring/adaptive.db"
echo prepared
