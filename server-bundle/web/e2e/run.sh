#!/usr/bin/env bash
# The web front end's end-to-end tests, in a real browser against a real stack: installs release 1.2.0
# from the shared registry fixture with `adaptivectl install` (as the console does) on an HTTPS address whose
# certificate the installation's own authority made, adds that authority to the trust store chromium reads
# (`adaptivectl address trust-ca`, in a home folder of the test's own), runs e2e/*.e2e.mjs with Node's test
# runner driving Debian's chromium through playwright-core over HTTPS and wss, then uninstalls the stack.
# Mail goes to a real SMTP server (GreenMail's standalone jar from Maven Central) that the stack reaches on its
# network's gateway, set with `adaptivectl mail set` and tried with `adaptivectl mail test`; the tests read it
# over GreenMail's REST API.
# A Convex export of Adaptive Startup Cloud (the server's generator) is imported with `adaptivectl import convex`,
# and a founder brought from the cloud follows the mailed link to choose a password and sees their data.
# Needs: the fixture up (images/registry/fixture.sh up), the console built (bin/build), chromium.
#   server-bundle/web/e2e/run.sh [--keep]   (--keep leaves the stack running for a look)
set -euo pipefail
WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$WEB/../.." && pwd)"
KEEP=""; [ "${1:-}" = "--keep" ] && KEEP=1
. "$ROOT/images/target/fixture/fixture.env"
PROJECT=adaptive-web-e2e
PORT="${WEB_E2E_PORT:-18480}"
HTTPS_PORT="${WEB_E2E_HTTPS_PORT:-18443}"
HOST="$PROJECT.localhost"   # browsers resolve every *.localhost name to this machine (RFC 6761)
WORK="$ROOT/server-bundle/web/target/e2e"
export ADAPTIVE_TRUSTED_KEYS="$FIXTURE_VENDOR_PUBLIC_KEY" ADAPTIVE_CONSOLE_HOME="$WORK/console-home"
ctl() { "$ROOT/bin/adaptivectl" "$@"; }

ctl uninstall --project "$PROJECT" --yes >/dev/null 2>&1 || true
rm -rf "$WORK" && mkdir -p "$WORK/console-home"
MAIL_SMTP_PORT="${WEB_E2E_SMTP_PORT:-18525}"
MAIL_API_PORT="${WEB_E2E_MAIL_API_PORT:-18580}"
MAIL_PID=""
KC_PID=""
KC_PORT="${WEB_E2E_KEYCLOAK_PORT:-18180}"
cleanup() {
  [ -n "$MAIL_PID" ] && kill "$MAIL_PID" 2>/dev/null || true
  [ -n "$KC_PID" ] && kill "$KC_PID" 2>/dev/null || true
  [ -n "$KEEP" ] || ctl uninstall --project "$PROJECT" --yes >/dev/null 2>&1 || true
}
trap cleanup EXIT

# The mailbox: GreenMail listens for SMTP on every interface (the stack's containers reach it on their network's
# gateway) and answers its REST API on loopback only.
GREENMAIL=com.icegreen:greenmail-standalone:2.1.2
(cd "$WORK" && mvn -B -q dependency:copy -Dartifact="$GREENMAIL" -DoutputDirectory="$WORK" -Dmdep.stripVersion=true >/dev/null)
"${JAVA_HOME:-/usr}/bin/java" -Dgreenmail.smtp.hostname=0.0.0.0 -Dgreenmail.smtp.port="$MAIL_SMTP_PORT" \
  -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_API_PORT" \
  -jar "$WORK/greenmail-standalone.jar" > "$WORK/greenmail.log" 2>&1 &
MAIL_PID=$!

# The company's identity provider: Keycloak's server distribution (unpacked by the server's build), with the test
# realm, started first (it takes a minute) on every interface: the backend and the browser both reach it on the
# stack network's gateway, and in development mode it names itself after the address it is asked on, so both see
# one issuer.
KC_HOME="$(ls -d "$ROOT"/server-bundle/target/keycloak/keycloak-* | head -1)"
rm -rf "$KC_HOME/data/h2" && mkdir -p "$KC_HOME/data/import" && cp "$ROOT/server-bundle/src/test/resources/keycloak/acme-realm.json" "$KC_HOME/data/import/"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="admin-$KC_PORT" JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
  bash "$KC_HOME/bin/kc.sh" start-dev --http-host=0.0.0.0 --http-port="$KC_PORT" --http-management-port=$((KC_PORT + 1)) \
  --import-realm --cache=local > "$WORK/keycloak.log" 2>&1 &
KC_PID=$!
KC_STARTED=$SECONDS
"$ROOT/bin/adaptive-vendor" license issue --key "$FIXTURE_VENDOR_PRIVATE_KEY" --license-id lic-web-e2e \
  --customer-id "$FIXTURE_NAMESPACE" --customer-name "Web E2E" --edition trial --seats 5 --days 2 \
  --registry-url "$FIXTURE_REGISTRY" --registry-username "$FIXTURE_CUSTOMER_USERNAME" \
  --registry-password-file "$FIXTURE_CUSTOMER_PASSWORD_FILE" --out "$WORK/web-e2e.lic" >/dev/null
ctl install --license "$WORK/web-e2e.lic" --dir "$WORK/stack" --release "$FIXTURE_RELEASE_1_2_0" \
  --http-port "$PORT" --address "$HOST" --https-port "$HTTPS_PORT" --project "$PROJECT" \
  --admin-email admin@web.example --yes
# The stack's mail server: the mailbox above, through the gateway of the network the backend shares with the web.
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$MAIL_API_PORT/api/configuration" >/dev/null && break; sleep 0.2; done
GATEWAY="$(docker network inspect "${PROJECT}_front" -f '{{(index .IPAM.Config 0).Gateway}}')"
ctl mail set "$GATEWAY" --port "$MAIL_SMTP_PORT" --security none --from "Adaptive Startup <adaptive@web.example>" \
  --project "$PROJECT"
ctl mail test --to admin@web.example --project "$PROJECT"
# A company's export from Adaptive Startup Cloud in Convex's own layout (the server's test generator): 3
# organizations, 10 people, 20 ventures with every wave-1 table filled, 200 files (one of 100 MB), tables with no
# home yet, and a newer export of the same deployment (edits, additions, deletions) for the parallel run.
mkdir -p "$WORK/cloud"
(cd "$ROOT" && mvn -B -q dependency:build-classpath -pl server-bundle -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cloud/classpath" >/dev/null)
"${JAVA_HOME:-/usr}/bin/java" -cp "$ROOT/server-bundle/target/test-classes:$(cat "$WORK/cloud/classpath")" \
  com.adaptivestartup.server.testing.ConvexExportFixture "$WORK/cloud/export.zip" "$WORK/cloud/truth.json" \
  --big-mb 100 --newer "$WORK/cloud/export-newer.zip"
# The browser's user trusts this installation's authority, as an admin's colleague would after opening the .crt.
mkdir -p "$WORK/home"
HOME="$WORK/home" ctl address trust-ca --project "$PROJECT" --yes

for _ in $(seq 1 360); do
  curl -sf "http://$GATEWAY:$KC_PORT/realms/acme/.well-known/openid-configuration" >/dev/null && break; sleep 0.5
done
if ! curl -sf "http://$GATEWAY:$KC_PORT/realms/acme/.well-known/openid-configuration" >/dev/null; then
  echo "Keycloak did not answer on $GATEWAY:$KC_PORT within 3 minutes:" >&2; tail -20 "$WORK/keycloak.log" >&2; exit 1
fi
echo "keycloak: ready $((SECONDS - KC_STARTED)) s after it was started"

cd "$WEB"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
HOME="$WORK/home" ADAPTIVE_URL="https://$HOST:$HTTPS_PORT" ADAPTIVE_HTTP_URL="http://127.0.0.1:$PORT" \
ADMIN_EMAIL=admin@web.example MAILBOX_API="http://127.0.0.1:$MAIL_API_PORT" \
KEYCLOAK_ISSUER="http://$GATEWAY:$KC_PORT/realms/acme" BROWSER_SECURE_ORIGINS="http://$GATEWAY:$KC_PORT" \
ADMIN_PASSWORD_FILE="$WORK/stack/admin-initial-password.txt" \
ADAPTIVECTL="$ROOT/bin/adaptivectl" PROJECT="$PROJECT" CLOUD_EXPORT="$WORK/cloud/export.zip" \
CLOUD_EXPORT_NEWER="$WORK/cloud/export-newer.zip" CLOUD_TRUTH="$WORK/cloud/truth.json" \
RESTART_BACKEND="'$ROOT/bin/adaptivectl' restart backend --project $PROJECT >/dev/null" \
SCREENSHOTS="${SCREENSHOTS:-$WORK/screenshots}" \
  node --test --test-concurrency=1 --test-reporter=spec e2e/*.e2e.mjs
echo "screenshots: ${SCREENSHOTS:-$WORK/screenshots}"
