# The single container's restore test, in a throwaway container of its own image with no network and nothing of the
# install's mounted but the staged database copy (read-only at /backup/database.sqlite.zst): the copy is unpacked and
# the server's own `database check` opens it as the server would (integrity, schema) and counts what it holds.
# The last line of output is "RESULT <schema> <tables> <rows> <users>".
set -euo pipefail
zstd -dcq < /backup/database.sqlite.zst > /tmp/restore-test.db
report=$(adaptive-single database check --file /tmp/restore-test.db | grep '^{' || true)
case "$report" in
  *'"ok":true'*) ;;
  *) echo "the database is not intact: $report" >&2; exit 1 ;;
esac
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<< "$report"; }
echo "RESULT $(field schemaVersion) $(field tables) $(field rows) $(field users)"
