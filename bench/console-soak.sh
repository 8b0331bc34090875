#!/usr/bin/env bash
# The console left open on the dashboard (refreshing every 5 s) of the demo stack for MINUTES (default 60), under
# Xvfb, twice side by side: as it ships (bin/console: the serial collector, a heap that gives memory back, the quick
# compiler only, a small code cache, two malloc arenas, its class-data archive) and as a plain `java -jar`. Every EVERY
# minutes: the Java heap after a full GC and the resident memory of each. The peer is the plain JVM measured in the
# same run: the ratio of resident memory shipped/plain at the end (goal: under 300 MB after an hour), and heap growth
# end/start near 1.0 (no leak). Needs bin/demo to have run (its stack, Brain and state) and xvfb.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. bin/lib/java.sh
find_java
MINUTES="${MINUTES:-60}" EVERY="${EVERY:-5}"
. images/target/fixture/fixture.env
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$ROOT/.demo/console-home"
export ADAPTIVE_PROJECT=adaptive-demo ADAPTIVE_BRAIN_URL=http://127.0.0.1:8089
WORK=$(mktemp -d /tmp/adaptive-soak.XXXXXX)
launch() {   # <name> <command...>: started under its own Xvfb; its pid in $WORK/<name>.pid
  local name=$1; shift
  cat > "$WORK/$name.sh" <<RUN
#!/usr/bin/env bash
$* --report-startup > "$WORK/$name.out" 2> "$WORK/$name.err" &
echo \$! > "$WORK/$name.pid"
wait
RUN
  chmod +x "$WORK/$name.sh"
  xvfb-run -a -s "-screen 0 1280x800x24" "$WORK/$name.sh" &
  for _ in $(seq 1 120); do grep -q "first window" "$WORK/$name.err" 2>/dev/null && break; sleep 0.5; done
}
launch shipped "$ROOT/bin/console"
launch plain "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$ROOT/installer-ui/target/adaptive-console.jar"
shipped=$(cat "$WORK/shipped.pid") plain=$(cat "$WORK/plain.pid")
trap 'kill $shipped $plain 2>/dev/null; rm -rf "$WORK"' EXIT
sample() {   # <pid>: heap used after a full GC (MB), resident memory (MB)
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null
  local heap
  # the heap's own lines (G1's "garbage-first heap", or the serial collector's two generations: "DefNew" and
  # "Tenured" in JDK 25, "def new generation" before), not their spaces
  heap=$("$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | grep -E '(total|committed) [0-9]+K, used' | grep -v ' space ' | grep -oE 'used [0-9]+K' \
    | grep -oE '[0-9]+' | awk '{s += $1} END {print s}')
  echo "$((heap / 1024)) $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status")"
}
sleep 30
read -r heap0 rss0 < <(sample "$shipped")
read -r pheap0 prss0 < <(sample "$plain")
printf '%6s  %18s  %16s  %16s\n' minute "heap after GC (MB)" "RSS shipped (MB)" "RSS plain (MB)"
printf '%6d  %18d  %16d  %16d\n' 0 "$heap0" "$rss0" "$prss0"
heap=$heap0 rss=$rss0 prss=$prss0
for ((m = EVERY; m <= MINUTES; m += EVERY)); do
  sleep $((EVERY * 60))
  kill -0 "$shipped" && kill -0 "$plain" || { echo "a console exited" >&2; exit 1; }
  read -r heap rss < <(sample "$shipped")
  read -r pheap prss < <(sample "$plain")
  printf '%6d  %18d  %16d  %16d\n' "$m" "$heap" "$rss" "$prss"
done
printf 'after %d minutes of dashboard refresh: RSS as shipped %d MB vs plain java -jar %d MB (ratio %.2f); heap after GC %d MB vs %d MB at the start (ratio %.2f)\n' \
  "$MINUTES" "$rss" "$prss" "$(echo "$rss / $prss" | bc -l)" "$heap" "$heap0" "$(echo "$heap / $heap0" | bc -l)"
