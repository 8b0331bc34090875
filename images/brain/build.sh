#!/usr/bin/env bash
# Builds the Brain's image (adaptive/brain:TAG, default: the project's version) from brain/target (mvn package) on the
# Java runtime of the stack's images (adaptive/java:<release>, made by images/build.sh; the newest one here is used).
#   images/brain/build.sh [--tag TAG]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAG=dev
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) TAG="$2"; shift 2 ;;
    *) echo "usage: images/brain/build.sh [--tag TAG]" >&2; exit 2 ;;
  esac
done
[ -f "$ROOT/brain/target/adaptive-brain.jar" ] || { echo "error: build the Brain first (mvn -pl brain -am package)" >&2; exit 2; }
JAVA_IMAGE=$(docker images adaptive/java --format '{{.Repository}}:{{.Tag}}' | sort -V | tail -n1)
[ -n "$JAVA_IMAGE" ] || { echo "error: no adaptive/java image here yet: run images/build.sh (or images/registry/fixture.sh up) first" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r "$ROOT/brain/target/adaptive-brain.jar" "$ROOT/brain/target/lib" "$ROOT/images/brain/Dockerfile" "$WORK/"
if ! docker build -t "adaptive/brain:$TAG" --build-arg JAVA_IMAGE="$JAVA_IMAGE" \
  --label org.opencontainers.image.title=adaptive-brain --label org.opencontainers.image.vendor="Adaptive Startup" \
  "$WORK" > "$WORK/build.log" 2>&1; then
  grep -v -e 'legacy builder is deprecated' -e 'buildx component' -e 'docs.docker.com/go/buildx' "$WORK/build.log" >&2
  exit 1
fi
echo "adaptive/brain:$TAG"
