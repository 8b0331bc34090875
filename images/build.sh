#!/usr/bin/env bash
# Builds every image of the stack for one release, optionally pushes them to a registry, and writes the
# signed release manifest (version, each image's repository and content digest, migrations, minimum
# version to update from). Runs on a machine with no Docker Hub: everything starts from the debootstrap
# base image (images/base/build.sh).
#
#   images/build.sh --version 1.1.0 [--registry 127.0.0.1:5000 --namespace acme \
#       --username vendor --password-file pw] [--sign-key vendor.private.pem] [--out DIR]
#       [--customer-id ID --brain-url URL --trusted-keys DIR]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
. "$HERE/lib.sh"
. "$ROOT/bin/lib/java.sh"
. "$ROOT/bin/lib/stages.sh"

VERSION="" REGISTRY="" NAMESPACE="adaptive" USERNAME="" PASSWORD_FILE="" SIGN_KEY="" OUT=""
CUSTOMER_ID="" BRAIN_URL="" TRUSTED_KEYS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) VERSION="$2"; shift 2 ;;
    --registry) REGISTRY="$2"; shift 2 ;;
    --namespace) NAMESPACE="$2"; shift 2 ;;
    --username) USERNAME="$2"; shift 2 ;;
    --password-file) PASSWORD_FILE="$2"; shift 2 ;;
    --sign-key) SIGN_KEY="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --customer-id) CUSTOMER_ID="$2"; shift 2 ;;
    --brain-url) BRAIN_URL="$2"; shift 2 ;;
    --trusted-keys) TRUSTED_KEYS="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$VERSION" ] || { echo "error: --version is required (e.g. 1.1.0)" >&2; exit 2; }
[ -f "$HERE/releases/$VERSION.json" ] || { echo "error: no release notes at images/releases/$VERSION.json" >&2; exit 2; }
if [ -n "$REGISTRY" ] && { [ -z "$USERNAME" ] || [ -z "$PASSWORD_FILE" ]; }; then
  echo "error: --registry needs --username and --password-file" >&2; exit 2
fi
OUT="${OUT:-$HERE/target/releases/$VERSION}"
mkdir -p "$OUT"
REPO_PREFIX="${REGISTRY:+$REGISTRY/}$NAMESPACE"
WORK="$HERE/target/context/$VERSION"
rm -rf "$WORK" && mkdir -p "$WORK"
find_java
REVISION=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)

stage "docker engine" ensure_dockerd
stage "base image" "$HERE/base/build.sh"

build_jars() {
  (cd "$ROOT" && mvn -B -q -DskipTests -Dserver.release="$VERSION" -pl server-bundle,images/storage -am package)
  mkdir -p "$WORK/backend" "$WORK/storage"
  cp -r "$ROOT/server-bundle/target/adaptive-server.jar" "$ROOT/server-bundle/target/lib" "$WORK/backend/"
  cp "$HERE/backend/Dockerfile" "$HERE/backend/adaptive-server" "$WORK/backend/"
  # S3Proxy without the cloud SDKs the filesystem backend never loads (44 MB -> 27 MB). jclouds' own
  # provider jars stay: S3Proxy loads their classes at start-up.
  mkdir -p "$WORK/storage/lib"
  find "$ROOT/images/storage/target/lib" -name '*.jar' \
    ! -name 'azure-*' ! -name 'google-cloud*' ! -name 'googlecloud*' ! -name 'aws-java-sdk*' ! -name 'b2-*' \
    ! -name 'atmos-*' ! -name 'glacier-*' ! -name 'reactor-*' ! -name 'netty-*' ! -name 'msal4j*' \
    -exec cp {} "$WORK/storage/lib/" \;
  cp "$HERE/storage/Dockerfile" "$HERE/storage/entrypoint.sh" "$HERE/storage/logback.xml" "$HERE/storage/train-aot.sh" \
    "$WORK/storage/"
}
stage "server and storage jars ($VERSION)" build_jars

build_web() {
  "$ROOT/server-bundle/web/build.sh"
  mkdir -p "$WORK/web"
  cp -r "$ROOT/server-bundle/web/dist" "$WORK/web/site"
  cp "$HERE/web/Dockerfile" "$HERE/web/"*.conf "$HERE/web/entrypoint.sh" "$WORK/web/"
}
stage "web front end ($VERSION)" build_web

jlink_runtime() {
  local rt="$HERE/target/runtime"
  if [ ! -x "$rt/bin/java" ] || [ "$HERE/java/modules" -nt "$rt/release" ]; then
    rm -rf "$rt"
    "$JAVA_HOME/bin/jlink" --add-modules "$(grep -v '^#' "$HERE/java/modules")" --strip-debug --no-man-pages \
      --generate-cds-archive \
      --no-header-files --compress=zip-6 --output "$rt"
  fi
  mkdir -p "$WORK/java" && cp -r "$rt" "$WORK/java/runtime" && cp "$HERE/java/Dockerfile" "$WORK/java/"
}
stage "java runtime (jlink)" jlink_runtime

# quietly: docker build, with its output shown only when it fails
quietly() {
  local log
  log=$(mktemp)
  if ! "$@" > "$log" 2>&1; then
    grep -v -e 'legacy builder is deprecated' -e 'buildx component' -e 'docs.docker.com/go/buildx' "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# build_image SERVICE CONTEXT VERSION REVISION CREATED: the image, with the OCI labels
build_image() {
  local service="$1" context="$2" version="$3" revision="$4" created="$5"
  quietly docker build -t "$REPO_PREFIX/$service:$VERSION" \
    --build-arg JAVA_IMAGE="adaptive/java:$VERSION" \
    --label org.opencontainers.image.title="adaptive-$service" \
    --label org.opencontainers.image.version="$version" \
    --label org.opencontainers.image.revision="$revision" \
    --label org.opencontainers.image.created="$created" \
    --label org.opencontainers.image.source="adaptive-startup-selfhosted/images/$service" \
    --label org.opencontainers.image.vendor="Adaptive Startup" \
    --label com.adaptivestartup.service="$service" \
    "$context"
}

# build_app_image SERVICE CONTEXT: an app image (the server, the web front), labelled with this release.
build_app_image() {
  build_image "$1" "$2" "$VERSION" "$REVISION" "$CREATED"
}

# build_data_image SERVICE CONTEXT FOLDER...: a data service's image (PostgreSQL, Redis, the object store),
# labelled with the last commit that changed the folders it is made from, never with the release: built from
# the same sources it is the same image (the same content id) in every release, so an update that does not
# change PostgreSQL leaves its container running, as a vendor's unchanged postgres image would (decision 0020).
build_data_image() {
  local service="$1" context="$2" revision date
  shift 2
  revision=$(git -C "$ROOT" log -1 --format=%h --abbrev=12 -- "$@" 2>/dev/null || true)
  date=$(TZ=UTC git -C "$ROOT" log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ -- "$@" 2>/dev/null || true)
  build_image "$service" "$context" "${revision:-unknown}" "${revision:-unknown}" "${date:-unknown}"
}
SERVICES=(backend web postgres redis storage)
# The single-container edition (SQLite) begins with release 1.2.0; its image is published beside the stack's,
# and is not one of the stack's services.
SINGLE=""
if [ "$(printf '%s\n%s\n' 1.2.0 "$VERSION" | sort -V | head -n1)" = 1.2.0 ]; then SINGLE=1; fi

# single_context: the single container's build context, from the backend's and the web front end's: a Java runtime
# of its own (without java.desktop, and without the class-data archive for heaps over 32 GB, which a 192 MB heap
# never uses), SQLite's driver with this machine's native library only (the jar carries 24; packaging's SlimJars,
# as the console's installers), and nginx's configuration from images/web's with the server on 127.0.0.1:8081 and
# the site on port 80.
single_context() {
  local ctx="$WORK/single" rt="$HERE/target/runtime-single"
  if [ ! -x "$rt/bin/java" ] || [ "$HERE/single/modules" -nt "$rt/release" ]; then
    rm -rf "$rt"
    "$JAVA_HOME/bin/jlink" --add-modules "$(grep -v '^#' "$HERE/single/modules")" --strip-debug --no-man-pages \
      --generate-cds-archive --no-header-files --compress=zip-6 --output "$rt"
    rm -f "$rt/lib/server/classes_nocoops.jsa"
  fi
  mkdir -p "$ctx"
  cp -r "$rt" "$ctx/runtime"
  cp -r "$WORK/backend/adaptive-server.jar" "$WORK/backend/lib" "$ctx/"
  local arch
  case "$(uname -m)" in aarch64|arm64) arch=aarch64 ;; *) arch=x86_64 ;; esac
  "$JAVA" "$ROOT/packaging/jpackage/tools/SlimJars.java" "$ctx/lib" linux "$arch" >/dev/null
  # SQLite's native library taken out of its jar here, so the server loads it from the image (read-only) instead of
  # writing it into /tmp at each start: the console runs the container with a read-only root and a noexec /tmp.
  local native="$ctx/native" jar
  jar=$(ls "$ctx"/lib/sqlite-jdbc-*.jar)
  mkdir -p "$native"
  (cd "$native" && "$JAVA_HOME/bin/jar" xf "$jar" "org/sqlite/native/Linux/$arch/libsqlitejdbc.so")
  mv "$native/org/sqlite/native/Linux/$arch/libsqlitejdbc.so" "$native/" && rm -rf "$native/org"
  cp -r "$WORK/web/site" "$ctx/site"
  sed -e 's|include /tmp/nginx/site.conf;|include /etc/nginx/site.conf;|' -e '/include \/tmp\/nginx\/network.conf;/d' \
    -e '/name server asked per request/,/count people, not the proxy/d' "$HERE/web/nginx.conf" > "$ctx/nginx.conf"
  sed -e 's|include /tmp/nginx/backend.conf;|set $backend http://127.0.0.1:8081;|' -e '/entrypoint writes it/d' \
    "$HERE/web/app.conf" > "$ctx/app.conf"
  sed -e 's|listen 8080;|listen 80;|' -e '/acme-challenge/d' -e '/ACME/d' "$HERE/web/http.conf" > "$ctx/site.conf"
  cp "$HERE/single/Dockerfile" "$HERE/single/entrypoint.sh" "$ctx/"
}

build_all() {
  quietly docker build -t "adaptive/java:$VERSION" "$WORK/java"
  build_app_image backend "$WORK/backend"
  build_data_image storage "$WORK/storage" images/storage images/java images/base
  build_data_image postgres "$HERE/postgres" images/postgres images/base
  build_data_image redis "$HERE/redis" images/redis images/base
  build_app_image web "$WORK/web"
  if [ -n "$SINGLE" ]; then
    single_context
    build_app_image single "$WORK/single"
  fi
  if [ -n "$CUSTOMER_ID" ]; then
    # The customer layer: the same generic backend, plus this customer's instance id, Brain URL and
    # vendor public keys as configuration (no secrets).
    local ctx="$WORK/customer"
    mkdir -p "$ctx/vendor-keys"
    cp "$HERE/customer/Dockerfile" "$ctx/"
    if [ -n "$TRUSTED_KEYS" ]; then   # public keys only, chosen by content: a private key never enters an image
      grep -l -- '-----BEGIN PUBLIC KEY-----' "$TRUSTED_KEYS"/*.pem 2>/dev/null | xargs -r cp -t "$ctx/vendor-keys/"
    fi
    printf '{"customerId":"%s","instanceId":"%s","brainUrl":"%s"}\n' "$CUSTOMER_ID" \
      "$(cat /proc/sys/kernel/random/uuid)" "$BRAIN_URL" > "$ctx/customer.json"
    quietly docker build -t "$REPO_PREFIX/backend:$VERSION" --build-arg BACKEND_IMAGE="$REPO_PREFIX/backend:$VERSION" \
      --label com.adaptivestartup.customer="$CUSTOMER_ID" "$ctx"
    if [ -n "$SINGLE" ]; then   # the single container's server reads the same configuration
      quietly docker build -t "$REPO_PREFIX/single:$VERSION" --build-arg BACKEND_IMAGE="$REPO_PREFIX/single:$VERSION" \
        --label com.adaptivestartup.customer="$CUSTOMER_ID" "$ctx"
    fi
  fi
}
stage "images" build_all

declare -A DIGESTS
publish() {
  docker login "$REGISTRY" --username "$USERNAME" --password-stdin < "$PASSWORD_FILE" >/dev/null
  local s
  for s in "${SERVICES[@]}"; do
    docker push -q "$REPO_PREFIX/$s:$VERSION" >/dev/null
    DIGESTS[$s]=$(docker image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$REPO_PREFIX/$s:$VERSION" \
      | grep "^$REPO_PREFIX/$s@" | head -n1 | cut -d@ -f2)
  done
  if [ -n "$SINGLE" ]; then
    docker push -q "$REPO_PREFIX/single:$VERSION" >/dev/null
    DIGESTS[single]=$(docker image inspect -f '{{range .RepoDigests}}{{println .}}{{end}}' "$REPO_PREFIX/single:$VERSION" \
      | grep "^$REPO_PREFIX/single@" | head -n1 | cut -d@ -f2)
  fi
  docker logout "$REGISTRY" >/dev/null
}
if [ -n "$REGISTRY" ]; then
  stage "push to $REGISTRY" publish
else
  for s in "${SERVICES[@]}" single; do DIGESTS[$s]=""; done
fi

# stack_template VERSION: the compose file the release ships. A release keeps the stack's shape it was made
# with: server-bundle/src/main/stack/frozen/upto-X.yml serves every version up to X; newer ones take the
# current template.
stack_template() {
  local v="$1" f upto
  for f in $(ls "$ROOT/server-bundle/src/main/stack/frozen/"upto-*.yml 2>/dev/null | sort -V); do
    upto=$(basename "$f" .yml); upto="${upto#upto-}"
    if [ "$(printf '%s\n%s\n' "$v" "$upto" | sort -V | head -n1)" = "$v" ]; then echo "$f"; return 0; fi
  done
  echo "$ROOT/server-bundle/src/main/stack/docker-compose.yml"
}

write_manifest() {
  local schema migrations images="" s listed=("${SERVICES[@]}")
  [ -n "$SINGLE" ] && listed+=(single)
  schema=$("$JAVA" -jar "$ROOT/server-bundle/target/adaptive-server.jar" version | sed -E 's/.*"schemaVersion":"([0-9]+)".*/\1/')
  migrations=$(ls "$ROOT/server-bundle/src/main/resources/db/migration" | sed -E 's/^V([0-9]+)__.*/\1/' | sort -n \
    | awk -v max="$schema" '$1 <= max { printf "%s\"%s\"", sep, $1; sep="," }')
  for s in "${listed[@]}"; do
    images="$images${images:+,}\"$s\":{\"repository\":\"$NAMESPACE/$s\",\"tag\":\"$VERSION\",\"digest\":\"${DIGESTS[$s]}\",\"id\":\"$(docker image inspect -f '{{.Id}}' "$REPO_PREFIX/$s:$VERSION")\",\"size\":$(docker image inspect -f '{{.Size}}' "$REPO_PREFIX/$s:$VERSION")}"
  done
  local notes
  notes=$(cat "$HERE/releases/$VERSION.json")
  local compose
  compose=$(jq -Rs . < "$(stack_template "$VERSION")")
  # The release's other editions: from 1.2.0 the single container, with its own template (its image is listed above
  # and pulled only for it).
  local editions=""
  [ -n "$SINGLE" ] && editions=",\"editions\":{\"single\":$(jq -Rs . < "$ROOT/server-bundle/src/main/stack/single.yml")}"
  # A release built for one customer (their configuration in its images) names them: another customer's license
  # is refused for it.
  local customer=""
  [ -n "$CUSTOMER_ID" ] && customer=",\"customerId\":\"$CUSTOMER_ID\""
  printf '{"schema":1,"version":"%s","createdAt":"%s","revision":"%s","schemaVersion":"%s","migrations":[%s],"images":{%s},"release":%s,"stack":{"compose":%s%s}%s}\n' \
    "$VERSION" "$CREATED" "$REVISION" "$schema" "$migrations" "$images" "$notes" "$compose" "$editions" "$customer" > "$OUT/release-$VERSION.json"
  if [ -n "$SIGN_KEY" ]; then
    "$ROOT/bin/adaptive-vendor" sign --kind release-manifest --key "$SIGN_KEY" --in "$OUT/release-$VERSION.json" \
      --out "$OUT/release-$VERSION.asr"
  fi
}
stage "release manifest" write_manifest

echo
echo "release $VERSION:"
for s in "${SERVICES[@]}"; do
  printf '  %-9s %-45s %8s  %s\n' "$s" "$REPO_PREFIX/$s:$VERSION" \
    "$(docker image inspect -f '{{.Size}}' "$REPO_PREFIX/$s:$VERSION" | awk '{printf "%.0f MB", $1/1e6}')" "${DIGESTS[$s]}"
done
if [ -n "$SINGLE" ]; then
  printf '  %-9s %-45s %8s  %s (single-container edition)\n' single "$REPO_PREFIX/single:$VERSION" \
    "$(docker image inspect -f '{{.Size}}' "$REPO_PREFIX/single:$VERSION" | awk '{printf "%.0f MB", $1/1e6}')" \
    "${DIGESTS[single]}"
fi
echo "manifest: $OUT/release-$VERSION.json${SIGN_KEY:+ (signed: $OUT/release-$VERSION.asr)}"
stages_summary
