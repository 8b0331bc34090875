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
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    @TempDir
    static Path tmp;
    static BrainDatabase db;
    static BrainServer brain;
    static String brainUrl;
    static Process registry;
    static String registryUrl;

    @BeforeAll
    static void start() throws Exception {
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp.resolve("token.key").toString(),
                "-out", tmp.resolve("token.crt").toString(), "-days", "2", "-subj", "/CN=adaptive-brain"));
        var database = TestPostgres.get().newDatabase();
        db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password());
        RegistryTokens signer = RegistryTokens.fromFiles("adaptive-brain", "adaptive-registry", tmp.resolve("token.key"),
                tmp.resolve("token.crt"), Clock.systemUTC());
        brain = new BrainServer(db, new BrainServer.Settings(SECRET, Ed25519Keys.generate().getPrivate(),
                new LicenseDesk.Registry("127.0.0.1", "registry-secret".getBytes()),
                new BrainServer.Tokens(signer, "vendor", VENDOR_PASSWORD)), Clock.systemUTC());
        brainUrl = "http://127.0.0.1:" + brain.start("127.0.0.1", 0);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        registryUrl = "http://127.0.0.1:" + port;
        Files.writeString(tmp.resolve("registry.yml"), """
                version: 0.1
                log: { level: warn }
                storage: { filesystem: { rootdirectory: %s } }
                http: { addr: "127.0.0.1:%d" }
                auth:
                  token:
                    realm: %s/v2/token
                    service: adaptive-registry
                    issuer: adaptive-brain
                    rootcertbundle: %s
                """.formatted(tmp.resolve("data"), port, brainUrl, tmp.resolve("token.crt")));
        registry = new ProcessBuilder("docker-registry", "serve", tmp.resolve("registry.yml").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("registry.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(registryUrl + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the registry did not start: " + Files.readString(tmp.resolve("registry.log")));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.destroy();
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

    /** A token for the scope the registry asked for in its 401, from the Brain, with these credentials; null if refused. */
    private static String token(HttpResponse<?> challenge, String user, String password) throws Exception {
        String header = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String url = params.get("realm") + "?service=" + params.get("service")
                + (params.containsKey("scope") ? "&scope=" + params.get("scope") : "");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()).get("token").asText() : null;
    }

    /** The request, asked again with a token for these credentials when the registry asks for one. */
    private static HttpResponse<byte[]> call(HttpRequest.Builder request, String user, String password) throws Exception {
        HttpResponse<byte[]> first = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 401) {
            return first;
        }
        String token = token(first, user, password);
        if (token == null) {
            return first;
        }
        return HTTP.send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String digest(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The vendor's build account pushes a small image as {@code repository:1}. */
    private static void push(String repository) throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repository).getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : List.of(config, layer)) {
            HttpResponse<byte[]> started = call(HttpRequest.newBuilder(URI.create(registryUrl + "/v2/" + repository
                    + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()), "vendor", VENDOR_PASSWORD);
            assertThat(started.statusCode()).as(new String(started.body())).isEqualTo(202);
            String location = started.headers().firstValue("Location").orElseThrow();
            URI put = URI.create(location.startsWith("http") ? location : registryUrl + location);
            HttpResponse<byte[]> done = call(HttpRequest.newBuilder(URI.create(put + (put.getQuery() == null ? "?" : "&")
                    + "digest=" + digest(blob))).PUT(HttpRequest.BodyPublishers.ofByteArray(blob))
                    .header("Content-Type", "application/octet-stream"), "vendor", VENDOR_PASSWORD);
            assertThat(done.statusCode()).as(new String(done.body())).isEqualTo(201);
        }
        String manifest = JSON.writeValueAsString(Map.of("schemaVersion", 2,
                "mediaType", "application/vnd.docker.distribution.manifest.v2+json",
                "config", Map.of("mediaType", "application/vnd.docker.container.image.v1+json", "size", config.length,
                        "digest", digest(config)),
                "layers", List.of(Map.of("mediaType", "application/vnd.docker.image.rootfs.diff.tar.gzip",
                        "size", layer.length, "digest", digest(layer)))));
        HttpResponse<byte[]> r = call(HttpRequest.newBuilder(URI.create(registryUrl + "/v2/" + repository + "/manifests/1"))
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json"), "vendor", VENDOR_PASSWORD);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    }

    private static HttpResponse<byte[]> pull(String repository, Customer who) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(registryUrl + "/v2/" + repository + "/manifests/1"))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json"), who.key(), who.password());
    }

    @Test
    void eachCustomerPullsTheirOwnImagesOnlyAndNeverPushesAndACancelledOneGetsNoNewToken() throws Exception {
        Customer acme = subscribe();
        Customer globex = subscribe();
        push(acme.key() + "/backend");
        push(globex.key() + "/backend");

        assertThat(pull(acme.key() + "/backend", acme).statusCode()).isEqualTo(200);
        assertThat(pull(globex.key() + "/backend", globex).statusCode()).isEqualTo(200);
        assertThat(pull(globex.key() + "/backend", acme).statusCode()).as("another customer's image").isEqualTo(401);
        HttpResponse<byte[]> pushByCustomer = call(HttpRequest.newBuilder(URI.create(registryUrl + "/v2/" + acme.key()
                + "/backend/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()), acme.key(), acme.password());
        assertThat(pushByCustomer.statusCode()).as("a customer cannot push").isEqualTo(401);
        assertThat(pull(acme.key() + "/backend", new Customer(acme.key(), "wrong", acme.subscription())).statusCode())
                .isEqualTo(401);

        // A token given before the cancellation holds its few minutes; no new one is given after it.
        HttpResponse<byte[]> challenge = HTTP.send(HttpRequest.newBuilder(URI.create(registryUrl + "/v2/" + acme.key()
                + "/backend/manifests/1")).build(), HttpResponse.BodyHandlers.ofByteArray());
        String before = token(challenge, acme.key(), acme.password());
        webhook("customer.subscription.deleted", acme.subscription(), "canceled");
        assertThat(token(challenge, acme.key(), acme.password())).as("no token after the cancellation").isNull();
        assertThat(pull(acme.key() + "/backend", acme).statusCode()).isEqualTo(401);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(registryUrl + "/v2/" + acme.key() + "/backend/manifests/1"))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                .header("Authorization", "Bearer " + before).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .as("the token given before lasts at most " + RegistryTokens.LIFETIME).isEqualTo(200);
        assertThat(pull(globex.key() + "/backend", globex).statusCode()).as("the other customer is untouched").isEqualTo(200);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }
}
