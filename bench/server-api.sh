#!/usr/bin/env bash
# API load benchmark on loopback: requests/s and p50/p99 for venture reads and writes through the HTTP API, and
# for a mixed workload over the founder's workspace (70% reads, 30% writes across goals, features, interviews, the
# forecast, key results and canvases, reads and writes timed apart); each against the same work over JDBC in the
# same run (ratio printed), and writes with a page listening for live updates; live updates across two server
# instances on one database (replicas), against a page on the instance that made the change. Real PostgreSQL and Redis, then the
# same benchmark on SQLite as the single container runs it (no Redis), and the ratio SQLite / PostgreSQL of each line:
# up to what load the small-business edition is the right choice.
#   bench/server-api.sh [--baseline GIT-REV]
# With --baseline (PostgreSQL only), the benchmark of that revision (its own code and benchmark, in a throwaway worktree) runs in
# the same run, alternating with this tree's for BENCH_ROUNDS rounds (3), and the ratio of the medians is
# printed for reads and writes: what a change cost (one round apart, this machine's noise reaches 50%).
# Options through the environment: BENCH_CLIENTS (16), BENCH_SECONDS (15), BENCH_WARMUP (15: a fresh JVM spends its first seconds compiling; the server runs for days), BENCH_ROUNDS.
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

bench() {   # bench DIR [MAVEN-FLAG...]: the benchmark of the tree in DIR (S3Proxy's libraries gathered first); prints its result lines
  local dir="$1"
  shift
  (cd "$dir" && mvn -B -q -pl images/storage package -DskipTests >/dev/null && mvn -B -pl server-bundle -am test -Dtest=VentureApiBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench=true -Dbench.clients="${BENCH_CLIENTS:-16}" -Dbench.seconds="${BENCH_SECONDS:-15}" \
    -Dbench.warmup="${BENCH_WARMUP:-15}" "$@" 2>&1 | grep -E '^(Venture API|Workspace mix|Live updates|API |JDBC |wrk |ratio )|Tests run:|ERROR')
}
median() {   # median "NAME" FILE: the median requests per second of that line over the rounds in FILE
  grep -F "$1 " "$2" | awk '{for (i = 1; i < NF; i++) if ($(i+1) == "req/s") print $i}' | sort -n \
    | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

if [ -z "$BASELINE" ]; then
  echo "== this tree: PostgreSQL (the full stack), then SQLite (the single container)"
  OUT=$(mktemp /tmp/adaptive-bench.XXXXXX)
  bench "$ROOT" | tee "$OUT"
  echo
  # each result line under the header that names its database
  awk '/loopback/ { db = ($0 ~ /SQLite/) ? "sqlite" : "postgres" } / req\/s / { print db "\t" $0 }' "$OUT" > "$OUT.lines"
  for name in "API  GET venture" "API  PATCH venture" "API  workspace reads" "API  workspace writes"; do
    awk -F'\t' -v n="$name" '
      index($2, n " ") == 1 { k = split($2, f, / +/)
                               for (j = 1; j < k; j++) { if (f[j + 1] == "req/s") v[$1] = f[j]; if (f[j] == "p99") p[$1] = f[j + 1] } }
      END { if (v["postgres"] && v["sqlite"]) printf "ratio SQLite / PostgreSQL, %-22s %.2f  (%s vs %s req/s; p99 %s vs %s ms)\n", n ":", v["sqlite"] / v["postgres"], v["sqlite"], v["postgres"], p["sqlite"], p["postgres"] }' "$OUT.lines"
  done
  rm -f "$OUT" "$OUT.lines"
  exit 0
fi
WORKTREE=$(mktemp -d /tmp/adaptive-baseline.XXXXXX)
OUT=$(mktemp -d /tmp/adaptive-bench.XXXXXX)
trap 'git -C "$ROOT" worktree remove --force "$WORKTREE" >/dev/null 2>&1 || rm -rf "$WORKTREE"' EXIT
git worktree add --detach "$WORKTREE" "$BASELINE" >/dev/null
for round in $(seq 1 "${BENCH_ROUNDS:-3}"); do
  echo "== round $round: baseline $(git -C "$WORKTREE" log -1 --format='%h %s' | cut -c1-80)"
  bench "$WORKTREE" -DskipSqliteTests=true | tee -a "$OUT/baseline.txt"
  echo "== round $round: this tree"
  bench "$ROOT" -DskipSqliteTests=true | tee -a "$OUT/current.txt"
done
echo
for name in "API  GET venture" "API  PATCH venture" "JDBC SELECT venture" "JDBC UPDATE venture"; do
  before=$(median "$name" "$OUT/baseline.txt")
  after=$(median "$name" "$OUT/current.txt")
  awk -v n="$name" -v a="$after" -v b="$before" 'BEGIN { printf "ratio this tree / baseline (medians), %-22s %.2f  (%s vs %s req/s)\n", n ":", a / b, a, b }'
done
