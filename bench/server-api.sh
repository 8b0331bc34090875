#!/usr/bin/env bash
# Venture API load benchmark on loopback: requests/s and p50/p99 for reads and writes through the HTTP
# API, against the same queries over JDBC in the same run (ratio printed), and writes with a page listening
# for live updates. Real PostgreSQL and Redis.
#   bench/server-api.sh [--baseline GIT-REV]
# With --baseline, the benchmark of that revision (its own code and benchmark, in a throwaway worktree) runs
# first in the same run, and the ratio of this tree to it is printed for reads and writes: what a change
# cost. Options through the environment: BENCH_CLIENTS (16), BENCH_SECONDS (15), BENCH_WARMUP (5).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/lib/java.sh"
. "$ROOT/bin/lib/stages.sh"
cd "$ROOT"
BASELINE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) BASELINE="$2"; shift 2 ;;
    *) echo "usage: bench/server-api.sh [--baseline GIT-REV]" >&2; exit 2 ;;
  esac
done
ensure_packages postgresql redis-server maven
find_java

bench() {   # bench DIR: the benchmark of the tree in DIR; prints its result lines
  (cd "$1" && mvn -B -pl server-bundle -am test -Dtest=VentureApiBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench=true -Dbench.clients="${BENCH_CLIENTS:-16}" -Dbench.seconds="${BENCH_SECONDS:-15}" \
    -Dbench.warmup="${BENCH_WARMUP:-5}" 2>&1 | grep -E '^(Venture API|API |JDBC |wrk |ratio )|Tests run:|ERROR')
}
rate() {   # rate "NAME" FILE: the requests per second of that line
  grep -F "$1" "$2" | head -n1 | awk '{for (i = 1; i < NF; i++) if ($(i+1) == "req/s") print $i}'
}

if [ -n "$BASELINE" ]; then
  WORKTREE=$(mktemp -d /tmp/adaptive-baseline.XXXXXX)
  trap 'git -C "$ROOT" worktree remove --force "$WORKTREE" >/dev/null 2>&1 || rm -rf "$WORKTREE"' EXIT
  git worktree add --detach "$WORKTREE" "$BASELINE" >/dev/null
  echo "== baseline $(git -C "$WORKTREE" log -1 --format='%h %s' | cut -c1-90)"
  bench "$WORKTREE" | tee /tmp/adaptive-bench-baseline.txt
  echo
fi
echo "== this tree"
bench "$ROOT" | tee /tmp/adaptive-bench-current.txt
if [ -n "$BASELINE" ]; then
  echo
  for name in "API  GET venture" "API  PATCH venture"; do
    before=$(rate "$name" /tmp/adaptive-bench-baseline.txt)
    after=$(rate "$name" /tmp/adaptive-bench-current.txt)
    awk -v n="$name" -v a="$after" -v b="$before" 'BEGIN { printf "ratio this tree / baseline, %-20s %.2f  (%s vs %s req/s)\n", n ":", a / b, a, b }'
  done
fi
