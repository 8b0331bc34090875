package com.adaptivestartup.brain.registry;

import com.adaptivestartup.brain.BrainDatabase;
import com.adaptivestartup.brain.BrainServer;
import com.adaptivestartup.brain.billing.StripeWebhook;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.licensing.signing.DocumentCodec;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.server.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.net.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Brain's numbers (issue 28), run by bench/brain.sh, not part of the test suite: a Stripe webhook to the license
 * issued (100 subscriptions, one at a time), and to the welcome mail received (50); the token requests per second the Brain answers (8 clients, 10 s, with the
 * p99); and a whole pull (manifest and blobs) from Debian's registry with token authentication against the same with
 * htpasswd, the peer, in the same run (300 pulls each after 30).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class BrainBenchmark {
    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");   // the numbers' lines, not the Brain's log
    }

    private static final String SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void webhooksTokensAndPulls() throws Exception {
        Path tmp = Files.createTempDirectory("brain-bench");
        TestRegistry.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp.resolve("k.pem")
                .toString(), "-out", tmp.resolve("c.pem").toString(), "-days", "2", "-subj", "/CN=adaptive-brain"));
        var database = TestPostgres.get().newDatabase();
        String vendorPassword = "vendor-" + UUID.randomUUID();
        try (BrainDatabase db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password());
             BrainServer brain = new BrainServer(db, new BrainServer.Settings(SECRET, Ed25519Keys.generate().getPrivate(),
                     new LicenseDesk.Registry("127.0.0.1", "registry-secret".getBytes()), new BrainServer.Tokens(
                     RegistryTokens.fromFiles("adaptive-brain", "adaptive-registry", tmp.resolve("k.pem"), tmp.resolve("c.pem"),
                             Clock.systemUTC()), "vendor", vendorPassword), null), Clock.systemUTC())) {
            String brainUrl = "http://127.0.0.1:" + brain.start("127.0.0.1", 0);

            List<Long> webhook = new ArrayList<>();
            String lastSub = null;
            for (int i = 0; i < 110; i++) {
                lastSub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
                long t0 = System.nanoTime();
                subscribe(brainUrl, lastSub);
                if (i >= 10) {
                    webhook.add(System.nanoTime() - t0);
                }
            }
            LicenseDesk.Issued license = brain.licenses().reconcile(lastSub).orElseThrow();
            JsonNode body = DocumentCodec.decodeUntrusted(license.text(), DocumentKind.LICENSE).body();
            String user = body.at("/registry/username").asText();
            String password = body.at("/registry/password").asText();
            print("Stripe webhook to license issued (signature, event stored, subscription, license signed and stored)",
                    webhook);

            String tokenUrl = brainUrl + TokenRoute.PATH + "?service=adaptive-registry&scope=repository:" + user
                    + "/backend:pull";
            HttpRequest tokenRequest = HttpRequest.newBuilder(URI.create(tokenUrl))
                    .header("Authorization", TestRegistry.basic(user, password)).build();
            List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    HttpClient own = HttpClient.newHttpClient();
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        try {
                            if (own.send(tokenRequest, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                                throw new IllegalStateException("a token was refused");
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        if (measuring.get()) {
                            tokens.add(System.nanoTime() - t0);
                        }
                    }
                }));
            }
            Thread.sleep(5_000);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(10_000);
            measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread t : clients) {
                t.join();
            }
            System.out.printf("Brain token requests: %.0f req/s with 8 clients%n", tokens.size() / seconds);
            print("Brain token request", tokens);

            try (TestRegistry withTokens = TestRegistry.withTokens(tmp.resolve("token-registry"), brainUrl + TokenRoute.PATH,
                    tmp.resolve("c.pem"));
                 TestRegistry withHtpasswd = TestRegistry.withHtpasswd(tmp.resolve("htpasswd-registry"), user, password)) {
                withTokens.push(user + "/backend", "vendor", vendorPassword);
                withHtpasswd.push(user + "/backend", user, password);
                List<Long> token = pulls(withTokens, user, password);
                List<Long> basic = pulls(withHtpasswd, user, password);
                print("pull with token auth (the Brain)", token);
                print("pull with htpasswd (the peer)", basic);
                System.out.printf("ratio pull time token / htpasswd: p50 %.2f  p99 %.2f%n",
                        (double) token.get(token.size() / 2) / basic.get(basic.size() / 2),
                        (double) token.get((int) (token.size() * 0.99)) / basic.get((int) (basic.size() * 0.99)));
            }
        }
    }

    /**
     * A subscription to its welcome mail in a real SMTP server (GreenMail), the Brain's own part: the webhook, the job,
     * the pipeline asked (one that reports at once, standing for a build), the report taken, the license mailed.
     */
    @Test
    void webhookToWelcomeMail() throws Exception {
        var database = TestPostgres.get().newDatabase();
        int smtpPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtp.start();
        String callback = "callback-" + UUID.randomUUID();
        String[] brainUrl = new String[1];
        com.adaptivestartup.brain.provisioning.BuildPipeline atOnce = (customer, job) -> Thread.ofVirtual().start(() -> {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(brainUrl[0] + "/v1/builds/" + job + "/complete"))
                        .header("Authorization", "Bearer " + callback).POST(HttpRequest.BodyPublishers.ofString(
                                "{\"version\":\"1.2.0\",\"images\":{\"backend\":{\"repository\":\"" + customer
                                        + "/backend\",\"digest\":\"sha256:" + "a".repeat(64) + "\"}}}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (BrainDatabase db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password());
             BrainServer brain = new BrainServer(db, new BrainServer.Settings(SECRET, Ed25519Keys.generate().getPrivate(),
                     new LicenseDesk.Registry("127.0.0.1", "registry-secret".getBytes()), null,
                     new BrainServer.Provisions(atOnce, new com.adaptivestartup.brain.mail.CustomerMail("127.0.0.1", smtpPort,
                             null, null, "hello@adaptive.example", "https://adaptive.example/download"), callback,
                             Duration.ofSeconds(5))), Clock.systemUTC())) {
            brainUrl[0] = "http://127.0.0.1:" + brain.start("127.0.0.1", 0);
            List<Long> mailed = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String sub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
                long t0 = System.nanoTime();
                deliver(brainUrl[0], JSON.createObjectNode().put("id", "cus_" + sub).put("object", "customer")
                        .put("email", "founder" + i + "@acme.example"), "customer.created");
                subscribe(brainUrl[0], sub);
                if (!smtp.waitForIncomingEmail(30_000, i + 1)) {
                    throw new IllegalStateException("no welcome mail for subscription " + i);
                }
                if (i >= 10) {
                    mailed.add(System.nanoTime() - t0);
                }
            }
            print("Stripe webhook to welcome mail received (job, pipeline asked and reporting at once, license mailed)",
                    mailed);
        } finally {
            smtp.stop();
        }
    }

    private static List<Long> pulls(TestRegistry registry, String user, String password) throws Exception {
        List<Long> times = new ArrayList<>();   // sorted when returned
        for (int i = 0; i < 330; i++) {
            long t0 = System.nanoTime();
            registry.pull(user + "/backend", user, password);
            if (i >= 30) {
                times.add(System.nanoTime() - t0);
            }
        }
        Collections.sort(times);
        return times;
    }

    private static void subscribe(String brainUrl, String sub) throws Exception {
        deliver(brainUrl, JSON.createObjectNode().put("id", sub).put("object", "subscription").put("customer", "cus_" + sub)
                .put("status", "active").put("current_period_end", Instant.now().plus(Duration.ofDays(30)).getEpochSecond()),
                "customer.subscription.created");
    }

    /** A Stripe event of {@code type} about {@code object}, signed as Stripe signs it. */
    private static void deliver(String brainUrl, ObjectNode object, String type) throws Exception {
        ObjectNode e = JSON.createObjectNode().put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "event").put("type", type).put("created", Instant.now().getEpochSecond());
        e.putObject("data").set("object", object);
        long t = Instant.now().getEpochSecond();
        String payload = e.toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(brainUrl + StripeWebhook.PATH))
                .header("Stripe-Signature", "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(SECRET, t + "." + payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.body());
        }
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("%-100s p50 %7.2f ms   p99 %7.2f ms   of %d%n", what, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.size());
    }
}
