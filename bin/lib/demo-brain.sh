# The demo's Brain (sourced by bin/demo): the vendor's control plane played on loopback. A signed channel
# manifest "stable" (releases 1.0.0, 1.1.0 and 1.2.0, a welcome notice) is written under $DEMO/brain/v1/channels/
# and served by the JDK's own static web server (jwebserver) on 127.0.0.1:$BRAIN_PORT, the path the console
# asks (GET /v1/channels/stable). Re-signed on every run with a higher sequence, so it never expires.

BRAIN_PORT="${BRAIN_PORT:-8089}"

brain_publish() {   # brain_publish: sign the channel from the fixture's releases
  local body="$DEMO/brain-channel.json" now expires
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  expires=$(date -u -d '+14 days' +%Y-%m-%dT%H:%M:%SZ)
  mkdir -p "$DEMO/brain/v1/channels"
  jq -n --arg now "$now" --arg expires "$expires" --argjson seq "$(date +%s)" \
    --rawfile r100 "$FIXTURE_RELEASE_1_0_0" --rawfile r110 "$FIXTURE_RELEASE_1_1_0" \
    --rawfile r120 "$FIXTURE_RELEASE_1_2_0" '{
      channel: "stable", sequence: $seq, issuedAt: $now, expiresAt: $expires,
      releases: [{version: "1.0.0", manifest: ($r100 | rtrimstr("\n"))}, {version: "1.1.0", manifest: ($r110 | rtrimstr("\n"))},
                 {version: "1.2.0", manifest: ($r120 | rtrimstr("\n"))}],
      notices: [{id: "demo-welcome", severity: "info", title: "Welcome to the Adaptive Startup demo",
                 body: "This notice comes from the demo Brain on this machine, signed like the real one."}]
    }' > "$body"
  bin/adaptive-vendor sign --kind channel-manifest --key "$FIXTURE_VENDOR_PRIVATE_KEY" --in "$body" \
    --out "$DEMO/brain/v1/channels/stable" >/dev/null
}

brain_start() {   # brain_start: serve it, unless our server already does
  if curl -fsS "http://127.0.0.1:$BRAIN_PORT/v1/channels/stable" >/dev/null 2>&1; then
    echo "demo Brain already serving on 127.0.0.1:$BRAIN_PORT"
    return 0
  fi
  nohup "$JAVA_HOME/bin/jwebserver" -b 127.0.0.1 -p "$BRAIN_PORT" -d "$DEMO/brain" -o none \
    > "$DEMO/brain.log" 2>&1 &
  echo $! > "$DEMO/brain.pid"
  for _ in $(seq 1 50); do
    curl -fsS "http://127.0.0.1:$BRAIN_PORT/v1/channels/stable" >/dev/null 2>&1 && { echo "demo Brain on 127.0.0.1:$BRAIN_PORT"; return 0; }
    sleep 0.2
  done
  echo "error: the demo Brain did not start; see $DEMO/brain.log" >&2
  return 1
}

brain_stop() {
  if [ -f "$DEMO/brain.pid" ]; then
    kill "$(cat "$DEMO/brain.pid")" 2>/dev/null || true
    rm -f "$DEMO/brain.pid"
  fi
}
