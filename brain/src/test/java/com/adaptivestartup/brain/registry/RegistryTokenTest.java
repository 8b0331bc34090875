package com.adaptivestartup.brain.registry;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Brain as the token server of a real registry (Debian's docker-registry with {@code auth: token}, issue 28): the
 * vendor's build account pushes an image into two customers' repositories; a customer pulls their own, cannot pull the
 * other's, cannot push, cannot get a token with a wrong password, and once their subscription is cancelled gets no new
 * token (a token already given lasts its five minutes at most).
 */
class RegistryTokenTest {
    private static final String SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    private static final String VENDOR_PASSWORD = "vendor-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path tmp;
    static BrainDatabase db;
    static BrainServer brain;
    static String brainUrl;
    static TestRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        TestRegistry.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp.resolve("token.key").toString(),
                "-out", tmp.resolve("token.crt").toString(), "-days", "2", "-subj", "/CN=adaptive-brain"));
        var database = TestPostgres.get().newDatabase();
        db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password());
        RegistryTokens signer = RegistryTokens.fromFiles("adaptive-brain", "adaptive-registry", tmp.resolve("token.key"),
                tmp.resolve("token.crt"), Clock.systemUTC());
        brain = new BrainServer(db, new BrainServer.Settings(SECRET, Ed25519Keys.generate().getPrivate(),
                new LicenseDesk.Registry("127.0.0.1", "registry-secret".getBytes()),
                new BrainServer.Tokens(signer, "vendor", VENDOR_PASSWORD), null), Clock.systemUTC());
        brainUrl = "http://127.0.0.1:" + brain.start("127.0.0.1", 0);

        registry = TestRegistry.withTokens(tmp.resolve("registry"), brainUrl + TokenRoute.PATH, tmp.resolve("token.crt"));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        brain.close();
        db.close();
    }

    /** A customer with an active subscription; their registry account from the license the Brain issued. */
    private record Customer(String key, String password, String subscription) {
    }

    private static Customer subscribe() throws Exception {
        String sub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
        webhook("customer.subscription.created", sub, "active");
        LicenseDesk.Issued license = brain.licenses().reconcile(sub).orElseThrow();
        JsonNode body = DocumentCodec.decodeUntrusted(license.text(), DocumentKind.LICENSE).body();
        return new Customer(body.at("/registry/username").asText(), body.at("/registry/password").asText(), sub);
    }

    private static void webhook(String type, String sub, String status) throws Exception {
        ObjectNode s = JSON.createObjectNode().put("id", sub).put("object", "subscription").put("customer", "cus_" + sub)
                .put("status", status).put("current_period_end", Instant.now().plus(Duration.ofDays(30)).getEpochSecond());
        ObjectNode e = JSON.createObjectNode().put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "event").put("type", type).put("created", Instant.now().getEpochSecond());
        e.putObject("data").set("object", s);
        long t = Instant.now().getEpochSecond();
        String payload = e.toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(brainUrl + StripeWebhook.PATH))
                .header("Stripe-Signature", "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(SECRET, t + "." + payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void eachCustomerPullsTheirOwnImagesOnlyAndNeverPushesAndACancelledOneGetsNoNewToken() throws Exception {
        Customer acme = subscribe();
        Customer globex = subscribe();
        registry.push(acme.key() + "/backend", "vendor", VENDOR_PASSWORD);
        registry.push(globex.key() + "/backend", "vendor", VENDOR_PASSWORD);

        assertThat(registry.manifest(acme.key() + "/backend", acme.key(), acme.password()).statusCode()).isEqualTo(200);
        registry.pull(acme.key() + "/backend", acme.key(), acme.password());
        assertThat(registry.manifest(globex.key() + "/backend", globex.key(), globex.password()).statusCode()).isEqualTo(200);
        assertThat(registry.manifest(globex.key() + "/backend", acme.key(), acme.password()).statusCode())
                .as("another customer's image").isEqualTo(401);
        HttpResponse<byte[]> pushByCustomer = registry.call(HttpRequest.newBuilder(URI.create(registry.url + "/v2/" + acme.key()
                + "/backend/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()), acme.key(), acme.password());
        assertThat(pushByCustomer.statusCode()).as("a customer cannot push").isEqualTo(401);
        assertThat(registry.manifest(acme.key() + "/backend", acme.key(), "wrong").statusCode()).isEqualTo(401);

        // A token given before the cancellation holds its few minutes; no new one is given after it.
        HttpResponse<byte[]> challenge = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url + "/v2/" + acme.key()
                + "/backend/manifests/1")).build(), HttpResponse.BodyHandlers.ofByteArray());
        String before = TestRegistry.token(challenge, acme.key(), acme.password());
        assertThat(before).isNotNull();
        webhook("customer.subscription.deleted", acme.subscription(), "canceled");
        assertThat(TestRegistry.token(challenge, acme.key(), acme.password())).as("no token after the cancellation").isNull();
        assertThat(registry.manifest(acme.key() + "/backend", acme.key(), acme.password()).statusCode()).isEqualTo(401);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(registry.url + "/v2/" + acme.key() + "/backend/manifests/1"))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                .header("Authorization", "Bearer " + before).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("the token given before lasts at most " + RegistryTokens.LIFETIME).isEqualTo(200);
        assertThat(registry.manifest(globex.key() + "/backend", globex.key(), globex.password()).statusCode())
                .as("the other customer is untouched").isEqualTo(200);
    }
}
