#!/usr/bin/env bash
# Proves the Linux packages (run by bin/test after the build): builds the app image and the DEB with
# build.sh, checks the DEB's listing and metadata, unpacks it into a throwaway root, launches the
# packaged console from there under Xvfb with an empty home (so the first-run wizard opens), waits for
# its first window and saves a screenshot of it. A launch that fails (a module missing from the jlink
# runtime is the usual cause) fails this script.
#   packaging/jpackage/prove-linux.sh [--skip-build] [--screenshot docs/screenshots/packaged-linux-first-window.png]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$ROOT/bin/lib/java.sh"
find_java
build_args=()
screenshot="$ROOT/docs/screenshots/packaged-linux-first-window.png"
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build_args+=(--skip-build); shift ;;
    --screenshot) screenshot="$2"; shift 2 ;;
    *) echo "usage: $0 [--skip-build] [--screenshot FILE]" >&2; exit 2 ;;
  esac
done
for tool in xvfb-run dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install xvfb dpkg)" >&2; exit 2; }
done

"$HERE/build.sh" "${build_args[@]}"
DIST="$HERE/target/dist"
deb=$(ls "$DIST"/*.deb)
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== DEB contents"
listing=$(dpkg-deb -c "$deb")
for path in "./opt/adaptive-startup-console/bin/Adaptive Startup Console" \
            ./opt/adaptive-startup-console/lib/runtime/lib/modules \
            ./opt/adaptive-startup-console/lib/app/installer-ui.jar \
            ./opt/adaptive-startup-console/lib/adaptive-startup-console-Adaptive_Startup_Console.desktop \
            ./opt/adaptive-startup-console/lib/Adaptive\ Startup\ Console.png; do
  grep -qF "$path" <<<"$listing" || fail "the DEB has no $path"
done
echo "$(wc -l <<<"$listing") entries; launcher, runtime, app and menu entry present"
info=$(dpkg-deb -I "$deb")
grep -q "Package: adaptive-startup-console" <<<"$info" || fail "wrong package name"
grep -q "Version: 1" <<<"$info" || fail "no version"
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./postrm | grep -q "left as they are" \
  || fail "the DEB's postrm does not say the stack is left alone"
grep -E "^ (Depends|Installed-Size)" <<<"$info"

echo "== launch the packaged console from a throwaway root"
work=$(mktemp -d)
trap 'kill "$app_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
app_pid=
dpkg-deb -x "$deb" "$work/root"
mkdir -p "$work/home"
program_files() { (cd "$work/root" && find . -type f -printf '%p %s %T@\n' | sort); }
program_files > "$work/program-before.txt"
cat > "$work/launch.sh" <<LAUNCH
#!/usr/bin/env bash
set -u
HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" "$work/root/opt/adaptive-startup-console/bin/Adaptive Startup Console" \
  --report-startup >"$work/app.out" 2>"$work/app.err" &
app_pid=\$!
for i in \$(seq 1 120); do
  if grep -q "first window after" "$work/app.err"; then break; fi
  if ! kill -0 \$app_pid 2>/dev/null; then echo "the packaged console exited before showing a window" >&2; exit 1; fi
  sleep 0.5
done
grep -q "first window after" "$work/app.err" || { echo "no window after 60 s" >&2; kill \$app_pid; exit 1; }
sleep 3   # let the first frame render
"$JAVA" "$HERE/tools/Screenshot.java" "$screenshot"
shot=\$?
kill \$app_pid; wait \$app_pid 2>/dev/null
exit \$shot
LAUNCH
chmod +x "$work/launch.sh"
mkdir -p "$(dirname "$screenshot")"
if ! xvfb-run -a -s "-screen 0 1280x800x24" "$work/launch.sh"; then
  echo "--- the console's output:" >&2; cat "$work/app.out" "$work/app.err" >&2 || true
  fail "the packaged console did not show its first window"
fi
grep "first window after" "$work/app.err"
if grep -E "Exception|Error:|Module .* not found" "$work/app.err"; then
  fail "the packaged console reported errors"
fi
# Its own classes' archive, made in the user's data folder as the first run exited, mapped by the next run.
archive="$work/home/.local/share/adaptive-startup-console/console.jsa"
[ -s "$archive" ] || fail "no class-data archive was made in the user's data folder ($archive)"
first=$(grep -oE "first window after [0-9]+" "$work/app.err")
xvfb-run -a -s "-screen 0 1280x800x24" "$work/launch.sh" || fail "the packaged console did not start again"
echo "first run: $first ms; with its archive: $(grep -oE "first window after [0-9]+" "$work/app.err") ms"
[ -d "$work/home/.local/share/adaptive-startup-console" ] \
  || fail "the console kept no state in ~/.local/share/adaptive-startup-console"
# An upgrade replaces the program folder and an uninstall removes it: nothing of the console's state may be there.
program_files > "$work/program-after.txt"
cmp -s "$work/program-before.txt" "$work/program-after.txt" \
  || { diff "$work/program-before.txt" "$work/program-after.txt" | head >&2; fail "the console wrote into its program folder"; }
echo "PASS: packaged console launched; its state in ~/.local/share/adaptive-startup-console, its program folder untouched; screenshot $screenshot"
