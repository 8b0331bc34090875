# Finds a Java 21+ runtime and sets JAVA_HOME and JAVA. Sourced by the bin/ scripts.
# Order: $JAVA_HOME, a JDK 21+ under the usual install folders (newest first), java on PATH.

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1; }

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
