#!/usr/bin/env bash
# The Kubernetes edition end to end on a real cluster (kind, k3s, a cloud cluster): whatever KUBECONFIG points to.
# Written for a customer's platform team as much as for us; no cluster runs on the vendor's build machine, so there it
# says so and stops (exit 0). It needs: kubectl and helm (kubernetes/helm.sh provides both), a chart
# (adaptive-startup-<version>.tgz from `adaptive-vendor chart build`), a license, and the registry the license names
# reachable from the cluster's nodes (or --registry with the images pushed there).
#
#   kubernetes/e2e.sh --chart adaptive-startup-1.2.0.tgz --license acme.lic [--namespace adaptive-e2e]
#                     [--registry R] [--values extra.yaml] [--keep]
#
# What it does, each step timed, and fails at the first that does not hold:
#   1. install (adaptivectl kubernetes install: the license checked, helm upgrade --install --wait), the migration hook
#      done, every server pod ready;
#   2. the first admin made, signed in through the web Service, a venture written;
#   3. an upgrade (the same chart, one more server pod): the app answers throughout (a prober counts failures), the
#      venture is still there;
#   4. a rollback (helm rollback to revision 1): the app answers, the venture is still there;
#   5. a backup run now from the CronJob: its log names the dump and its size;
#   6. the release uninstalled and the namespace removed (unless --keep).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHART="" LICENSE="" NS=adaptive-e2e REGISTRY="" EXTRA="" KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --chart) CHART="$2"; shift 2 ;;
    --license) LICENSE="$2"; shift 2 ;;
    --namespace) NS="$2"; shift 2 ;;
    --registry) REGISTRY="$2"; shift 2 ;;
    --values) EXTRA="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "usage: kubernetes/e2e.sh --chart CHART.tgz --license LICENSE [--namespace N] [--registry R] [--values F] [--keep]" >&2
       exit 2 ;;
  esac
done
KUBECTL="${KUBECTL:-$(command -v kubectl || echo "$ROOT/kubernetes/target/helm/kubectl")}"
export HELM="${HELM:-$(command -v helm || "$ROOT/kubernetes/helm.sh")}"
if ! [ -x "$KUBECTL" ] || ! "$KUBECTL" version --request-timeout=5s >/dev/null 2>&1; then
  echo "skipped: no Kubernetes cluster answers (KUBECONFIG=${KUBECONFIG:-~/.kube/config}); point KUBECONFIG at one"
  echo "         (kind create cluster, k3s, or a cloud cluster) and run this again"
  exit 0
fi
[ -n "$CHART" ] && [ -n "$LICENSE" ] || { echo "error: give --chart and --license" >&2; exit 2; }
k() { "$KUBECTL" -n "$NS" "$@"; }
started=$(date +%s)
step() { echo "== $* ($(( $(date +%s) - started )) s)"; }
WORK=$(mktemp -d /tmp/adaptive-k8s-e2e.XXXXXX)
PF=""
cleanup() {
  [ -n "$PF" ] && kill "$PF" 2>/dev/null || true
  if [ -z "$KEEP" ]; then
    "$HELM" uninstall adaptive -n "$NS" >/dev/null 2>&1 || true
    "$KUBECTL" delete namespace "$NS" --wait=false >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
cat > "$WORK/values.yaml" <<EOF
publicUrl: https://adaptive-e2e.example.com/
ingress: { enabled: false }
backend: { replicas: 2, resources: { requests: { cpu: 100m, memory: 256Mi } } }
EOF
VALUES=(-f "$WORK/values.yaml")
[ -n "$EXTRA" ] && VALUES+=(-f "$EXTRA")
OWN=()
[ -n "$REGISTRY" ] && OWN=(--registry "$REGISTRY")

step "1. install"
"$ROOT/bin/adaptivectl" kubernetes install --chart "$CHART" --license "$LICENSE" -n "$NS" "${VALUES[@]}" "${OWN[@]}" \
  --work-dir "$WORK/license" --wait-minutes 15
k rollout status deploy/adaptive-backend --timeout=300s
k get pods -o wide

step "2. first admin, a venture"
k exec deploy/adaptive-backend -- bash -c 'umask 077; head -c 18 /dev/urandom | base64 > /tmp/first
  adaptive-server create-admin --email e2e@example.com --password-file /tmp/first >/dev/null && cat /tmp/first; rm -f /tmp/first' \
  > "$WORK/password"
k port-forward svc/adaptive-web 18190:8080 >/dev/null 2>&1 & PF=$!
for _ in $(seq 1 30); do curl -fsS http://127.0.0.1:18190/readyz >/dev/null 2>&1 && break; sleep 1; done
api=http://127.0.0.1:18190
token=$(curl -fsS "$api/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"e2e@example.com\",\"password\":\"$(cat "$WORK/password")\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/')
org=$(curl -fsS "$api/api/orgs" -H "Authorization: Bearer $token" | sed -E 's/^\[\{"id":"([^"]+)".*/\1/')
curl -fsS "$api/api/orgs/$org/ventures" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"Survives upgrades"}' >/dev/null
has_venture() { curl -fsS "$api/api/orgs/$org/ventures" -H "Authorization: Bearer $token" | grep -q 'Survives upgrades'; }
has_venture

probe() {   # asks /readyz through the web Service every 200 ms until stopped; prints failures
  local failed=0 total=0
  while [ ! -f "$WORK/stop" ]; do
    total=$((total + 1)); curl -fsS -m 2 "$api/readyz" >/dev/null 2>&1 || failed=$((failed + 1)); sleep 0.2
  done
  echo "$failed of $total"
}

step "3. upgrade: one more server pod, rolled one at a time"
rm -f "$WORK/stop"; probe > "$WORK/probe" & P=$!
echo "backend: { replicas: 3 }" > "$WORK/more.yaml"
"$ROOT/bin/adaptivectl" kubernetes install --chart "$CHART" --license "$LICENSE" -n "$NS" "${VALUES[@]}" -f "$WORK/more.yaml" \
  "${OWN[@]}" --work-dir "$WORK/license" --wait-minutes 15
touch "$WORK/stop"; wait $P; echo "probes failed during the upgrade: $(cat "$WORK/probe")"
has_venture

step "4. rollback to revision 1"
rm -f "$WORK/stop"; probe > "$WORK/probe" & P=$!
"$HELM" rollback adaptive 1 -n "$NS" --wait --timeout 600s
touch "$WORK/stop"; wait $P; echo "probes failed during the rollback: $(cat "$WORK/probe")"
has_venture

step "5. a backup now"
k create job --from=cronjob/adaptive-backup adaptive-backup-e2e
k wait --for=condition=complete job/adaptive-backup-e2e --timeout=300s
k logs job/adaptive-backup-e2e | tee "$WORK/backup.log"
grep -q '^backup /backups/' "$WORK/backup.log"

step "6. done"
echo "the Kubernetes edition installed, upgraded, rolled back and backed up on $("$KUBECTL" config current-context)"
