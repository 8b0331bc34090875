# The demo's Brain (sourced by bin/demo): the vendor's real control plane, its image (images/brain) with PostgreSQL, on
# 127.0.0.1:$BRAIN_PORT; beside it what the vendor has in the world, played on this machine: a registry on token
# authentication (127.0.0.1:$DEMO_REGISTRY_PORT, the Brain its only authority), GitHub's API and a mail server
# (bin/lib/DemoVendor.java, on the demo network's gateway only) and the image pipeline (bin/lib/demo-build.sh).
# The demo customer signs up with a Stripe event signed as Stripe signs it; the Brain provisions them (their images
# pushed under their name, their release signed onto their channel) and mails the license into $DEMO/mailbox.
# Everything is labelled com.adaptivestartup.demo=brain and kept between runs (the Brain's database in a volume).
. "$ROOT/images/brain/run.sh"

BRAIN_PORT="${BRAIN_PORT:-8089}"
DEMO_REGISTRY_PORT="${DEMO_REGISTRY_PORT:-5001}"
DEMO_GITHUB_PORT="${DEMO_GITHUB_PORT:-8091}"
DEMO_SMTP_PORT="${DEMO_SMTP_PORT:-2525}"
BRAIN_NET=adaptive-demo-brain
BRAIN_LABEL=com.adaptivestartup.demo=brain

brain_registry() {   # the demo's registry, on token authentication against the Brain
  local dir="$DEMO/brain/registry"
  mkdir -p "$dir"
  cat > "$dir/registry.yml" <<CONF
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $dir/data }, delete: { enabled: true } }
http: { addr: "127.0.0.1:$DEMO_REGISTRY_PORT" }
auth:
  token:
    realm: http://127.0.0.1:$BRAIN_PORT/v2/token
    service: adaptive-registry
    issuer: adaptive-brain
    rootcertbundle: $DEMO/brain/secrets/token.crt
CONF
  if [ -f "$dir/registry.pid" ] && kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null; then return 0; fi
  (nohup docker-registry serve "$dir/registry.yml" > "$dir/registry.log" 2>&1 & echo $! > "$dir/registry.pid")
  for _ in $(seq 1 50); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$DEMO_REGISTRY_PORT/v2/")" = 401 ] && return 0
    sleep 0.2
  done
  echo "error: the demo registry did not start; see $dir/registry.log" >&2
  return 1
}

brain_world() {   # GitHub's API and the mail server, on the demo network's gateway (the Brain's container reaches them)
  local gateway="$1"
  if [ -f "$DEMO/brain/vendor.pid" ] && kill -0 "$(cat "$DEMO/brain/vendor.pid")" 2>/dev/null; then return 0; fi
  cat > "$DEMO/brain/pipeline.env" <<ENV
REGISTRY=127.0.0.1:$DEMO_REGISTRY_PORT
SECRETS=$DEMO/brain/secrets
RELEASE_JSON=${FIXTURE_RELEASE_1_2_0%.asr}.json
FIXTURE_REGISTRY=$FIXTURE_REGISTRY
BRAIN_URL=http://127.0.0.1:$BRAIN_PORT
ENV
  (nohup "$JAVA" "$ROOT/bin/lib/DemoVendor.java" "$gateway" "$DEMO_GITHUB_PORT" "$DEMO_SMTP_PORT" "$DEMO/mailbox" \
    "$ROOT/bin/lib/demo-build.sh" "$DEMO/brain/pipeline.log" > "$DEMO/brain/vendor.log" 2>&1 & echo $! > "$DEMO/brain/vendor.pid")
  for _ in $(seq 1 100); do
    grep -q "demo mail server" "$DEMO/brain/vendor.log" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "error: the demo's GitHub and mail server did not start; see $DEMO/brain/vendor.log" >&2
  return 1
}

brain_start() {   # brain_start: the Brain (its image, PostgreSQL) and its world, unless they run
  local s="$DEMO/brain/secrets" gateway
  BRAIN_TAG=demo
  "$ROOT/images/brain/build.sh" --tag "$BRAIN_TAG" >/dev/null
  brain_secrets "$s" "$FIXTURE_VENDOR_PRIVATE_KEY" callback-secret github-token   # the vendor key is the fixture's
  docker network inspect "$BRAIN_NET" >/dev/null 2>&1 || docker network create --label "$BRAIN_LABEL" "$BRAIN_NET" >/dev/null
  gateway=$(docker network inspect "$BRAIN_NET" -f '{{(index .IPAM.Config 0).Gateway}}')
  brain_registry
  brain_world "$gateway"
  BRAIN_DB_VOLUME=adaptive-demo-brain-data brain_run adaptive-demo-brain "$BRAIN_LABEL" "$BRAIN_NET" "$BRAIN_PORT" "$s" \
    "$FIXTURE_REGISTRY/$FIXTURE_NAMESPACE/postgres:1.2.0" "127.0.0.1:$DEMO_REGISTRY_PORT" ops@demo.example \
    -e BRAIN_GITHUB_REPOSITORY=demo/adaptive-images -e BRAIN_GITHUB_API="http://$gateway:$DEMO_GITHUB_PORT" \
    -e BRAIN_GITHUB_TOKEN_FILE=/run/secrets/github-token -e BRAIN_BUILD_CALLBACK_SECRET_FILE=/run/secrets/callback-secret \
    -e BRAIN_SMTP_HOST="$gateway" -e BRAIN_SMTP_PORT="$DEMO_SMTP_PORT" -e BRAIN_MAIL_FROM="Adaptive Startup <hello@demo.example>" \
    -e BRAIN_CONSOLE_DOWNLOAD="http://127.0.0.1:$BRAIN_PORT/console"
  echo "the Brain on http://127.0.0.1:$BRAIN_PORT (staff page: /staff)"
}

brain_stripe() {   # brain_stripe TYPE OBJECT-JSON: a Stripe event, signed as Stripe signs it, delivered to the Brain
  local t payload sig
  t=$(date +%s)
  payload=$(jq -cn --arg type "$1" --argjson object "$2" --argjson t "$t" --arg id "evt_demo$(openssl rand -hex 8)" \
    '{id: $id, object: "event", type: $type, created: $t, data: {object: $object}}')
  sig=$(printf '%s.%s' "$t" "$payload" | openssl dgst -sha256 -hmac "$(cat "$DEMO/brain/secrets/stripe-secret")" -hex | sed 's/^.* //')
  curl -fsS -H "Stripe-Signature: t=$t,v1=$sig" -H 'Content-Type: application/json' --data-binary "$payload" \
    "http://127.0.0.1:$BRAIN_PORT/stripe/webhook" >/dev/null
}

signed_body() {   # signed_body < DOCUMENT: a compact signed document's body (its middle part), read without trusting it
  local p
  p=$(tr -d '\n' | cut -d. -f2 | tr '_-' '/+')
  while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
  printf '%s' "$p" | base64 -d | jq '.body'
}

brain_signup() {   # brain_signup: the demo customer subscribes; their license arrives by mail, their release on their channel
  local period mail customer
  if [ -s "$DEMO/demo-customer.lic" ] && [ -s "$DEMO/release-1.2.0.asr" ] \
     && bin/adaptivectl license verify "$DEMO/demo-customer.lic" >/dev/null 2>&1; then
    echo "the demo customer has their license already ($DEMO/demo-customer.lic)"
    return 0
  fi
  rm -f "$DEMO/mailbox/"*.eml
  period=$(( $(date +%s) + 30 * 86400 ))
  brain_stripe customer.created '{"id": "cus_demo", "object": "customer", "email": "admin@demo.example", "name": "Demo Company"}'
  brain_stripe customer.subscription.created "{\"id\": \"sub_demo$(date +%s)\", \"object\": \"subscription\",
    \"customer\": \"cus_demo\", \"status\": \"active\", \"quantity\": 5, \"current_period_end\": $period,
    \"metadata\": {\"edition\": \"standard\"}}"
  echo "signed up; the Brain provisions (the images pushed under the customer's name: $DEMO/brain/pipeline.log)"
  for _ in $(seq 1 600); do
    mail=$(ls "$DEMO/mailbox/"*.eml 2>/dev/null | head -n1 || true)
    [ -n "$mail" ] && break
    sleep 1
  done
  [ -n "$mail" ] || { echo "error: no welcome mail within 10 minutes; see $DEMO/brain/pipeline.log and the staff page" >&2; return 1; }
  echo "the welcome mail: $mail"
  sed -e ':a' -e '/=\r\?$/{N; s/=\r\?\n//; ba}' "$mail" | grep -o 'ASL1\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*' | head -n1 \
    > "$DEMO/demo-customer.lic"
  [ -s "$DEMO/demo-customer.lic" ] || { echo "error: no license key in $mail" >&2; return 1; }
  customer=$(signed_body < "$DEMO/demo-customer.lic" | jq -r '.customer.id')
  curl -fsS "http://127.0.0.1:$BRAIN_PORT/v1/channels/stable-$customer" | signed_body \
    | jq -r '.releases[] | select(.version == "1.2.0") | .manifest' > "$DEMO/release-1.2.0.asr"
  [ -s "$DEMO/release-1.2.0.asr" ] || { echo "error: release 1.2.0 is not on the customer's channel" >&2; return 1; }
}

brain_notice() {   # brain_notice: vendor staff sign in and put a notice on every channel
  local session="$DEMO/brain/staff-session.json"
  bin/adaptive-vendor brain sign-in --url "http://127.0.0.1:$BRAIN_PORT" --email ops@demo.example \
    --key-file "$DEMO/brain/secrets/staff-key" --session "$session" >/dev/null
  bin/adaptive-vendor brain notice add --session "$session" --id demo-welcome --severity info \
    --title "Welcome to the Adaptive Startup demo" \
    --body "This notice comes from the demo's Brain, added by its staff and signed into your channel." \
    --expires "$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)"
}

brain_stop() {   # brain_stop: everything the demo's Brain made (bin/demo --clean)
  local pid
  docker rm -f -v adaptive-demo-brain adaptive-demo-brain-db >/dev/null 2>&1 || true
  docker volume rm adaptive-demo-brain-data >/dev/null 2>&1 || true
  docker network rm "$BRAIN_NET" >/dev/null 2>&1 || true
  for pid in "$DEMO/brain/vendor.pid" "$DEMO/brain/registry/registry.pid"; do
    [ -f "$pid" ] && { kill "$(cat "$pid")" 2>/dev/null || true; rm -f "$pid"; }
  done
  docker images --format '{{.Repository}}:{{.Tag}}' | grep "^127.0.0.1:$DEMO_REGISTRY_PORT/" | xargs -r docker rmi >/dev/null 2>&1 || true
  docker rmi adaptive/brain:demo >/dev/null 2>&1 || true
}
