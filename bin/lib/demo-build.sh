#!/usr/bin/env bash
# The demo's image pipeline (what the vendor's build_docker_image workflow does, on this machine), started by the demo's
# GitHub (bin/lib/DemoVendor.java) when the Brain dispatches it: the customer's images (release 1.2.0's, from the
# fixture) pushed under the customer's name into the demo's registry with the vendor's build account (its token from
# the Brain), then the report to the Brain with the release to sign.
#   bin/lib/demo-build.sh CUSTOMER JOB      (reads $DEMO/brain/pipeline.env)
set -euo pipefail
CUSTOMER="$1" JOB="$2"
DEMO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.demo"
. "$DEMO/brain/pipeline.env"
echo "$(date -u +%H:%M:%S) building $CUSTOMER's images for job $JOB"
export DOCKER_CONFIG="$DEMO/brain/docker-config"
mkdir -p "$DOCKER_CONFIG"
docker login "$REGISTRY" -u vendor --password-stdin < "$SECRETS/vendor-registry-password" >/dev/null
release=$(jq --arg c "$CUSTOMER" '.customerId = $c' "$RELEASE_JSON")
for service in $(jq -r '.images | keys[]' <<< "$release"); do
  source_repo=$(jq -r --arg s "$service" '.images[$s].repository' <<< "$release")
  target="$REGISTRY/$CUSTOMER/$service:1.2.0"
  docker tag "$FIXTURE_REGISTRY/$source_repo:1.2.0" "$target"
  digest=$(docker push "$target" | sed -n 's/.*digest: \(sha256:[0-9a-f]\{64\}\).*/\1/p' | tail -n1)
  [ -n "$digest" ] || { echo "the push of $target said no digest" >&2; exit 1; }
  release=$(jq --arg s "$service" --arg r "$CUSTOMER/$service" --arg d "$digest" \
    '.images[$s].repository = $r | .images[$s].digest = $d' <<< "$release")
  echo "  $target $digest"
done
jq -n --argjson r "$release" '{version: $r.version, images: $r.images, release: $r}' > "$DEMO/brain/report-$JOB.json"
curl -fsS -H "Authorization: Bearer $(cat "$SECRETS/callback-secret")" -H 'Content-Type: application/json' \
  --data-binary "@$DEMO/brain/report-$JOB.json" "$BRAIN_URL/v1/builds/$JOB/complete"
echo
echo "$(date -u +%H:%M:%S) reported job $JOB to the Brain"
