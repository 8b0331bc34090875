#!/usr/bin/env bash
# End-to-end proof of the image supply chain, on the real engine and the fixture's registry:
# the signed release manifest verifies (and a tampered one does not); wrong credentials are refused;
# the customer's credentials pull every image by digest; each pulled image's digest matches the signed
# manifest; each image starts alone and its HEALTHCHECK turns healthy; images run as non-root and carry
# their OCI labels. Ends with the line "N passed, N failed".
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMAGES="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$IMAGES/.." && pwd)"
ENV_FILE="$IMAGES/target/fixture/fixture.env"
[ -f "$ENV_FILE" ] || { echo "error: run images/registry/fixture.sh up first" >&2; exit 2; }
. "$ENV_FILE"
VERSION="${1:-1.0.0}"
MANIFEST_VAR="FIXTURE_RELEASE_${VERSION//./_}"
MANIFEST="${!MANIFEST_VAR}"
PASSED=0 FAILED=0
WORK=$(mktemp -d)
export DOCKER_CONFIG="$WORK/docker-config"   # our own login state, never the user's
mkdir -p "$DOCKER_CONFIG"
cleanup() {
  docker ps -aq --filter label=com.adaptivestartup.test=images | xargs -r docker rm -f -v >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); echo "PASS  $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL  $1${2:+: $2}"; }
check() { local name="$1"; shift; if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name"; fi; }

# 1. The signed manifest.
if "$ROOT/bin/adaptive-vendor" verify --kind release-manifest --trust "$FIXTURE_VENDOR_PUBLIC_KEY" "$MANIFEST" \
     > "$WORK/manifest.json" 2>"$WORK/verify.err"; then
  pass "release $VERSION manifest verifies with the vendor key"
else
  fail "release $VERSION manifest verifies with the vendor key" "$(cat "$WORK/verify.err")"
fi
tampered="$WORK/tampered.asr"
sed -E '/^-----BEGIN/,/^-----END/{/^-----/!{0,/[A-Za-z0-9]/s/([A-Za-z0-9])([A-Za-z0-9_-]*)$/\2\1/}}' "$MANIFEST" > "$tampered"
if cmp -s "$tampered" "$MANIFEST"; then fail "tampering changed the file"
elif "$ROOT/bin/adaptive-vendor" verify --kind release-manifest --trust "$FIXTURE_VENDOR_PUBLIC_KEY" "$tampered" \
       >/dev/null 2>"$WORK/tampered.err"; then
  fail "a tampered manifest is refused"
else
  pass "a tampered manifest is refused ($(head -c 80 "$WORK/tampered.err"))"
fi
SERVICES=$(jq -r '.images | keys[]' "$WORK/manifest.json")
# From 1.2.0 the release is also the single container (its own image and template) beside the stack's five images.
EXPECTED=5
if jq -e '.stack.editions.single' "$WORK/manifest.json" >/dev/null; then
  EXPECTED=6
  jq -r '.stack.editions.single' "$WORK/manifest.json" | grep -q '${SINGLE_IMAGE}' \
    && pass "the release carries the single container's template, naming its image" \
    || fail "the release carries the single container's template"
fi
[ "$(echo "$SERVICES" | wc -w)" -eq "$EXPECTED" ] && pass "the manifest lists $EXPECTED images" \
  || fail "the manifest lists $EXPECTED images" "$SERVICES"
[ "$(jq -r .version "$WORK/manifest.json")" = "$VERSION" ] && pass "the manifest is for $VERSION" || fail "manifest version"

ref() { echo "$FIXTURE_REGISTRY/$(jq -r ".images.$1.repository" "$WORK/manifest.json")@$(jq -r ".images.$1.digest" "$WORK/manifest.json")"; }

# 2. Credentials: wrong ones are refused, none at all too; the customer's work.
# The images are taken off the engine first, so the pulls below are real; but never from under another stack (the
# demo's, a customer's) that runs them: those stay, and their pulls only re-check the digest with the registry.
for s in $SERVICES; do
  if [ -z "$(docker ps -aq --filter ancestor="$(ref "$s")")" ]; then
    docker image rm "$(ref "$s")" "$FIXTURE_REGISTRY/$FIXTURE_NAMESPACE/$s:$VERSION" >/dev/null 2>&1 || true
  fi
done
if out=$(echo "wrong-password" | docker login "$FIXTURE_REGISTRY" -u "$FIXTURE_CUSTOMER_USERNAME" --password-stdin 2>&1); then
  fail "a wrong registry password is refused"
else
  echo "$out" | grep -qi unauthorized && pass "a wrong registry password is refused (unauthorized)" \
    || fail "a wrong registry password is refused" "$out"
fi
if out=$(docker pull "$(ref backend)" 2>&1); then fail "pulling without credentials is refused"
else echo "$out" | grep -qiE 'no basic auth|unauthorized' && pass "pulling without credentials is refused" \
     || fail "pulling without credentials is refused" "$out"; fi
check "the customer's credentials log in" sh -c "docker login '$FIXTURE_REGISTRY' -u '$FIXTURE_CUSTOMER_USERNAME' --password-stdin < '$FIXTURE_CUSTOMER_PASSWORD_FILE'"

# 3. Pull by digest, and the digest matches the signed manifest.
for s in $SERVICES; do
  r=$(ref "$s")
  if docker pull -q "$r" >/dev/null 2>"$WORK/pull.err"; then
    digests=$(docker image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$r")
    echo "$digests" | grep -qx "$r" && pass "$s pulled by digest, digest matches the manifest" \
      || fail "$s digest matches the manifest" "$digests"
    # the tag taken off above, back: the end-to-end tests run the single image by its tag, as a person would
    docker tag "$r" "$FIXTURE_REGISTRY/$FIXTURE_NAMESPACE/$s:$VERSION"
  else
    fail "$s pulled by digest" "$(cat "$WORK/pull.err")"
  fi
done
# The customer's account is pull-only (the Brain's tokens): a push under their own name is refused.
probe="$FIXTURE_REGISTRY/$FIXTURE_NAMESPACE/push-probe-$$:$VERSION"
docker tag "$(ref backend)" "$probe"
if out=$(docker push "$probe" 2>&1); then fail "the customer's account cannot push" "$out"
else echo "$out" | grep -qiE 'denied|unauthorized|insufficient' && pass "the customer's account cannot push (refused)" \
     || fail "the customer's account cannot push" "$out"; fi
docker image rm "$probe" >/dev/null 2>&1 || true
docker logout "$FIXTURE_REGISTRY" >/dev/null 2>&1

# 4. Labels, users, no secrets in the image configuration.
for s in $SERVICES; do
  r=$(ref "$s")
  version=$(docker image inspect -f '{{index .Config.Labels "org.opencontainers.image.version"}}' "$r")
  revision=$(docker image inspect -f '{{index .Config.Labels "org.opencontainers.image.revision"}}' "$r")
  case "$s" in
    backend|web|single) [ "$version" = "$VERSION" ] && [ -n "$revision" ] \
      && pass "$s carries OCI version ($VERSION) and revision labels" || fail "$s carries OCI labels" "$version $revision" ;;
    *) # a data service: labelled with its own sources' revision, so unchanged it is the same image in every release
      [ -n "$version" ] && [ "$version" != "$VERSION" ] && [ "$version" = "$revision" ] \
      && pass "$s carries its own sources' revision ($revision) as version, not the release's" \
      || fail "$s carries its own revision as version" "$version $revision" ;;
  esac
  user=$(docker image inspect -f '{{.Config.User}}' "$r")
  [ -n "$user" ] && [ "$user" != "root" ] && [ "$user" != "0" ] && pass "$s runs as non-root ($user)" || fail "$s runs as non-root" "$user"
  docker image inspect -f '{{join .Config.Env "\n"}}' "$r" | grep -qiE '(PASSWORD|SECRET|TOKEN|KEY)=.' \
    && fail "$s has no secret in its configuration" || pass "$s has no secret in its configuration"
  [ -n "$(docker image inspect -f '{{if .Config.Healthcheck}}yes{{end}}' "$r")" ] && pass "$s has a HEALTHCHECK" || fail "$s has a HEALTHCHECK"
done

# 5. Each image alone turns healthy.
printf 'test-secret-%s' "$RANDOM$RANDOM" > "$WORK/secret" && chmod 644 "$WORK/secret"
chmod 755 "$WORK"
mkdir -p "$WORK/initdb" && chmod 755 "$WORK/initdb" && echo "CREATE TABLE from_initdb (id int);" > "$WORK/initdb/01-table.sql"
run() {  # run SERVICE docker-run-args...
  local s="$1"; shift
  docker run -d --label com.adaptivestartup.test=images --name "images-test-$s-$$" "$@" "$(ref "$s")" >/dev/null
}
T0=$(date +%s)
run postgres -v "$WORK/secret:/run/secrets/pg:ro" -v "$WORK/initdb:/docker-entrypoint-initdb.d:ro" \
  -e POSTGRES_PASSWORD_FILE=/run/secrets/pg -e POSTGRES_USER=adaptive -e POSTGRES_DB=adaptive
run redis -v "$WORK/secret:/run/secrets/redis:ro" -e REDIS_PASSWORD_FILE=/run/secrets/redis
run storage -v "$WORK/secret:/run/secrets/s3:ro" -e S3_ACCESS_KEY=test -e S3_SECRET_KEY_FILE=/run/secrets/s3
run backend -e POSTGRES_PASSWORD_FILE=/run/secrets/pg -v "$WORK/secret:/run/secrets/pg:ro" \
  -e S3_ACCESS_KEY=test -e S3_SECRET_KEY_FILE=/run/secrets/pg
run web
if echo "$SERVICES" | grep -qx single; then
  run single   # its data in the image's anonymous volume, removed with the container
fi
for s in $SERVICES; do
  name="images-test-$s-$$" status=""
  for _ in $(seq 1 240); do
    status=$(docker inspect -f '{{.State.Health.Status}}' "$name" 2>/dev/null)
    [ "$status" = "healthy" ] && break
    [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = "false" ] && break
    sleep 0.5
  done
  if [ "$status" = "healthy" ]; then pass "$s alone turns healthy (by $(( $(date +%s) - T0 )) s after the start)"
  else fail "$s alone turns healthy" "status '$status'; last log lines: $(docker logs --tail 5 "$name" 2>&1 | tr '\n' ' ')"; fi
done
check "postgres ran the initdb scripts and created the database" \
  docker exec "images-test-postgres-$$" psql -U adaptive -d adaptive -tAc "SELECT count(*) FROM from_initdb"
check "postgres refuses a wrong password over TCP" sh -c "! docker exec -e PGPASSWORD=wrong images-test-postgres-$$ psql -h 127.0.0.1 -U adaptive -d adaptive -c 'select 1'"
check "backend's one-off commands run through its entrypoint (version prints JSON)" \
  sh -c "docker run --rm --label com.adaptivestartup.test=images '$(ref backend)' version | grep -q '\"schemaVersion\"'"
check "backend serves with the AOT cache and the full JIT (no quick-start flags on the long-running server)" \
  sh -c "docker exec images-test-backend-$$ cat /proc/1/cmdline | tr '\\0' ' ' | grep -q 'AOTCache=/app/server.aot' \
    && ! docker exec images-test-backend-$$ cat /proc/1/cmdline | tr '\\0' ' ' | grep -q TieredStopAtLevel"
check "storage (S3Proxy) serves from the AOT cache trained at build (the JVM has it mapped)" \
  docker exec "images-test-storage-$$" grep -q /opt/s3proxy/s3proxy.aot /proc/1/maps
web_get() {  # web_get PATH: the raw HTTP response of the web container
  docker exec "images-test-web-$$" bash -c "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET $1 HTTP/1.0\r\n\r\n' >&3 && cat <&3"
}
web_get / > "$WORK/web-index" 2>&1 || true
grep -q 'id="root"' "$WORK/web-index" && grep -q 'src="/assets/' "$WORK/web-index" \
  && grep -qi "^Content-Security-Policy: default-src 'self'" "$WORK/web-index" \
  && pass "web serves the front end, with a content security policy" \
  || fail "web serves the front end, with a content security policy" "$(head -c 600 "$WORK/web-index")"
asset=$(grep -o 'src="/assets/[^"]*\.js"' "$WORK/web-index" | head -n1 | cut -d'"' -f2)
web_get "$asset" > "$WORK/web-asset" 2>&1 || true
head -n1 "$WORK/web-asset" | grep -q ' 200 ' && grep -qi '^Cache-Control: public, max-age=31536000, immutable' "$WORK/web-asset" \
  && pass "web serves its hashed scripts as immutable" || fail "web serves its hashed scripts as immutable" "$(head -c 400 "$WORK/web-asset")"
# In Kubernetes (docs/kubernetes.md) the web server finds the server by its Service's full name through the pod's
# name server, and trusts the Ingress controller's X-Forwarded-For; a bad setting stops it with a sentence.
docker run -d --label com.adaptivestartup.test=images --name "images-test-web-k8s-$$" -e RESOLVER=auto \
  -e BACKEND_URL=http://adaptive-backend.startup.svc.cluster.local:8080 -e REAL_IP_FROM=10.0.0.0/8,192.168.0.0/16 \
  "$(ref web)" >/dev/null
for _ in $(seq 1 40); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' "images-test-web-k8s-$$" 2>/dev/null)" = healthy ] && break; sleep 0.5
done
check "web in Kubernetes: healthy, the server's Service by its full name, the pod's name server, the proxies trusted" \
  sh -c "[ \"\$(docker inspect -f '{{.State.Health.Status}}' images-test-web-k8s-$$)\" = healthy ] \
    && docker exec images-test-web-k8s-$$ grep -qx 'set \$backend http://adaptive-backend.startup.svc.cluster.local:8080;' /tmp/nginx/backend.conf \
    && docker exec images-test-web-k8s-$$ grep -qx \"resolver \$(docker exec images-test-web-k8s-$$ awk '\$1 == \"nameserver\" {print \$2; exit}' /etc/resolv.conf) valid=2s ipv6=off;\" /tmp/nginx/network.conf \
    && docker exec images-test-web-k8s-$$ grep -qx 'set_real_ip_from 192.168.0.0/16;' /tmp/nginx/network.conf"
check "web refuses a proxy that is not an address, in words" \
  sh -c "docker run --rm --label com.adaptivestartup.test=images -e REAL_IP_FROM='10.0.0.0/8,evil;' '$(ref web)' 2>&1 \
    | grep -q \"REAL_IP_FROM has 'evil;', not an address or CIDR\""
check "redis requires its password" sh -c "docker exec images-test-redis-$$ redis-cli ping | grep -q NOAUTH"
if docker inspect -f '{{join .Config.Env " "}}' "images-test-postgres-$$" | grep -q "$(cat "$WORK/secret")"; then
  fail "docker inspect shows no secret (password passed by file)"
else
  pass "docker inspect shows no secret (password passed by file)"
fi

echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
