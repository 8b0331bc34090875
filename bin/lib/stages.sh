# Timed stages and package installation for the bin/ scripts and .ci/run.

STAGES_REPORT=""

# stage "name" command...: runs the command, prints how long it took, fails the script if it fails.
stage() {
  local name="$1"; shift
  local start end
  start=$(date +%s)
  echo "==> $name"
  "$@"
  end=$(date +%s)
  echo "<== $name: $((end - start)) s"
  STAGES_REPORT="${STAGES_REPORT}$(printf '%6d s  %s' "$((end - start))" "$name")"$'\n'
}

stages_summary() {
  echo "Stage durations:"
  printf '%s' "$STAGES_REPORT"
}

# ensure_packages pkg...: installs the Debian packages that are missing (as root, or with sudo).
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: please install: ${missing[*]}" >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The web app builds with the machine's Node.js (20.19 or newer) and npm; Debian's are installed only when
# there are none (server-bundle/web/build.sh says so when they are too old).
ensure_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
  ensure_packages nodejs npm
}
