#!/usr/bin/env bash
# Offline bundles against what an admin does by hand to carry images to an air-gapped machine, on the five
# images of release 1.1.0, same run. Ours: `adaptive-vendor bundle build` (all images saved at once through
# the API, zstd, a signed index, fsynced) and `adaptivectl bundle load` (the whole file checked, then the
# images streamed into the engine, checked by content id, tagged). The peer: `docker save <images> | gzip`
# and `docker load -i`. The images are removed before each load. Alternating, RUNS times each (default 1:
# gzip is slow); prints the medians, the sizes and the ratios.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-1}" V=1.1.0
images/registry/fixture.sh up >/dev/null
. images/target/fixture/fixture.env
WORK=$(mktemp -d /tmp/adaptive-bench-bundle.XXXXXX)
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$WORK/console"
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ids=$(grep -o '"id":"sha256:[0-9a-f]*"' "${FIXTURE_RELEASE_1_1_0%.asr}.json" | cut -d'"' -f4)
bin/adaptive-vendor license issue --key "$FIXTURE_VENDOR_PRIVATE_KEY" --customer-id acme --customer-name Acme --days 7 \
  --feature airgap --registry-url "$FIXTURE_REGISTRY" --registry-username "$FIXTURE_CUSTOMER_USERNAME" \
  --registry-password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" --out "$WORK/acme.lic" 2>/dev/null
ensure_images() { bin/adaptivectl bundle load "$WORK/ours.bundle" --license "$WORK/acme.lic" >/dev/null 2>&1 || true; }

ours_build=() peer_build=() ours_load=() peer_load=()
for ((i = 1; i <= RUNS; i++)); do
  t=$(now)
  bin/adaptive-vendor bundle build --version $V --release "$FIXTURE_RELEASE_1_1_0" --out "$WORK/ours.bundle" \
    --key "$FIXTURE_VENDOR_PRIVATE_KEY" --registry "$FIXTURE_REGISTRY" --username "$FIXTURE_CUSTOMER_USERNAME" \
    --password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" >/dev/null 2>&1
  ours_build+=("$(echo "$(now) - $t" | bc)")
  t=$(now)
  docker save $ids | gzip -1 > "$WORK/peer.tar.gz"
  sync -f "$WORK/peer.tar.gz"
  peer_build+=("$(echo "$(now) - $t" | bc)")

  docker rmi -f $ids >/dev/null
  t=$(now)
  bin/adaptivectl bundle load "$WORK/ours.bundle" --license "$WORK/acme.lic" >/dev/null 2>&1
  ours_load+=("$(echo "$(now) - $t" | bc)")
  docker rmi -f $ids >/dev/null
  t=$(now)
  docker load -i "$WORK/peer.tar.gz" >/dev/null
  peer_load+=("$(echo "$(now) - $t" | bc)")
  ensure_images
done
ob=$(median "${ours_build[@]}") pb=$(median "${peer_build[@]}") ol=$(median "${ours_load[@]}") pl=$(median "${peer_load[@]}")
os=$(stat -c %s "$WORK/ours.bundle") ps=$(stat -c %s "$WORK/peer.tar.gz")
printf 'release %s, 5 images, %d run(s), medians\n' $V "$RUNS"
printf '  size   ours %6.0f MB   docker save | gzip -1 %6.0f MB   ratio %.2f\n' "$(echo "$os/1000000" | bc -l)" "$(echo "$ps/1000000" | bc -l)" "$(echo "$os/$ps" | bc -l)"
printf '  build  ours %6.1f s    docker save | gzip -1 %6.1f s    ratio %.2f\n' "$ob" "$pb" "$(echo "$ob/$pb" | bc -l)"
printf '  load   ours %6.1f s    docker load           %6.1f s    ratio %.2f  (ours checks the whole file first)\n' "$ol" "$pl" "$(echo "$ol/$pl" | bc -l)"
