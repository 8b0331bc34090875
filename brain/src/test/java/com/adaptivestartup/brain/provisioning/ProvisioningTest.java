package com.adaptivestartup.brain.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.brain.BrainDatabase;
import com.adaptivestartup.brain.BrainServer;
import com.adaptivestartup.brain.billing.StripeWebhook;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.brain.mail.CustomerMail;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.server.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.stripe.net.Webhook;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new customer's provisioning (issue 28): Stripe's events (signed as Stripe signs them) make the customer and their
 * license; the Brain asks GitHub's API to run the image workflow (GitHub faked at its documented protocol with
 * MockWebServer, the exact request asserted; it fails once and is tried again after a pause, the error on the job); the
 * pipeline's callback is taken only with its secret; then the welcome mail with the license key arrives in a real SMTP
 * server (GreenMail). A retried webhook makes no second job.
 */
class ProvisioningTest {
    private static final String SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    private static final String CALLBACK = "callback-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static BrainDatabase db;
    static BrainServer brain;
    static String base;
    static MockWebServer github;
    static GreenMail smtp;
    static final java.security.PrivateKey VENDOR = Ed25519Keys.generate().getPrivate();

    @BeforeAll
    static void start() throws Exception {
        github = new MockWebServer();
        github.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        var database = TestPostgres.get().newDatabase();
        db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password());
        brain = new BrainServer(db, new BrainServer.Settings(SECRET, VENDOR,
                new LicenseDesk.Registry("registry.example.com", "registry-secret".getBytes()), null,
                new BrainServer.Provisions(new GitHubWorkflow(URI.create(github.url("/").toString()), "acme-vendor/adaptive-images",
                        "build_docker_image.yml", "main", "gh-token-123"),
                        new CustomerMail("127.0.0.1", port, null, null, "Adaptive Startup <hello@adaptive.example>",
                                "https://adaptive.example/download"), CALLBACK, Duration.ofHours(1))), Clock.systemUTC());
        base = "http://127.0.0.1:" + brain.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        brain.close();
        db.close();
        smtp.stop();
        github.close();
    }

    private static void deliver(String type, ObjectNode object) throws Exception {
        ObjectNode e = JSON.createObjectNode().put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "event").put("type", type).put("created", Instant.now().getEpochSecond());
        e.putObject("data").set("object", object);
        String payload = e.toString();
        long t = Instant.now().getEpochSecond();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + StripeWebhook.PATH))
                .header("Stripe-Signature", "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(SECRET, t + "." + payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> callback(UUID job, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/builds/" + job + "/complete"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Makes the job due now (its pause over), as time would. */
    private static void due(UUID job) throws Exception {
        try (Connection c = db.dataSource().getConnection(); var s = c.prepareStatement(
                "UPDATE provisioning_jobs SET next_attempt_at = now() - interval '1 second' WHERE id = ?")) {
            s.setObject(1, job);
            s.executeUpdate();
        }
    }

    @Test
    void aNewSubscriptionIsBuiltThroughGitHubAndWelcomedByMailWithItsLicense() throws Exception {
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
        String customer = "cus_" + sub;
        deliver("customer.created", JSON.createObjectNode().put("id", customer).put("object", "customer")
                .put("email", "founder@acme.example").put("name", "Acme"));
        github.enqueue(new MockResponse.Builder().code(500).body("{\"message\":\"Server Error\"}").build());
        github.enqueue(new MockResponse.Builder().code(204).build());
        ObjectNode subscription = JSON.createObjectNode().put("id", sub).put("object", "subscription").put("customer", customer)
                .put("status", "active").put("current_period_end", Instant.now().plus(Duration.ofDays(30)).getEpochSecond());
        deliver("customer.subscription.created", subscription);
        deliver("customer.subscription.created", subscription);   // Stripe's retry of the same (a new id: still one job)

        Provisioning p = brain.provisioning();
        Provisioning.Job job = p.job(sub).orElseThrow();
        for (int i = 0; i < 50 && p.job(sub).orElseThrow().attempts() == 0; i++) {
            Thread.sleep(100);   // the webhook kicked the worker: GitHub's 500
        }
        job = p.job(sub).orElseThrow();
        assertThat(job.step()).isEqualTo("build");
        assertThat(job.status()).isEqualTo("pending");
        assertThat(job.attempts()).isOne();
        assertThat(job.lastError()).contains("GitHub answered 500");
        assertThat(p.runDue()).as("not due again before its pause").isZero();
        due(job.id());
        p.runDue();   // (or the worker, kicked by the second delivery: a due job is claimed by one of them)
        assertThat(p.job(sub).orElseThrow().step()).isEqualTo("wait-for-build");

        RecordedRequest first = github.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = github.takeRequest(5, TimeUnit.SECONDS);
        for (RecordedRequest r : new RecordedRequest[] {first, second}) {
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getTarget()).isEqualTo("/repos/acme-vendor/adaptive-images/actions/workflows/build_docker_image.yml/dispatches");
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer gh-token-123");
            assertThat(r.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(r.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
            JsonNode body = JSON.readTree(r.getBody().utf8());
            assertThat(body.get("ref").asText()).isEqualTo("main");
            assertThat(body.at("/inputs/customer_id").asText()).isEqualTo(LicenseDesk.customerKey(customer));
            assertThat(body.at("/inputs/job_id").asText()).isEqualTo(job.id().toString());
        }

        // The build's report: its images and the release manifest to sign (unsigned, as images/build.sh writes it).
        ObjectNode images = JSON.createObjectNode();
        images.putObject("backend").put("repository", job.customerKey() + "/backend").put("digest", "sha256:" + "a".repeat(64));
        ObjectNode releaseBody = JSON.createObjectNode().put("schema", 1).put("version", "1.2.0")
                .put("customerId", job.customerKey());
        releaseBody.set("images", images.deepCopy());
        ObjectNode reportJson = JSON.createObjectNode().put("version", "1.2.0");
        reportJson.set("images", images);
        reportJson.set("release", releaseBody);
        String report = reportJson.toString();
        ObjectNode swapped = reportJson.deepCopy();
        ((ObjectNode) swapped.at("/release/images/backend")).put("digest", "sha256:" + "b".repeat(64));
        assertThat(callback(job.id(), null, report).statusCode()).isEqualTo(401);
        assertThat(callback(job.id(), "Bearer not-the-secret", report).statusCode()).isEqualTo(401);
        assertThat(p.job(sub).orElseThrow().step()).as("nothing changed").isEqualTo("wait-for-build");
        assertThat(callback(job.id(), "Bearer " + CALLBACK, "{\"version\":\"1.2\"}").body()).contains("a build report is");
        assertThat(callback(UUID.randomUUID(), "Bearer " + CALLBACK, report).statusCode()).isEqualTo(404);
        HttpResponse<String> mismatch = callback(job.id(), "Bearer " + CALLBACK, swapped.toString());
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("the build reported sha256:aaaa");
        assertThat(p.job(sub).orElseThrow().step()).as("nothing changed").isEqualTo("wait-for-build");
        assertThat(callback(job.id(), "Bearer " + CALLBACK, report).statusCode()).isEqualTo(200);
        assertThat(callback(job.id(), "Bearer " + CALLBACK, report).statusCode()).as("reported twice").isEqualTo(409);
        // the release, signed by the Brain, is on the customer's stable channel
        String channel = brain.distribution().channel("stable-" + job.customerKey()).orElseThrow();
        JsonNode releases = com.adaptivestartup.licensing.signing.DocumentCodec.decodeUntrusted(channel,
                com.adaptivestartup.licensing.signing.DocumentKind.CHANNEL_MANIFEST).body().get("releases");
        assertThat(releases).hasSize(1);
        assertThat(new com.adaptivestartup.licensing.signing.DocumentVerifier(com.adaptivestartup.licensing.signing.TrustedKeys
                .of(Ed25519Keys.publicKeyOf(VENDOR))).verify(releases.get(0).get("manifest").asText(),
                com.adaptivestartup.licensing.signing.DocumentKind.RELEASE_MANIFEST))
                .isInstanceOfSatisfying(com.adaptivestartup.licensing.signing.VerificationResult.Verified.class,
                        v -> assertThat(v.document().body()).isEqualTo(releaseBody));

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).as("the welcome mail").isTrue();
        MimeMessage welcome = smtp.getReceivedMessages()[0];
        assertThat(welcome.getAllRecipients()[0].toString()).isEqualTo("founder@acme.example");
        assertThat(welcome.getSubject()).isEqualTo("Your Adaptive Startup is ready");
        String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(welcome);
        String license = brain.licenses().reconcile(sub).orElseThrow().text();
        assertThat(text.replaceAll("=\\r?\\n", "")).contains("https://adaptive.example/download")
                .contains(license.substring(0, 60));
        for (int i = 0; i < 50 && !p.job(sub).orElseThrow().step().equals("done"); i++) {
            Thread.sleep(100);
        }
        assertThat(p.job(sub).orElseThrow().status()).isEqualTo("done");
        assertThat(p.jobs()).filteredOn(j -> j.subscriptionId().equals(sub)).hasSize(1);

        // The next period paid: the renewal letter with the new license key.
        subscription.put("current_period_end", Instant.now().plus(Duration.ofDays(60)).getEpochSecond());
        deliver("customer.subscription.updated", subscription);
        assertThat(smtp.waitForIncomingEmail(10_000, 2)).as("the renewal letter").isTrue();
        MimeMessage renewal = smtp.getReceivedMessages()[1];
        assertThat(renewal.getSubject()).isEqualTo("Your Adaptive Startup license is renewed");
        LicenseDesk.Issued renewed = brain.licenses().reconcile(sub).orElseThrow();
        assertThat(renewed.text()).isNotEqualTo(license);
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(renewal).replaceAll("=\\r?\\n", ""))
                .contains(renewed.text().substring(0, 60));

        // A payment fails: one letter saying until when the license works, however often Stripe says it.
        ObjectNode invoice = JSON.createObjectNode().put("id", "in_" + sub).put("object", "invoice").put("customer", customer);
        invoice.putObject("parent").putObject("subscription_details").put("subscription", sub);
        deliver("invoice.payment_failed", invoice);
        deliver("invoice.payment_failed", invoice);
        assertThat(smtp.waitForIncomingEmail(10_000, 3)).as("the payment-failed letter").isTrue();
        Thread.sleep(1500);   // the worker's next rounds: no second letter
        assertThat(smtp.getReceivedMessages()).hasSize(3);
        MimeMessage failed = smtp.getReceivedMessages()[2];
        assertThat(failed.getSubject()).isEqualTo("Your Adaptive Startup payment did not go through");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(failed).replaceAll("=\\r?\\n", ""))
                .contains("keeps running").containsPattern("working until \\d{1,2} \\w+ \\d{4}");
        try (Connection c = db.dataSource().getConnection(); var q = c.prepareStatement(
                "SELECT status, count(*) FROM customer_mails WHERE stripe_subscription_id = ? GROUP BY status")) {
            q.setString(1, sub);
            try (var r = q.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("sent");
                assertThat(r.getInt(2)).isEqualTo(2);
                assertThat(r.next()).isFalse();
            }
        }
    }
}
