#!/usr/bin/env bash
# The console's start on the demo stack, under Xvfb: JVM start to the first window and to the first complete
# dashboard (every running service's state and use read), without and with the class-data archive bin/console keeps
# in the user's data folder, cold (the OS's file cache dropped first, when run as root) and warm, RUNS times each
# (medians). The peer is the floor any JavaFX desktop app starts from: a bare window with one label on the same JVM
# and JavaFX (bench/java/BareWindow.java), measured the same way in the same run; the ratio is the console's first
# window over the bare one's. Goals: first window < 1.5 s, complete dashboard < 3 s.
# Needs bin/demo to have run (its stack and state), xvfb and GTK 3.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. bin/lib/java.sh
find_java
RUNS="${RUNS:-5}"
. images/target/fixture/fixture.env
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$ROOT/.demo/console-home"
export ADAPTIVE_PROJECT=adaptive-demo ADAPTIVE_BRAIN_URL=http://127.0.0.1:8089
WORK=$(mktemp -d /tmp/adaptive-start.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
FX=$(ls "$ROOT"/installer-ui/target/lib/javafx-*.jar | tr '\n' ':')
"$JAVA_HOME/bin/javac" -d "$WORK/bare" -cp "$FX" bench/java/BareWindow.java

drop_caches() { if [ "$(id -u)" = 0 ]; then sync; echo 3 > /proc/sys/vm/drop_caches; fi; }

# One start, closed by itself once measured; prints "<first window ms> <complete dashboard ms or 0>".
start_once() {
  local err="$WORK/run.err"
  timeout 90 xvfb-run -a -s "-screen 0 1280x800x24" "$@" 2> "$err" > /dev/null || true
  local first dash
  first=$(grep -oE "first window after [0-9]+" "$err" | grep -oE "[0-9]+$" || echo 0)
  dash=$(grep -oE "dashboard complete after [0-9]+" "$err" | grep -oE "[0-9]+$" || echo 0)
  echo "$first $dash"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

console=("$JAVA" -Dadaptive.exitAfterStartup=true --enable-native-access=ALL-UNNAMED)
jar=(-jar "$ROOT/installer-ui/target/adaptive-console.jar" --report-startup)
archive=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$WORK/console.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
bare=("$JAVA" -Dadaptive.exitAfterStartup=true -cp "$WORK/bare:$FX" BareWindow)
start_once "${console[@]}" "${archive[@]}" "${jar[@]}" > /dev/null   # the archive, made at this first exit
[ -s "$WORK/console.jsa" ] || { echo "the class-data archive was not made" >&2; exit 1; }
for mode in cold warm; do
  : > "$WORK/plain" ; : > "$WORK/archived" ; : > "$WORK/bare-times"
  for ((i = 0; i < RUNS; i++)); do
    [ "$mode" = cold ] && drop_caches
    start_once "${console[@]}" "${jar[@]}" >> "$WORK/plain"
    [ "$mode" = cold ] && drop_caches
    start_once "${console[@]}" "${archive[@]}" "${jar[@]}" >> "$WORK/archived"
    [ "$mode" = cold ] && drop_caches
    start_once "${bare[@]}" >> "$WORK/bare-times"
  done
  pf=$(awk '{print $1}' "$WORK/plain" | median); pd=$(awk '{print $2}' "$WORK/plain" | median)
  af=$(awk '{print $1}' "$WORK/archived" | median); ad=$(awk '{print $2}' "$WORK/archived" | median)
  bf=$(awk '{print $1}' "$WORK/bare-times" | median)
  printf '%s, median of %d: console first window %s ms (with its archive %s ms), complete dashboard %s ms (%s ms);' \
    "$mode" "$RUNS" "$pf" "$af" "$pd" "$ad"
  printf ' bare JavaFX window %s ms; ratio first window console/bare %.2f (with the archive %.2f)\n' \
    "$bf" "$(echo "$pf / $bf" | bc -l)" "$(echo "$af / $bf" | bc -l)"
done
