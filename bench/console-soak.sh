#!/usr/bin/env bash
# The console left open on the dashboard (refreshing every 5 s) of the demo stack for MINUTES (default 60),
# under Xvfb: the Java heap after a full GC and the process's resident memory, sampled every few minutes.
# The peer is the console itself at its first sample: the ratio end/start of the heap after GC must stay
# near 1.0 (no growth). Needs bin/demo to have run (its stack, Brain and state) and xvfb.
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
cat > "$WORK/run.sh" <<RUN
#!/usr/bin/env bash
"$JAVA" --enable-native-access=ALL-UNNAMED -jar "$ROOT/installer-ui/target/adaptive-console.jar" --report-startup \
  > "$WORK/console.out" 2> "$WORK/console.err" &
echo \$! > "$WORK/pid"
wait
RUN
chmod +x "$WORK/run.sh"
xvfb-run -a -s "-screen 0 1280x800x24" "$WORK/run.sh" &
for _ in $(seq 1 120); do grep -q "first window" "$WORK/console.err" 2>/dev/null && break; sleep 0.5; done
pid=$(cat "$WORK/pid")
trap 'kill $pid 2>/dev/null; rm -rf "$WORK"' EXIT
grep "first window" "$WORK/console.err"
sample() {   # heap used after a full GC (MB), resident memory (MB)
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  local heap rss
  heap=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  echo "$((heap / 1024)) $((rss / 1024))"
}
sleep 30
read -r heap0 rss0 < <(sample)
printf '%6s  %10s  %8s\n' minute "heap (MB)" "RSS (MB)"
printf '%6d  %10d  %8d\n' 0 "$heap0" "$rss0"
heap=$heap0 rss=$rss0
for ((m = EVERY; m <= MINUTES; m += EVERY)); do
  sleep $((EVERY * 60))
  kill -0 "$pid" || { echo "the console exited" >&2; exit 1; }
  read -r heap rss < <(sample)
  printf '%6d  %10d  %8d\n' "$m" "$heap" "$rss"
done
printf 'after %d minutes of dashboard refresh: heap after GC %d MB vs %d MB at the start (ratio %.2f), RSS %d vs %d MB\n' \
  "$MINUTES" "$heap" "$heap0" "$(echo "$heap / $heap0" | bc -l)" "$rss" "$rss0"
