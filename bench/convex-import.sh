#!/usr/bin/env bash
# The import of a 1 GB Convex export of Adaptive Startup Cloud (the server's test generator: 200 ventures with every
# wave-1 table, 1,500 files and one of 100 MB) against the raw floor on the same data in the same run: reading the
# ZIP, COPY of every document into PostgreSQL and every stored file put into the object store. Ours is the server
# jar's `import-convex` in its own JVM with a 256 MB heap, as the stack's one-off runs it; its peak heap is read
# from its garbage collection log. Prints documents/s, MB/s of files, the ratio (goal <= 1.5) and the peak heap
# (goal < 256 MB). Real PostgreSQL and S3Proxy, on loopback.
#   bench/convex-import.sh      Options through the environment: BENCH_VENTURES (200), BENCH_FILES (1500),
#                               BENCH_FILE_SCALE (82: files 82 times the generator's usual few KB)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/lib/java.sh"
. "$ROOT/bin/lib/stages.sh"
cd "$ROOT"
ensure_packages postgresql redis-server maven
find_java
mvn -B -q -pl images/storage package -DskipTests >/dev/null
mvn -B -pl server-bundle -am test -Dtest=ConvexImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true \
  -Dbench.ventures="${BENCH_VENTURES:-200}" -Dbench.files="${BENCH_FILES:-1500}" \
  -Dbench.fileScale="${BENCH_FILE_SCALE:-82}" 2>&1 \
  | grep -E '^(export:|floor |import-convex:|ratio )|Tests run:|ERROR|AssertionError'
