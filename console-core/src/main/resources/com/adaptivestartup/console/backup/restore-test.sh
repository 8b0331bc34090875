# Runs in a throwaway container of the stack's database image with no network and nothing of the
# install's mounted but the staged dump (read-only at /backup/database.dump). Starts a private
# PostgreSQL, restores the dump into it the way a real restore does, then asks it a sanity question:
# the schema version, how many tables, how many rows in all of them, and how many users can sign in.
# The last line of output is "RESULT <schema> <tables> <rows> <users>".
set -euo pipefail
export PGHOST=/tmp/restore-test-socket PGUSER=postgres
mkdir -p "$PGHOST"
initdb -D /tmp/restore-test-data -A trust -U postgres >/dev/null
pg_ctl -D /tmp/restore-test-data -l /tmp/restore-test.log -w -t 60 \
  -o "-c listen_addresses='' -c unix_socket_directories=$PGHOST -c fsync=off -c full_page_writes=off" start >/dev/null \
  || { cat /tmp/restore-test.log; exit 1; }
createdb restore_test
pg_restore --exit-on-error --single-transaction --no-owner --no-acl -d restore_test /backup/database.dump
psql -XtAq -v ON_ERROR_STOP=1 -d restore_test -F ' ' -c "
  SELECT 'RESULT',
         coalesce((SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1), 'none'),
         (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'),
         coalesce((SELECT sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I',
                   schemaname, tablename), false, true, '')))[1]::text::bigint)
                   FROM pg_tables WHERE schemaname = 'public'), 0),
         CASE WHEN to_regclass('public.users') IS NULL THEN 0 ELSE (xpath('/row/c/text()',
              query_to_xml('SELECT count(*) AS c FROM public.users', false, true, '')))[1]::text::bigint END"
pg_ctl -D /tmp/restore-test-data -m immediate stop >/dev/null
