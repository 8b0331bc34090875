#!/usr/bin/env bash
# The Brain's image on the real engine: built (images/brain/build.sh), started against PostgreSQL (the stack's own
# image) with its secrets as files, as its own user, with a read-only root, no capabilities and no new privileges;
# healthy; its keys published, its staff page signing in the first staff member, a Stripe event signed as Stripe signs
# it taken and an unsigned one refused; the staff page driven in chromium. Everything it makes carries this run's label and is removed at the end.
#   images/test/brain-image-test.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/images/target/fixture/fixture.env"
ID="brainimg-$(date +%s)-$$"
TMP=$(mktemp -d)
PASS=0
cleanup() {
  docker rm -f -v "$ID-brain" "$ID-db" >/dev/null 2>&1 || true
  docker network rm "$ID-net" >/dev/null 2>&1 || true
  docker rmi "adaptive/brain:$ID" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
ok() { PASS=$((PASS + 1)); echo "ok: $*"; }
fail() { echo "FAILED: $*" >&2; docker logs "$ID-brain" 2>&1 | tail -n 30 >&2 || true; exit 1; }

"$ROOT/images/brain/build.sh" --tag "$ID" >/dev/null
ok "the image builds"

mkdir -p "$TMP/secrets"
openssl genpkey -algorithm ed25519 -out "$TMP/secrets/vendor.pem" 2>/dev/null
STRIPE="whsec_$(openssl rand -hex 16)"
printf '%s' "$STRIPE" > "$TMP/secrets/stripe"
openssl rand -hex 32 > "$TMP/secrets/registry"
DBPASS=$(openssl rand -hex 16)
printf '%s' "$DBPASS" > "$TMP/secrets/db"
STAFF_KEY=$(openssl rand -hex 24)
printf '%s' "$STAFF_KEY" > "$TMP/secrets/staff"
chmod 0755 "$TMP" "$TMP/secrets" && chmod 0644 "$TMP/secrets/"*

docker network create --label "com.adaptivestartup.test=$ID" "$ID-net" >/dev/null
docker run -d --name "$ID-db" --label "com.adaptivestartup.test=$ID" --network "$ID-net" --network-alias brain-db \
  -e POSTGRES_USER=brain -e POSTGRES_DB=brain -e POSTGRES_PASSWORD="$DBPASS" \
  "$FIXTURE_REGISTRY/$FIXTURE_NAMESPACE/postgres:1.2.0" >/dev/null
for _ in $(seq 1 60); do docker exec "$ID-db" pg_isready -U brain -d brain >/dev/null 2>&1 && break; sleep 1; done
docker run -d --name "$ID-brain" --label "com.adaptivestartup.test=$ID" --network "$ID-net" -p 127.0.0.1::8090 \
  --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges \
  -v "$TMP/secrets:/run/secrets:ro" \
  -e BRAIN_DATABASE_URL=jdbc:postgresql://brain-db:5432/brain -e BRAIN_DATABASE_USER=brain \
  -e BRAIN_DATABASE_PASSWORD_FILE=/run/secrets/db -e STRIPE_WEBHOOK_SECRET_FILE=/run/secrets/stripe \
  -e BRAIN_VENDOR_KEY_FILE=/run/secrets/vendor.pem -e BRAIN_REGISTRY_URL=registry.example.com \
  -e BRAIN_REGISTRY_SECRET_FILE=/run/secrets/registry -e BRAIN_FIRST_STAFF_EMAIL=ops@vendor.example \
  -e BRAIN_FIRST_STAFF_KEY_FILE=/run/secrets/staff "adaptive/brain:$ID" >/dev/null
health=""
for _ in $(seq 1 90); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$ID-brain" 2>/dev/null || echo gone)
  [ "$health" = healthy ] && break
  [ "$health" = gone ] && break
  sleep 1
done
[ "$health" = healthy ] || fail "the Brain is $health, not healthy"
ok "healthy against PostgreSQL, secrets from files"
[ "$(docker exec "$ID-brain" id -u)" = 10003 ] || fail "it runs as $(docker exec "$ID-brain" id -u), not 10003"
docker exec "$ID-brain" touch /app/x 2>/dev/null && fail "its root is writable"
ok "its own user, a read-only root"

BRAIN="http://$(docker port "$ID-brain" 8090/tcp | head -n1)"
curl -fsS "$BRAIN/v1/keys" | jq -e '.signing.kid | length == 43' >/dev/null || fail "/v1/keys does not publish the signing key"
ok "the signing key published"
curl -fsS "$BRAIN/staff" | grep -q "Staff sign-in" || fail "no staff page"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"email\":\"ops@vendor.example\",\"key\":\"$STAFF_KEY\"}" "$BRAIN/staff/sign-in")
[ "$code" = 200 ] || fail "the first staff member cannot sign in ($code)"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"email":"ops@vendor.example","key":"wrong"}' "$BRAIN/staff/sign-in")
[ "$code" = 401 ] || fail "a wrong staff key got $code"
ok "the first staff member signs in; a wrong key is refused"

T=$(date +%s)
PAYLOAD="{\"id\":\"evt_img$T\",\"object\":\"event\",\"type\":\"customer.created\",\"created\":$T,\"data\":{\"object\":{\"id\":\"cus_img$T\",\"object\":\"customer\",\"email\":\"founder@acme.example\"}}}"
SIG=$(printf '%s.%s' "$T" "$PAYLOAD" | openssl dgst -sha256 -hmac "$STRIPE" -hex | sed 's/^.* //')
code=$(curl -s -o "$TMP/answer" -w '%{http_code}' -H "Stripe-Signature: t=$T,v1=$SIG" -d "$PAYLOAD" "$BRAIN/stripe/webhook")
[ "$code" = 200 ] || fail "a signed Stripe event got $code: $(cat "$TMP/answer")"
code=$(curl -s -o /dev/null -w '%{http_code}' -d "$PAYLOAD" "$BRAIN/stripe/webhook")
[ "$code" = 400 ] || fail "an unsigned Stripe event got $code"
ok "a Stripe event signed as Stripe signs it is taken, an unsigned one refused"

# The staff page in a real browser (chromium, driven as the web app's tests drive it).
WEB="$ROOT/server-bundle/web"
[ -d "$WEB/node_modules/playwright-core" ] || (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p "$ROOT/images/target"
node "$ROOT/images/test/brain-staff-page.mjs" "$BRAIN" ops@vendor.example "$STAFF_KEY" \
  "$ROOT/images/target/brain-staff-page.png" founder@acme.example || fail "the staff page in chromium"
ok "the staff page in chromium (images/target/brain-staff-page.png)"
echo "brain image: $PASS checks passed"
