# The Brain's image started with its PostgreSQL (sourced by bin/lib/demo-brain.sh and images/registry/fixture.sh; the
# image's own proof, images/test/brain-image-test.sh, spells every flag out on purpose).
#   brain_secrets DIR VENDOR_KEY [NAME...]   the secrets a Brain reads, made once in DIR: the vendor key copied, the
#                                            registry token's key and certificate, and a random value for each of
#                                            registry-secret db-password staff-key stripe-secret vendor-registry-password
#                                            and the NAMEs given. Read by the Brain's own user in its container, so
#                                            readable by all: DIR is the caller's own.
#   brain_run NAME LABEL NETWORK PORT DIR PG_IMAGE REGISTRY STAFF_EMAIL [DOCKER-RUN-ARGS...]
#                                            PostgreSQL as NAME-db and the Brain (adaptive/brain:$BRAIN_TAG) as NAME on
#                                            127.0.0.1:PORT, on NETWORK, labelled LABEL, issuing tokens for REGISTRY; each
#                                            started unless it runs, and again after the engine restarts (a reboot, a
#                                            Docker upgrade); waits until the Brain is healthy. DOCKER-RUN-ARGS go
#                                            to the Brain's container (more settings); BRAIN_DB_VOLUME keeps the database.

brain_secrets() {
  local dir="$1" key="$2" f
  shift 2
  mkdir -p "$dir"
  cp "$key" "$dir/vendor.pem"
  for f in registry-secret db-password staff-key stripe-secret vendor-registry-password "$@"; do
    [ -s "$dir/$f" ] || openssl rand -hex 24 | tr -d '\n' > "$dir/$f"
  done
  grep -q '^whsec_' "$dir/stripe-secret" || sed -i 's/^/whsec_/' "$dir/stripe-secret"
  if [ ! -s "$dir/token.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/token.key" -out "$dir/token.crt" -days 3650 \
      -subj /CN=adaptive-brain 2>/dev/null
  fi
  chmod 0755 "$dir"
  chmod 0644 "$dir"/*
}

brain_healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$1" 2>/dev/null)" = healthy ]; }

brain_run() {
  local name="$1" label="$2" net="$3" port="$4" dir="$5" pg="$6" registry="$7" staff="$8" health=starting
  shift 8
  docker network inspect "$net" >/dev/null 2>&1 || docker network create --label "$label" "$net" >/dev/null
  if [ -z "$(docker ps -q --filter "name=^$name-db$")" ]; then
    docker rm -f -v "$name-db" >/dev/null 2>&1 || true
    docker run -d --name "$name-db" --label "$label" --network "$net" --network-alias brain-db --restart unless-stopped \
      ${BRAIN_DB_VOLUME:+-v "$BRAIN_DB_VOLUME:/var/lib/postgresql/data"} -v "$dir/db-password:/run/secrets/db-password:ro" \
      -e POSTGRES_USER=brain -e POSTGRES_DB=brain -e POSTGRES_PASSWORD_FILE=/run/secrets/db-password "$pg" >/dev/null
    for _ in $(seq 1 120); do
      docker exec "$name-db" pg_isready -h 127.0.0.1 -U brain -d brain -q 2>/dev/null && break
      sleep 0.5
    done
  fi
  if [ -z "$(docker ps -q --filter "name=^$name$")" ]; then
    docker rm -f "$name" >/dev/null 2>&1 || true
    docker run -d --name "$name" --label "$label" --network "$net" -p "127.0.0.1:$port:8090" --restart unless-stopped \
      --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges -v "$dir:/run/secrets:ro" \
      -e BRAIN_DATABASE_URL=jdbc:postgresql://brain-db:5432/brain -e BRAIN_DATABASE_USER=brain \
      -e BRAIN_DATABASE_PASSWORD_FILE=/run/secrets/db-password -e STRIPE_WEBHOOK_SECRET_FILE=/run/secrets/stripe-secret \
      -e BRAIN_VENDOR_KEY_FILE=/run/secrets/vendor.pem -e BRAIN_REGISTRY_URL="$registry" \
      -e BRAIN_REGISTRY_SECRET_FILE=/run/secrets/registry-secret \
      -e BRAIN_TOKEN_KEY_FILE=/run/secrets/token.key -e BRAIN_TOKEN_CERTIFICATE_FILE=/run/secrets/token.crt \
      -e BRAIN_VENDOR_REGISTRY_USER=vendor -e BRAIN_VENDOR_REGISTRY_PASSWORD_FILE=/run/secrets/vendor-registry-password \
      -e BRAIN_FIRST_STAFF_EMAIL="$staff" -e BRAIN_FIRST_STAFF_KEY_FILE=/run/secrets/staff-key \
      "$@" "adaptive/brain:${BRAIN_TAG:-dev}" >/dev/null
  fi
  for _ in $(seq 1 180); do
    health=$(docker inspect -f '{{.State.Health.Status}}' "$name" 2>/dev/null || echo gone)
    [ "$health" = healthy ] && return 0
    { [ "$health" = gone ] || [ "$health" = unhealthy ]; } && break
    sleep 0.5
  done
  docker logs "$name" 2>&1 | tail -n 20 >&2
  echo "error: the Brain ($name) is $health" >&2
  return 1
}
