package com.adaptivestartup.brain.licenses;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.brain.BrainDatabase;
import com.adaptivestartup.brain.BrainServer;
import com.adaptivestartup.brain.billing.BillingLedger;
import com.adaptivestartup.brain.billing.StripeWebhook;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentVerifier;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.adaptivestartup.licensing.signing.VerificationResult;
import com.adaptivestartup.server.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.net.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Licenses from subscriptions (issue 28), through the Brain's own endpoints on a real PostgreSQL: a subscription's
 * license signed with the vendor key (verified with its public key, as consoles verify it), renewed with each paid
 * period, revoked with the cancellation; installations' heartbeats answered with signed standings (active, then
 * revoked) and recorded; a report with anything of the customer's in it, or for a license never issued, refused.
 */
class LicenseDeskTest {
    private static final String SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final KeyPair VENDOR = Ed25519Keys.generate();
    private static final DocumentVerifier VERIFY = new DocumentVerifier(TrustedKeys.of(VENDOR.getPublic()));
    private static BrainDatabase db;
    private static BrainServer brain;
    private static String base;

    @BeforeAll
    static void start() {
        var database = TestPostgres.get().newDatabase();
        db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password());
        brain = new BrainServer(db, new BrainServer.Settings(SECRET, VENDOR.getPrivate(),
                new LicenseDesk.Registry("registry.example.com", "registry-secret".getBytes()), null, null), Clock.systemUTC());
        base = "http://127.0.0.1:" + brain.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        brain.close();
        db.close();
    }

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static void deliver(String type, long createdOffset, String sub, String status, long periodEndDays) throws Exception {
        ObjectNode s = JSON.createObjectNode().put("id", sub).put("object", "subscription").put("customer", "cus_" + sub)
                .put("status", status).put("quantity", 12)
                .put("current_period_end", NOW.plus(Duration.ofDays(periodEndDays)).getEpochSecond());
        s.putObject("metadata").put("edition", "standard");
        ObjectNode e = JSON.createObjectNode().put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "event").put("type", type).put("created", Instant.now().getEpochSecond() + createdOffset);
        e.putObject("data").set("object", s);
        String payload = e.toString();
        long t = Instant.now().getEpochSecond();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + StripeWebhook.PATH))
                .header("Stripe-Signature", "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(SECRET, t + "." + payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode verified(String text, DocumentKind kind) {
        VerificationResult result = VERIFY.verify(text, kind);
        assertThat(result).isInstanceOf(VerificationResult.Verified.class);
        return ((VerificationResult.Verified) result).document().body();
    }

    private static HttpResponse<String> heartbeat(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/heartbeats")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int licensesOf(String sub) throws Exception {
        try (Connection c = db.dataSource().getConnection(); var s = c.prepareStatement(
                "SELECT count(*) FROM licenses WHERE stripe_subscription_id = ?")) {
            s.setString(1, sub);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void aSubscriptionsLicenseIsSignedRenewedWithEachPeriodAndRevokedWithTheCancellation() throws Exception {
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
        deliver("customer.subscription.created", -30, sub, "active", 30);
        LicenseDesk.Issued first = brain.licenses().reconcile(sub).orElseThrow();
        JsonNode license = verified(first.text(), DocumentKind.LICENSE);
        assertThat(license.get("licenseId").asText()).isEqualTo(first.id());
        assertThat(license.at("/customer/id").asText()).isEqualTo(LicenseDesk.customerKey("cus_" + sub)).matches("c-[0-9a-f]{16}");
        assertThat(license.get("edition").asText()).isEqualTo("standard");
        assertThat(license.get("seats").asInt()).isEqualTo(12);
        assertThat(Instant.parse(license.get("expiresAt").asText())).isCloseTo(Instant.now().plus(Duration.ofDays(30))
                .plus(BillingLedger.GRACE), org.assertj.core.api.Assertions.within(60, ChronoUnit.SECONDS));
        assertThat(license.at("/registry/username").asText()).isEqualTo(license.at("/customer/id").asText());
        assertThat(license.at("/registry/password").asText()).hasSize(43);
        // the customer's own update channel, signed on its first read (nothing published for them yet)
        String channel = license.at("/updates/channel").asText();
        assertThat(channel).isEqualTo("stable-" + license.at("/customer/id").asText());
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/channels/" + channel)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode manifest = verified(read.body(), DocumentKind.CHANNEL_MANIFEST);
        assertThat(manifest.get("channel").asText()).isEqualTo(channel);
        assertThat(manifest.get("releases")).isEmpty();

        deliver("customer.subscription.created", -30, sub, "active", 30);   // a new event of the same: nothing new
        assertThat(licensesOf(sub)).isOne();

        deliver("customer.subscription.updated", -20, sub, "active", 60);   // the next period paid
        LicenseDesk.Issued renewed = brain.licenses().reconcile(sub).orElseThrow();
        assertThat(renewed.id()).isNotEqualTo(first.id());
        assertThat(renewed.expiresAt()).isAfter(first.expiresAt().plus(Duration.ofDays(29)));
        assertThat(brain.licenses().license(first.id()).orElseThrow().revokedAt()).as("the older one runs out by itself")
                .isNull();

        String report = "{\"licenseId\":\"" + renewed.id() + "\",\"instanceId\":\"5b0c1e2f-aaaa\",\"consoleVersion\":\"1.0.0\","
                + "\"appVersion\":\"1.2.0\",\"overall\":\"healthy\",\"services\":[{\"service\":\"backend\",\"state\":\"running\","
                + "\"health\":\"healthy\"}],\"sentAt\":\"" + Instant.now() + "\"}";
        HttpResponse<String> active = heartbeat(report);
        assertThat(active.statusCode()).isEqualTo(200);
        JsonNode standing = verified(active.body(), DocumentKind.LICENSE_STANDING);
        assertThat(standing.get("status").asText()).isEqualTo("active");
        assertThat(standing.get("instanceId").asText()).isEqualTo("5b0c1e2f-aaaa");
        assertThat(Instant.parse(standing.get("validUntil").asText())).isAfter(Instant.now().plus(Duration.ofDays(6)));

        deliver("customer.subscription.deleted", -5, sub, "canceled", 60);
        assertThat(brain.licenses().license(renewed.id()).orElseThrow().revokedAt()).isNotNull();
        assertThat(brain.licenses().license(first.id()).orElseThrow().revokedAt()).isNotNull();
        JsonNode revoked = verified(heartbeat(report).body(), DocumentKind.LICENSE_STANDING);
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.get("reason").asText()).contains("cancelled").contains("keeps running");
        try (Connection c = db.dataSource().getConnection(); var s = c.prepareStatement(
                "SELECT app_version, overall, services::text FROM installations WHERE license_id = ?")) {
            s.setString(1, renewed.id());
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("1.2.0");
                assertThat(r.getString(2)).isEqualTo("healthy");
                assertThat(r.getString(3)).contains("backend");
            }
        }
    }

    @Test
    void aReportWithMoreThanAnInstallationSendsOrForALicenseNeverIssuedIsRefused() throws Exception {
        HttpResponse<String> unknown = heartbeat("{\"licenseId\":\"lic-never\",\"instanceId\":\"5b0c1e2f-bbbb\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("issued no license lic-never");
        HttpResponse<String> nosy = heartbeat("{\"licenseId\":\"lic-x\",\"instanceId\":\"5b0c1e2f-bbbb\",\"hostname\":\"ceo-laptop\"}");
        assertThat(nosy.statusCode()).isEqualTo(400);
        assertThat(nosy.body()).contains("'hostname' is not one an installation sends");
        HttpResponse<String> names = heartbeat("{\"licenseId\":\"lic-x\",\"instanceId\":\"5b0c1e2f-bbbb\",\"services\":"
                + "[{\"service\":\"backend\",\"logs\":\"...\"}]}");
        assertThat(names.statusCode()).isEqualTo(400);
        assertThat(heartbeat("not json").statusCode()).isEqualTo(400);
    }
}
