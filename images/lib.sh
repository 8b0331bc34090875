# Shared helpers for the image scripts. Sourced.

# debian_mirror: the Debian mirror this machine's apt uses (DEBIAN_MIRROR overrides). Nothing is
# hard-coded: the URI is read from /etc/apt/sources.list and sources.list.d (one-line and deb822).
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return 0; fi
  local codename
  codename=$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")
  local found
  found=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v cn="$codename" '
      /^[[:space:]]*$/ { if (uri != "" && suites ~ ("(^| )" cn "( |$)") && uri !~ /security/) { print uri; exit } uri=""; suites=""; next }
      /^URIs:/ { uri=$2 }
      /^Suites:/ { $1=""; suites=$0 }
      END { if (uri != "" && suites ~ ("(^| )" cn "( |$)") && uri !~ /security/) print uri }' | head -n1)
  if [ -z "$found" ]; then
    found=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | sed -E 's/\[[^]]*\]//' | awk -v cn="$codename" '$1 == "deb" && $3 == cn && $2 !~ /security/ { print $2; exit }')
  fi
  if [ -z "$found" ]; then
    echo "error: no Debian mirror found in this machine's apt sources; set DEBIAN_MIRROR" >&2
    return 1
  fi
  echo "${found%/}"
}

# ensure_dockerd: starts the Docker engine when it is not answering (as root, where the OS allows).
ensure_dockerd() {
  if docker info >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: the Docker engine is not running. Start it (Docker Desktop, or 'sudo systemctl start docker')." >&2
    return 1
  fi
  echo "starting dockerd"
  (nohup dockerd > /var/log/adaptive-dockerd.log 2>&1 &)
  local i
  for i in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "error: dockerd did not start; see /var/log/adaptive-dockerd.log" >&2
  tail -20 /var/log/adaptive-dockerd.log >&2 || true
  return 1
}
