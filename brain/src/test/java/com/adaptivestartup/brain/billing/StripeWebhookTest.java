package com.adaptivestartup.brain.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.brain.BrainDatabase;
import com.adaptivestartup.brain.BrainServer;
import com.adaptivestartup.server.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.net.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe's webhooks into the Brain (issue 28), on a real PostgreSQL: events signed as Stripe signs them (the
 * {@code Stripe-Signature} header's {@code t=...,v1=...}, the HMAC made with stripe-java's own helper) drive a
 * subscription through active, past due and cancelled; a forged, a replayed (too old) or an unsigned event is refused and
 * stores nothing; a retry is stored once; an older event arriving late changes nothing; an unknown type is taken and
 * ignored.
 */
class StripeWebhookTest {
    private static final String SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.security.KeyPair VENDOR = com.adaptivestartup.licensing.signing.Ed25519Keys.generate();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BrainDatabase db;
    private static BrainServer brain;
    private static BillingLedger ledger;
    private static String url;

    @BeforeAll
    static void start() {
        var database = TestPostgres.get().newDatabase();
        db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password());
        ledger = new BillingLedger(db.dataSource());
        brain = new BrainServer(db, new BrainServer.Settings(SECRET, VENDOR.getPrivate(), new com.adaptivestartup.brain.licenses
                .LicenseDesk.Registry("registry.example.com", "registry-secret".getBytes()), null, null), Clock.systemUTC());
        url = "http://127.0.0.1:" + brain.start("127.0.0.1", 0) + StripeWebhook.PATH;
    }

    @AfterAll
    static void stop() {
        brain.close();
        db.close();
    }

    /** An event as Stripe sends it: {@code created} seconds after now (negative: before). */
    private static String event(String type, long createdOffset, ObjectNode object) {
        ObjectNode e = JSON.createObjectNode().put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "event").put("api_version", "2025-10-29.clover").put("type", type)
                .put("created", Instant.now().getEpochSecond() + createdOffset).put("livemode", false);
        e.putObject("data").set("object", object);
        return e.toString();
    }

    private static ObjectNode subscription(String id, String customer, String status) {
        ObjectNode s = JSON.createObjectNode().put("id", id).put("object", "subscription").put("customer", customer)
                .put("status", status);
        s.putObject("metadata").put("edition", "enterprise");
        ObjectNode item = s.putObject("items").putArray("data").addObject().put("quantity", 25)
                .put("current_period_end", Instant.now().plus(Duration.ofDays(30)).getEpochSecond());
        item.putObject("price").put("id", "price_123");
        return s;
    }

    /** Stripe's signature header over {@code payload} at {@code timestamp}, with {@code secret}. */
    private static String signature(String payload, long timestamp, String secret) throws Exception {
        return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
    }

    private static HttpResponse<String> post(String payload, String signatureHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signatureHeader != null) {
            b.header("Stripe-Signature", signatureHeader);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode deliver(String payload) throws Exception {
        HttpResponse<String> r = post(payload, signature(payload, Instant.now().getEpochSecond(), SECRET));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String idOf(String payload) throws Exception {
        return JSON.readTree(payload).get("id").asText();
    }

    @Test
    void aSubscriptionGoesFromActiveToPastDueWithGraceAndBackThenEnds() throws Exception {
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
        assertThat(deliver(event("customer.subscription.created", -30, subscription(sub, "cus_1", "active")))
                .get("outcome").asText()).isEqualTo("applied");
        BillingLedger.Subscription s = ledger.subscription(sub).orElseThrow();
        assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(s.edition()).isEqualTo("enterprise");
        assertThat(s.seats()).isEqualTo(25);
        assertThat(s.periodEnd()).isAfter(Instant.now().plus(Duration.ofDays(29)));

        ObjectNode invoice = JSON.createObjectNode().put("id", "in_1").put("object", "invoice").put("customer", "cus_1");
        invoice.putObject("parent").putObject("subscription_details").put("subscription", sub);
        deliver(event("invoice.payment_failed", -20, invoice));
        s = ledger.subscription(sub).orElseThrow();
        assertThat(s.state()).isEqualTo(SubscriptionState.PAST_DUE);
        assertThat(s.graceUntil()).isBetween(Instant.now().plus(BillingLedger.GRACE).minusSeconds(60),
                Instant.now().plus(BillingLedger.GRACE));

        deliver(event("customer.subscription.updated", -10, subscription(sub, "cus_1", "active")));
        assertThat(ledger.subscription(sub).orElseThrow().state()).as("paid after all").isEqualTo(SubscriptionState.ACTIVE);
        assertThat(ledger.subscription(sub).orElseThrow().graceUntil()).isNull();

        deliver(event("customer.subscription.deleted", -5, subscription(sub, "cus_1", "canceled")));
        assertThat(ledger.subscription(sub).orElseThrow().state()).isEqualTo(SubscriptionState.CANCELLED);
    }

    @Test
    void aRetryIsStoredOnceAndChangesNothing() throws Exception {
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
        String created = event("customer.subscription.created", -10, subscription(sub, "cus_2", "active"));
        assertThat(deliver(created).get("outcome").asText()).isEqualTo("applied");
        BillingLedger.Subscription before = ledger.subscription(sub).orElseThrow();
        assertThat(deliver(created).get("outcome").asText()).isEqualTo("duplicate");
        assertThat(ledger.storedEvents(idOf(created))).isOne();
        assertThat(ledger.subscription(sub).orElseThrow()).isEqualTo(before);
    }

    @Test
    void anOlderEventArrivingLateChangesNothingAndAnEndedSubscriptionStaysEnded() throws Exception {
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
        String active = event("customer.subscription.updated", -60, subscription(sub, "cus_3", "active"));
        String cancelled = event("customer.subscription.deleted", -30, subscription(sub, "cus_3", "canceled"));
        deliver(cancelled);
        assertThat(deliver(active).get("outcome").asText()).isEqualTo("stale");
        assertThat(ledger.subscription(sub).orElseThrow().state()).isEqualTo(SubscriptionState.CANCELLED);
        assertThat(deliver(event("customer.subscription.updated", 0, subscription(sub, "cus_3", "active")))
                .get("outcome").asText()).as("ended stays ended").isEqualTo("stale");
        assertThat(ledger.subscription(sub).orElseThrow().state()).isEqualTo(SubscriptionState.CANCELLED);
        assertThat(ledger.storedEvents(idOf(active))).as("stored, as what came").isOne();
    }

    @Test
    void forgedReplayedAndUnsignedEventsAreRefusedAndStoreNothing() throws Exception {
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
        String payload = event("customer.subscription.created", 0, subscription(sub, "cus_4", "active"));
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> forged = post(payload, signature(payload, now, "whsec_not_the_endpoints"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("signature does not hold");
        HttpResponse<String> replayed = post(payload, signature(payload, now - 600, SECRET));
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("signature does not hold").contains("tolerance");
        HttpResponse<String> changed = post(payload.replace("cus_4", "cus_X"), signature(payload, now, SECRET));
        assertThat(changed.statusCode()).isEqualTo(400);
        assertThat(post(payload, null).body()).contains("no Stripe-Signature header");
        String notAnEvent = "{\"id\":\"x\"}";
        assertThat(post(notAnEvent, signature(notAnEvent, now, SECRET)).body()).contains("not a Stripe event");

        assertThat(ledger.storedEvents(idOf(payload))).isZero();
        assertThat(ledger.subscription(sub)).isEmpty();
    }

    @Test
    void anEventTypeTheBrainDoesNotActOnIsTakenAndIgnored() throws Exception {
        String payload = event("charge.refunded", 0, JSON.createObjectNode().put("id", "ch_1").put("object", "charge"));
        assertThat(deliver(payload).get("outcome").asText()).isEqualTo("ignored");
        assertThat(ledger.storedEvents(idOf(payload))).isOne();
        String unknownStatus = event("customer.subscription.updated", 0, subscription("sub_odd", "cus_5", "levitating"));
        HttpResponse<String> r = post(unknownStatus, signature(unknownStatus, Instant.now().getEpochSecond(), SECRET));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("status 'levitating' is not one the Brain knows");
        assertThat(ledger.storedEvents(idOf(unknownStatus))).as("rolled back with it").isZero();
    }
}
