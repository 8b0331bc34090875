#!/usr/bin/env bash
# The test registry and releases, shared by every end-to-end test (and usable by hand):
#   fixture.sh up    start a private registry with basic auth on 127.0.0.1:${REGISTRY_PORT:-5000}, create the
#                    vendor's and a customer's accounts, a vendor signing key, and publish releases 1.0.0, 1.1.0
#                    and 1.2.0 with signed manifests; writes images/target/fixture/fixture.env describing it all.
#   fixture.sh down  stop the registry (its data stays in images/target/fixture until 'clean').
#   fixture.sh clean stop it and remove everything it made.
# Idempotent: 'up' reuses a running registry and releases already published (REPUBLISH=1 publishes again).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMAGES="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$IMAGES/.." && pwd)"
. "$IMAGES/lib.sh"
. "$ROOT/bin/lib/stages.sh"
DIR="$IMAGES/target/fixture"
PORT="${REGISTRY_PORT:-5000}"
REGISTRY="127.0.0.1:$PORT"
CUSTOMER="${FIXTURE_CUSTOMER:-acme}"

registry_up() {
  mkdir -p "$DIR/registry-data"
  if [ ! -f "$DIR/htpasswd" ]; then
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$DIR/vendor-password"
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$DIR/customer-password"
    chmod 600 "$DIR/vendor-password" "$DIR/customer-password"
    htpasswd -B -b -c "$DIR/htpasswd" vendor "$(cat "$DIR/vendor-password")" 2>/dev/null
    htpasswd -B -b "$DIR/htpasswd" "$CUSTOMER" "$(cat "$DIR/customer-password")" 2>/dev/null
  fi
  cat > "$DIR/registry.yml" <<CONF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DIR/registry-data
  delete:
    enabled: true
http:
  addr: $REGISTRY
auth:
  htpasswd:
    realm: adaptive-startup-registry
    path: $DIR/htpasswd
CONF
  if [ -f "$DIR/registry.pid" ] && kill -0 "$(cat "$DIR/registry.pid")" 2>/dev/null; then
    echo "registry already running on $REGISTRY"
    return 0
  fi
  if curl -s -o /dev/null "http://$REGISTRY/v2/"; then
    echo "error: something else already listens on $REGISTRY (another registry?); stop it or set REGISTRY_PORT" >&2
    return 1
  fi
  (nohup docker-registry serve "$DIR/registry.yml" > "$DIR/registry.log" 2>&1 & echo $! > "$DIR/registry.pid")
  local i
  for i in $(seq 1 50); do
    if curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/" | grep -q 401; then
      echo "registry listening on $REGISTRY (basic auth)"; return 0
    fi
    sleep 0.2
  done
  echo "error: the registry did not start; see $DIR/registry.log" >&2
  tail -20 "$DIR/registry.log" >&2
  return 1
}

vendor_key() {
  if [ ! -f "$DIR/vendor-keys/fixture-vendor.private.pem" ]; then
    "$ROOT/bin/adaptive-vendor" keygen --out "$DIR/vendor-keys" --name fixture-vendor >/dev/null
  fi
}

publish() {   # publish VERSION
  local v="$1"
  if [ -f "$DIR/releases/$v/release-$v.asr" ] && [ -z "${REPUBLISH:-}" ]; then
    echo "release $v already published"
    return 0
  fi
  "$IMAGES/build.sh" --version "$v" --registry "$REGISTRY" --namespace "$CUSTOMER" --username vendor \
    --password-file "$DIR/vendor-password" --sign-key "$DIR/vendor-keys/fixture-vendor.private.pem" \
    --customer-id "$CUSTOMER" --out "$DIR/releases/$v"
}

write_env() {
  cat > "$DIR/fixture.env" <<ENV
# Written by images/registry/fixture.sh: the shared end-to-end fixture.
FIXTURE_REGISTRY=$REGISTRY
FIXTURE_NAMESPACE=$CUSTOMER
FIXTURE_CUSTOMER_USERNAME=$CUSTOMER
FIXTURE_CUSTOMER_PASSWORD_FILE=$DIR/customer-password
FIXTURE_VENDOR_PRIVATE_KEY=$DIR/vendor-keys/fixture-vendor.private.pem
FIXTURE_VENDOR_PUBLIC_KEY=$DIR/vendor-keys/fixture-vendor.public.pem
FIXTURE_RELEASE_1_0_0=$DIR/releases/1.0.0/release-1.0.0.asr
FIXTURE_RELEASE_1_1_0=$DIR/releases/1.1.0/release-1.1.0.asr
FIXTURE_RELEASE_1_2_0=$DIR/releases/1.2.0/release-1.2.0.asr
FIXTURE_SINGLE_1_2_0=$REGISTRY/$CUSTOMER/single:1.2.0
ENV
  echo "fixture described in $DIR/fixture.env"
}

case "${1:-up}" in
  up)
    mkdir -p "$DIR"
    stage "docker engine" ensure_dockerd
    stage "registry" registry_up
    stage "vendor key" vendor_key
    stage "publish 1.0.0" publish 1.0.0
    stage "publish 1.1.0" publish 1.1.0
    stage "publish 1.2.0" publish 1.2.0
    write_env
    stages_summary
    ;;
  down)
    if [ -f "$DIR/registry.pid" ]; then kill "$(cat "$DIR/registry.pid")" 2>/dev/null || true; rm -f "$DIR/registry.pid"; fi
    echo "registry stopped"
    ;;
  clean)
    "$0" down
    rm -rf "$DIR"
    echo "fixture removed"
    ;;
  *) echo "usage: fixture.sh up|down|clean" >&2; exit 2 ;;
esac
