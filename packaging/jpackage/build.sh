#!/usr/bin/env bash
# Builds the console's native installers for the OS this runs on, the same way here and in
# .github/workflows/release.yml:
#   Linux   the portable app image (dist/Adaptive Startup Console/) and a DEB made from it
#   Windows an MSI (WiX 3 on PATH)        macOS a DMG (signed and notarized when the secrets are set)
# Steps: Maven lays out target/jpackage/ (input jars, JavaFX modules, the filtered argument files);
# jdeps lists the JDK modules the app needs; jlink makes a runtime of those plus JavaFX; jpackage
# wraps it. Prints each installer's size.
#
#   packaging/jpackage/build.sh [--skip-build]
# Optional environment (release signing; ignored when unset):
#   MAC_SIGNING_IDENTITY, MAC_NOTARY_APPLE_ID, MAC_NOTARY_TEAM_ID, MAC_NOTARY_PASSWORD
#   WINDOWS_SIGNING_PFX (path), WINDOWS_SIGNING_PASSWORD
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$ROOT/bin/lib/java.sh"
find_java
JDK_BIN="$JAVA_HOME/bin"
T="$HERE/target/jpackage"
DIST="$HERE/target/dist"

if [ "${1:-}" != "--skip-build" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests install -pl packaging/jpackage -am)
fi
[ -f "$T/input/installer-ui.jar" ] || { echo "error: $T/input is empty; run without --skip-build" >&2; exit 2; }

case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=macos ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows ;;
  *) echo "error: no installer for $(uname -s)" >&2; exit 2 ;;
esac

case "$(uname -m)" in
  x86_64|amd64) ARCH=x86_64 ;;
  arm64|aarch64) ARCH=aarch64 ;;
  *) echo "error: no installer for a $(uname -m) CPU" >&2; exit 2 ;;
esac
echo "== libraries: only this system's native code ($OS, $ARCH)"
"$JAVA" "$HERE/tools/SlimJars.java" "$T/input/lib" "$OS" "$ARCH"

echo "== modules the console needs (jdeps)"
jdk_modules=$("$JDK_BIN/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps --recursive \
  --module-path "$T/javafx" --class-path "$T/input/lib/*" "$T/input/installer-ui.jar")
# Found by use, not by imports: TLS cipher suites and name lookup (OkHttp to the Brain), the
# charsets of Windows' console, and time zones' names for the backup schedule.
modules="$jdk_modules,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.naming.dns"
echo "$modules"

echo "== runtime (jlink)"
rm -rf "$T/runtime" "$DIST"
# On Linux the DEB compresses the whole tree with xz, which packs uncompressed classes far better than
# jlink's zip does (a 50 MB DEB instead of 67 MB); MSI and DMG compress with deflate, so jlink does it there.
compress=zip-6
[ "$OS" = linux ] && compress=zip-0
# --generate-cds-archive: the runtime's own class-data archive, as a full JDK ships one (a jlinked runtime has none
# otherwise): the JDK's classes are mapped at start instead of parsed (the console's first window sooner).
"$JDK_BIN/jlink" --module-path "$T/javafx" --add-modules "$modules" \
  --include-locales en,de,fr,es --strip-debug --no-header-files --no-man-pages \
  --compress "$compress" --generate-cds-archive --output "$T/runtime"
du -sh "$T/runtime"

cd "$HERE"   # the argument files' paths are relative to this folder
mkdir -p "$DIST"
common=(@"$T/args/common.args")
app=(@"$T/args/app.args" --input "$T/input" --runtime-image "$T/runtime")
case "$OS" in
  linux)
    echo "== app image"
    "$JDK_BIN/jpackage" --type app-image "${common[@]}" "${app[@]}" @"$T/args/app-linux.args" --dest "$DIST"
    echo "== DEB"
    "$JDK_BIN/jpackage" --type deb "${common[@]}" @"$T/args/linux.args" \
      --app-image "$DIST/Adaptive Startup Console" --dest "$DIST"
    ;;
  windows)
    echo "== MSI"
    "$JDK_BIN/jpackage" "${common[@]}" "${app[@]}" @"$T/args/app-windows.args" @"$T/args/windows.args" --dest "$DIST"
    if [ -n "${WINDOWS_SIGNING_PFX:-}" ]; then
      for msi in "$DIST"/*.msi; do
        signtool sign /fd SHA256 /td SHA256 /tr http://timestamp.digicert.com /f "$WINDOWS_SIGNING_PFX" \
          /p "$WINDOWS_SIGNING_PASSWORD" "$msi"
      done
    fi
    ;;
  macos)
    echo "== DMG"
    sign=()
    if [ -n "${MAC_SIGNING_IDENTITY:-}" ]; then
      sign=(--mac-sign --mac-signing-key-user-name "$MAC_SIGNING_IDENTITY")
    fi
    "$JDK_BIN/jpackage" "${common[@]}" "${app[@]}" @"$T/args/app-macos.args" @"$T/args/macos.args" "${sign[@]}" --dest "$DIST"
    if [ -n "${MAC_NOTARY_APPLE_ID:-}" ]; then
      for dmg in "$DIST"/*.dmg; do
        xcrun notarytool submit "$dmg" --apple-id "$MAC_NOTARY_APPLE_ID" --team-id "$MAC_NOTARY_TEAM_ID" \
          --password "$MAC_NOTARY_PASSWORD" --wait
        xcrun stapler staple "$dmg"
      done
    fi
    ;;
esac

echo "== installers (goal: under 90 MB each)"
for f in "$DIST"/*; do
  if [ -d "$f" ]; then
    echo "$(du -sm "$f" | cut -f1) MB  $(basename "$f")/ (app image, uncompressed)"
  else
    echo "$(( $(wc -c < "$f") / 1048576 )) MB  $(basename "$f")"
  fi
done
