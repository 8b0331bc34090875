#!/usr/bin/env bash
# Builds the stack's Debian base image from scratch (no Docker Hub): debootstrap --variant=minbase of
# Debian trixie from this machine's own mirror, imported into the engine as adaptive/debian-base:trixie.
# zstd is in every image: the console's backups compress inside the containers (docker's stream is the
# narrow part). Reuses the image when it exists (REBUILD_BASE=1 rebuilds).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../lib.sh"
IMAGE="${BASE_IMAGE:-adaptive/debian-base:trixie}"

if [ -z "${REBUILD_BASE:-}" ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "base image $IMAGE exists; reusing it"
  exit 0
fi
MIRROR=$(debian_mirror)
ROOTFS=$(mktemp -d /tmp/adaptive-rootfs.XXXXXX)
trap 'rm -rf "$ROOTFS"' EXIT
echo "debootstrap trixie (minbase) from $MIRROR"
debootstrap --variant=minbase --include=ca-certificates,zstd trixie "$ROOTFS" "$MIRROR" > "$ROOTFS.log" 2>&1 || {
  tail -30 "$ROOTFS.log" >&2; exit 1; }
# Keep the image small and reproducible enough: no apt lists, no caches, no logs.
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/cache/apt/archives/*.deb \
       "$ROOTFS"/var/log/* "$ROOTFS"/tmp/* "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* \
       "$ROOTFS"/usr/share/locale/* "$ROOTFS"/usr/share/info/*
cat > "$ROOTFS/etc/apt/apt.conf.d/90adaptive" <<'CONF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Retries "3";
CONF
tar -C "$ROOTFS" --numeric-owner -c . | docker import \
  --change 'ENV LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive' \
  --change 'CMD ["/bin/bash"]' \
  --change 'LABEL org.opencontainers.image.title="Adaptive Startup Debian base" org.opencontainers.image.base.name="debian:trixie (debootstrap minbase)"' \
  - "$IMAGE" >/dev/null
rm -f "$ROOTFS.log"
echo "built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
