#!/usr/bin/env bash
# Venture API load benchmark on loopback: requests/s and p50/p99 for reads and writes through the HTTP
# API, against the same queries over JDBC in the same run (ratio printed). Real PostgreSQL and Redis.
# Options through the environment: BENCH_CLIENTS (16), BENCH_SECONDS (15), BENCH_WARMUP (5).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/lib/java.sh"
. "$ROOT/bin/lib/stages.sh"
cd "$ROOT"
ensure_packages postgresql redis-server maven
find_java
mvn -B -q -DskipTests install -pl server-bundle -am
mvn -B -pl server-bundle test -Dtest=VentureApiBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench=true -Dbench.clients="${BENCH_CLIENTS:-16}" -Dbench.seconds="${BENCH_SECONDS:-15}" \
  -Dbench.warmup="${BENCH_WARMUP:-5}" 2>&1 | grep -E '^(Venture API|API |JDBC |wrk |ratio )|Tests run:|ERROR'
