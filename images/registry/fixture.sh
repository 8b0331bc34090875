#!/usr/bin/env bash
# The test registry and releases, shared by every end-to-end test (and usable by hand):
#   fixture.sh up    a private registry on 127.0.0.1:${REGISTRY_PORT:-5000} holding releases 1.0.0, 1.1.0 and 1.2.0
#                    with signed manifests (published by the vendor's build account, a vendor signing key made here),
#                    whose only authority is the vendor's Brain (its image, with PostgreSQL, on
#                    127.0.0.1:${FIXTURE_BRAIN_PORT:-5090}): the registry is on token authentication, the Brain issuing
#                    pull for a customer's own repositories and push for the vendor. The customer ('acme') is one who
#                    pays by invoice, recorded by vendor staff (adaptive-vendor brain customer paid); their pull password
#                    is the one in the license the Brain issued them. Writes images/target/fixture/fixture.env.
#   fixture.sh down  stop the registry and remove the Brain's containers (the releases stay in images/target/fixture).
#   fixture.sh clean stop it all and remove everything it made.
# Idempotent: 'up' reuses what runs and releases already published (REPUBLISH=1 publishes again). The registry starts
# on basic auth (the vendor's account only) until the Brain is up, as the Brain runs on the stack's own PostgreSQL image.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMAGES="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$IMAGES/.." && pwd)"
. "$IMAGES/lib.sh"
. "$ROOT/bin/lib/stages.sh"
. "$IMAGES/brain/run.sh"
DIR="$IMAGES/target/fixture"
PORT="${REGISTRY_PORT:-5000}"
REGISTRY="127.0.0.1:$PORT"
CUSTOMER="${FIXTURE_CUSTOMER:-acme}"
BRAIN_PORT="${FIXTURE_BRAIN_PORT:-5090}"
BRAIN_URL="http://127.0.0.1:$BRAIN_PORT"
BRAIN_NET=adaptive-fixture-brain
BRAIN_LABEL=com.adaptivestartup.fixture=brain
SECRETS="$DIR/brain/secrets"

registry_config() {   # registry_config basic|token: the registry's configuration for that authority
  local auth
  if [ "$1" = token ]; then
    auth="  token:
    realm: $BRAIN_URL/v2/token
    service: adaptive-registry
    issuer: adaptive-brain
    rootcertbundle: $SECRETS/token.crt"
  else
    [ -s "$DIR/vendor-password" ] || { od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$DIR/vendor-password"; }
    chmod 600 "$DIR/vendor-password"
    htpasswd -B -b -c "$DIR/htpasswd" vendor "$(cat "$DIR/vendor-password")" 2>/dev/null
    auth="  htpasswd:
    realm: adaptive-startup-registry
    path: $DIR/htpasswd"
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
$auth
CONF
}

registry_running() { [ -f "$DIR/registry.pid" ] && kill -0 "$(cat "$DIR/registry.pid")" 2>/dev/null; }

registry_stop() {
  if registry_running; then
    kill "$(cat "$DIR/registry.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do registry_running || break; sleep 0.1; done
  fi
  rm -f "$DIR/registry.pid" "$DIR/registry.started.yml"
}

registry_up() {   # registry_up basic|token: the registry running with that authority (restarted when it had another)
  mkdir -p "$DIR/registry-data"
  registry_config "$1"
  if registry_running && cmp -s "$DIR/registry.yml" "$DIR/registry.started.yml"; then
    echo "registry already running on $REGISTRY ($1 auth)"
    return 0
  fi
  registry_stop
  if curl -s -o /dev/null "http://$REGISTRY/v2/"; then
    echo "error: something else already listens on $REGISTRY (another registry?); stop it or set REGISTRY_PORT" >&2
    return 1
  fi
  cp "$DIR/registry.yml" "$DIR/registry.started.yml"
  (nohup docker-registry serve "$DIR/registry.yml" > "$DIR/registry.log" 2>&1 & echo $! > "$DIR/registry.pid")
  local i
  for i in $(seq 1 50); do
    if curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/" | grep -q 401; then
      echo "registry listening on $REGISTRY ($1 auth)"; return 0
    fi
    sleep 0.2
  done
  echo "error: the registry did not start; see $DIR/registry.log" >&2
  tail -20 "$DIR/registry.log" >&2
  return 1
}

brain_up() {   # the Brain from its image, with PostgreSQL (the stack's 1.2.0 image), unless it runs and is healthy
  if brain_healthy adaptive-fixture-brain; then echo "the Brain already running on $BRAIN_URL"; return 0; fi
  BRAIN_TAG=fixture
  "$ROOT/images/brain/build.sh" --tag "$BRAIN_TAG" >/dev/null
  brain_secrets "$SECRETS" "$DIR/vendor-keys/fixture-vendor.private.pem"
  cp "$DIR/vendor-password" "$SECRETS/vendor-registry-password"   # the account the releases are published with
  docker rm -f -v adaptive-fixture-brain >/dev/null 2>&1 || true   # not healthy: started again
  brain_run adaptive-fixture-brain "$BRAIN_LABEL" "$BRAIN_NET" "$BRAIN_PORT" "$SECRETS" "$REGISTRY/$CUSTOMER/postgres:1.2.0" \
    "$REGISTRY" ops@fixture.example --health-interval 2s
  echo "the Brain on $BRAIN_URL"
}

customer_paid() {   # vendor staff record that the customer pays by invoice; their pull password is their license's
  local session="$DIR/brain/staff-session.json"
  if [ -s "$DIR/customer-password" ] && [ "$(printf 'user = "%s:%s"\n' "$CUSTOMER" "$(cat "$DIR/customer-password")" \
       | curl -s -K - -o /dev/null -w '%{http_code}' \
         "$BRAIN_URL/v2/token?service=adaptive-registry&scope=repository:$CUSTOMER/backend:pull")" = 200 ]; then
    echo "$CUSTOMER is licensed already ($DIR/$CUSTOMER.lic)"
    return 0
  fi
  "$ROOT/bin/adaptive-vendor" brain sign-in --url "$BRAIN_URL" --email ops@fixture.example \
    --key-file "$SECRETS/staff-key" --session "$session" >/dev/null
  "$ROOT/bin/adaptive-vendor" brain customer paid "$CUSTOMER" --session "$session" --email "it@$CUSTOMER.example" \
    --name "Fixture customer $CUSTOMER" --until "$(date -u -d '+10 years' +%Y-12-31)" --out "$DIR/$CUSTOMER.lic"
  "$ROOT/bin/adaptive-vendor" license inspect --show-secrets "$DIR/$CUSTOMER.lic" | jq -r '.license.registry.password' \
    > "$DIR/customer-password.tmp"
  [ "$(wc -c < "$DIR/customer-password.tmp")" -gt 20 ] || { echo "error: no registry password in $DIR/$CUSTOMER.lic" >&2; return 1; }
  chmod 600 "$DIR/customer-password.tmp"
  mv "$DIR/customer-password.tmp" "$DIR/customer-password"
}

brain_down() {
  docker rm -f -v adaptive-fixture-brain adaptive-fixture-brain-db >/dev/null 2>&1 || true
  docker network rm "$BRAIN_NET" >/dev/null 2>&1 || true
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
FIXTURE_BRAIN_URL=$BRAIN_URL
FIXTURE_CUSTOMER_LICENSE=$DIR/$CUSTOMER.lic
ENV
  echo "fixture described in $DIR/fixture.env"
}

case "${1:-up}" in
  up)
    mkdir -p "$DIR"
    stage "docker engine" ensure_dockerd
    stage "vendor key" vendor_key
    if brain_healthy adaptive-fixture-brain; then stage "registry" registry_up token; else stage "registry" registry_up basic; fi
    stage "publish 1.0.0" publish 1.0.0
    stage "publish 1.1.0" publish 1.1.0
    stage "publish 1.2.0" publish 1.2.0
    stage "the Brain (image, PostgreSQL)" brain_up
    stage "the customer, invoiced" customer_paid
    stage "registry on the Brain's tokens" registry_up token
    write_env
    stages_summary
    ;;
  down)
    registry_stop
    brain_down
    echo "registry and Brain stopped"
    ;;
  clean)
    "$0" down
    docker rmi adaptive/brain:fixture >/dev/null 2>&1 || true
    rm -rf "$DIR"
    echo "fixture removed"
    ;;
  *) echo "usage: fixture.sh up|down|clean" >&2; exit 2 ;;
esac
