# Finds a Java 21+ runtime and sets JAVA_HOME and JAVA. Sourced by the bin/ scripts.
# Order: $JAVA_HOME, a JDK 21+ under the usual install folders (newest first), java on PATH.

# java_major JAVA: its feature version, from its JDK's release file (no JVM started: every CLI call pays this), else
# by asking it.
java_major() {
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    if [ -n "$v" ]; then echo "$v"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

is_21_plus() {
  local v
  v=$(java_major "$1") || return 1
  [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null
}

find_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && is_21_plus "$JAVA_HOME/bin/java"; then
    JAVA="$JAVA_HOME/bin/java"; return 0
  fi
  local candidate
  for candidate in $(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV); do
    if [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] && is_21_plus "$candidate/bin/java"; then
      JAVA_HOME="${candidate%/}"; JAVA="$JAVA_HOME/bin/java"; export JAVA_HOME; return 0
    fi
  done
  if command -v java >/dev/null 2>&1 && is_21_plus "$(command -v java)"; then
    JAVA="$(command -v java)"; return 0
  fi
  echo "error: Java 21 or newer is needed and none was found." >&2
  echo "       Install a JDK 21+ (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1
}

# make_cli_cache JAR: an AOT cache of the CLI's classes (JDK 25+, JEP 514: loaded and linked ahead of time) beside its
# jar, from one training run of `status` against this machine's engine (it only reads): it takes 0.7 s off each
# command's start. bin/adaptivectl uses it while it is newer than the jar; without it, the class-data archive.
make_cli_cache() {
  local jar="$1" aot="${1%.jar}.aot" home
  [ "$(java_major "$JAVA")" -ge 25 ] 2>/dev/null || return 0
  if [ -f "$aot" ] && [ "$aot" -nt "$jar" ]; then return 0; fi
  home=$(mktemp -d)
  ADAPTIVE_CONSOLE_HOME="$home" "$JAVA" -XX:AOTCacheOutput="$aot" -Xlog:aot=off -Xlog:cds=off \
    --enable-native-access=ALL-UNNAMED -jar "$jar" status --project aot-training >/dev/null 2>&1 || true
  rm -rf "$home" "$aot.config"
}
