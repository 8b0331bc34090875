#!/usr/bin/env bash
# The Brain's numbers (issue 28): a Stripe webhook to the license issued and to the welcome mail received (GreenMail),
# the token requests per second it answers
# (and their p99), and a whole pull from Debian's registry with token authentication against the same registry with
# htpasswd (the peer), in the same run, as a ratio. Real PostgreSQL, the real registry, loopback only.
#   bench/brain.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/lib/java.sh"
. "$ROOT/bin/lib/stages.sh"
cd "$ROOT"
ensure_packages postgresql docker-registry apache2-utils openssl maven
find_java
mvn -B -q -pl brain -am install -DskipTests >/dev/null
(cd brain && mvn -B test -Dtest=BrainBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true 2>&1 \
  | grep -E '^(Stripe|Brain|pull|ratio)|Tests run:|ERROR')
