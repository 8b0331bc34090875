#!/usr/bin/env bash
# One dashboard refresh of the demo stack, warm, against the peer an admin would run by hand:
# `docker-compose -p <project> ps` (the containers' states, one process per call). Ours is in-process:
# StackService.status (the cards) and, beside it, StackService.usage (CPU and memory, which the engine
# measures over about a second). Prints medians and the ratio status / docker-compose ps.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. bin/lib/java.sh
find_java
PROJECT="${PROJECT:-adaptive-demo}" RUNS="${RUNS:-30}" STACK_DIR="${STACK_DIR:-$ROOT/.demo/stack}"
export ADAPTIVE_CONSOLE_HOME="${ADAPTIVE_CONSOLE_HOME:-$ROOT/.demo/console-home}"
ours=$("$JAVA" --enable-native-access=ALL-UNNAMED -cp console-core/target/adaptivectl.jar bench/java/DashboardRefresh.java \
  "$PROJECT" "$RUNS" 2>/dev/null | tail -1)
times=()
for ((i = 0; i < 10; i++)); do
  t=$(date +%s%N)
  (cd "$STACK_DIR" && docker-compose -p "$PROJECT" ps >/dev/null 2>&1)
  times+=($(( ($(date +%s%N) - t) / 1000000 )))
done
peer=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 6p)
status=$(sed -E 's/status ([0-9.]+) ms.*/\1/' <<<"$ours")
echo "dashboard refresh of $PROJECT (medians): ours $ours; docker-compose ps ${peer} ms; ratio status/peer $(echo "$status / $peer" | bc -l | cut -c1-4)"
