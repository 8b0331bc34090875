#!/usr/bin/env bash
# Builds the web front end into server-bundle/web/dist with the machine's Node.js and npm (no Node
# toolchain is downloaded). Installs the locked dependencies when package-lock.json changed since the last
# install. Prints the JavaScript's gzipped size; fails above the budget (300 kB).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
BUDGET_KB=300

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "error: the web front end needs Node.js 20.19 or newer and npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
  echo "error: Node.js $(node --version) is too old for the web build; it needs 20.19 or newer" >&2; exit 1; }

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build -- --logLevel warn

total=0
for f in dist/assets/*.js; do total=$((total + $(gzip -9 -c "$f" | wc -c))); done
echo "web front end: $(ls dist/assets/*.js | wc -l) JavaScript file(s), $((total / 1024)) kB gzipped (budget ${BUDGET_KB} kB)"
[ "$total" -le $((BUDGET_KB * 1024)) ] || { echo "error: the JavaScript is over its ${BUDGET_KB} kB budget" >&2; exit 1; }
