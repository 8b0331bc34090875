#!/usr/bin/env bash
# The performance benches at a smoke size, as the test command runs them: each must still run end to end and
# print its ratio (a bench that broke is found by the tests, not on the day its figures are needed). The
# figures at this size mean nothing; the full sizes are run by hand (see the README).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
run() {  # run NAME COMMAND...: the bench's last lines, or all of it when it fails
  local name="$1" log
  shift
  log=$(mktemp)
  echo "--- $name"
  if ! "$@" > "$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "error: the bench '$name' failed" >&2
    return 1
  fi
  grep -E '^(ratio|  unavailable|  ours|update |install|backup and restore)' "$log" || { cat "$log"; rm -f "$log"; return 1; }
  rm -f "$log"
}
run "update downtime, 10 MB" env DB_MB=10 bench/update-downtime.sh
run "install against docker-compose, 1 run" env RUNS=1 bench/install-vs-compose.sh
run "backup and restore against their raw peers, 16 MB + 16 MB" env RUNS=1 DB_MB=16 OBJ_MB=16 bench/backup-vs-raw.sh
