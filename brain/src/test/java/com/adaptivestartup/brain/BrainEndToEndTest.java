package com.adaptivestartup.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.brain.billing.StripeWebhook;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.brain.mail.CustomerMail;
import com.adaptivestartup.brain.provisioning.BuildPipeline;
import com.adaptivestartup.brain.registry.RegistryTokens;
import com.adaptivestartup.brain.registry.TestRegistry;
import com.adaptivestartup.brain.registry.TokenRoute;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.docker.RegistryAuth;
import com.adaptivestartup.console.install.Fixture;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.StackProbe;
import com.adaptivestartup.console.install.TestConsole;
import com.adaptivestartup.console.stack.Edition;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.console.update.UpdateSettings;
import com.adaptivestartup.licensing.signing.DocumentCodec;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.server.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Brain end to end (issue 28), with the real console on the real engine: a customer subscribes (Stripe's events,
 * signed as Stripe signs them); the Brain provisions them through a pipeline on this machine (behind BuildPipeline, as
 * GitHub's is: the edition's image pushed under the customer's name into a registry whose only authority is the Brain's
 * token service, with the vendor's build account), signs their release and puts it on their channel, and mails the
 * license (read from GreenMail, a real SMTP server); the console installs with that license and that channel's release,
 * pulling as the customer through the Brain's tokens; its heartbeat is answered active; the subscription is cancelled:
 * the standing turns revoked, updates are off, the stack keeps running, and the registry gives the customer nothing more.
 */
@Tag("e2e")
class BrainEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String STRIPE = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    private static final String CALLBACK = "callback-" + UUID.randomUUID();
    private static final String VENDOR_PASSWORD = "vendor-" + UUID.randomUUID();
    private static final Pattern LICENSE = Pattern.compile("ASL1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    @TempDir
    Path tmp;

    private static HttpResponse<String> deliver(String brain, String type, ObjectNode object) throws Exception {
        ObjectNode e = JSON.createObjectNode().put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""))
                .put("object", "event").put("type", type).put("created", Instant.now().getEpochSecond());
        e.putObject("data").set("object", object);
        String payload = e.toString();
        long t = Instant.now().getEpochSecond();
        return HTTP.send(HttpRequest.newBuilder(URI.create(brain + StripeWebhook.PATH))
                .header("Stripe-Signature", "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(STRIPE, t + "." + payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The vendor's pipeline on this machine: the customer's edition image (the single container: the one this customer
     * runs) pushed under their name with the build account, then the report with the release to sign, as the workflow
     * does at its end.
     */
    private record LocalPipeline(DockerEngine engine, Fixture fixture, String registry, String brain) implements BuildPipeline {
        @Override
        public void build(String customer, UUID job) {
            Thread.ofVirtual().start(() -> {
                try {
                    String repository = registry + "/" + customer + "/single";
                    engine.tagImage(engine.imageId(fixture.single120).orElseThrow(), repository, "1.2.0");
                    String digest = engine.push(repository, "1.2.0", new RegistryAuth(registry, "vendor", VENDOR_PASSWORD),
                            (layer, status, current, total) -> { });
                    ObjectNode release = (ObjectNode) JSON.readTree(fixture.release120.resolveSibling("release-1.2.0.json").toFile());
                    release.put("customerId", customer);
                    ((ObjectNode) release.path("images").path("single")).put("repository", customer + "/single")
                            .put("digest", digest);
                    ObjectNode report = JSON.createObjectNode().put("version", "1.2.0");
                    report.set("images", release.get("images").deepCopy());
                    report.set("release", release);
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(brain + "/v1/builds/" + job + "/complete"))
                            .header("Authorization", "Bearer " + CALLBACK)
                            .POST(HttpRequest.BodyPublishers.ofString(report.toString())).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("the Brain refused the build's report: " + r.body());
                    }
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(LocalPipeline.class).error("the local build failed", e);
                }
            });
        }
    }

    @Test
    void aSubscriptionBecomesARunningStackAndItsCancellationTurnsUpdatesOffWhileTheStackRuns() throws Exception {
        Fixture fixture = Fixture.load();
        DockerEngine engine = ((EngineLocator.Outcome.Found) new EngineLocator(EngineStrategies.forThisMachine(System.getenv(),
                System.getProperty("os.name"), Path.of(System.getProperty("user.home")))).locate()).engine();
        TestRegistry.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                tmp.resolve("token.key").toString(), "-out", tmp.resolve("token.crt").toString(), "-days", "2", "-subj",
                "/CN=adaptive-brain"));
        int brainPort = StackProbe.freePort();
        String brainUrl = "http://127.0.0.1:" + brainPort;
        int smtpPort = StackProbe.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        var database = TestPostgres.get().newDatabase();
        String project = "brain" + UUID.randomUUID().toString().substring(0, 6);
        String pushed = null;
        TestConsole console = null;
        try (TestRegistry registry = TestRegistry.withTokens(tmp.resolve("registry"), brainUrl + TokenRoute.PATH,
                tmp.resolve("token.crt"));
             BrainDatabase db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password())) {
            String registryHost = registry.url.substring("http://".length());
            BrainServer.Provisions provisions = new BrainServer.Provisions(new LocalPipeline(engine, fixture, registryHost, brainUrl),
                    new CustomerMail("127.0.0.1", smtpPort, null, null, "Adaptive Startup <hello@adaptive.example>",
                            "https://adaptive.example/download"), CALLBACK, Duration.ofMillis(300));
            try (BrainServer brain = new BrainServer(db, new BrainServer.Settings(STRIPE, fixture.vendorKey,
                    new LicenseDesk.Registry(registryHost, "registry-secret".getBytes()), new BrainServer.Tokens(
                    RegistryTokens.fromFiles("adaptive-brain", "adaptive-registry", tmp.resolve("token.key"),
                            tmp.resolve("token.crt"), Clock.systemUTC()), "vendor", VENDOR_PASSWORD), provisions), Clock.systemUTC())) {
                brain.start("127.0.0.1", brainPort);

                // The customer signs up.
                String sub = "sub_" + UUID.randomUUID().toString().substring(0, 12);
                String customer = "cus_" + sub;
                deliver(brainUrl, "customer.created", JSON.createObjectNode().put("id", customer).put("object", "customer")
                        .put("email", "founder@acme.example").put("name", "Acme"));
                ObjectNode subscription = JSON.createObjectNode().put("id", sub).put("object", "subscription")
                        .put("customer", customer).put("status", "active")
                        .put("current_period_end", Instant.now().plus(Duration.ofDays(30)).getEpochSecond());
                Instant signedUp = Instant.now();
                assertThat(deliver(brainUrl, "customer.subscription.created", subscription).statusCode()).isEqualTo(200);
                String key = LicenseDesk.customerKey(customer);
                pushed = registryHost + "/" + key + "/single:1.2.0";

                // Built, signed, on the channel, and mailed.
                assertThat(smtp.waitForIncomingEmail(240_000, 1)).as("the welcome mail").isTrue();
                System.out.printf("a subscription to its welcome mail (the edition's image pushed, the release signed):"
                        + " %d ms%n", Duration.between(signedUp, Instant.now()).toMillis());
                String mail = GreenMailUtil.getBody(smtp.getReceivedMessages()[0]).replaceAll("=\\r?\\n", "");
                Matcher m = LICENSE.matcher(mail);
                assertThat(m.find()).as("a license key in the mail").isTrue();
                String license = m.group();
                String channel = HTTP.send(HttpRequest.newBuilder(URI.create(brainUrl + "/v1/channels/stable-" + key)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                JsonNode releases = DocumentCodec.decodeUntrusted(channel, DocumentKind.CHANNEL_MANIFEST).body().get("releases");
                assertThat(releases).hasSize(1);
                Path release = Files.writeString(tmp.resolve("release-1.2.0.asr"), releases.get(0).get("manifest").asText());

                // The console installs with them, pulling as the customer through the Brain's tokens.
                TestConsole admin = TestConsole.at(fixture, engine, tmp.resolve("console"), brainUrl);
                console = admin;
                int port = StackProbe.freePort();
                InstallResult installed = console.installer().install(new InstallRequest(license, tmp.resolve(project), project,
                        port, "founder@acme.example", null, release.toString())
                        .withSettings(StackSettings.DEFAULTS.withEdition(Edition.SINGLE)), InstallListener.SILENT);
                assertThat(installed.version()).isEqualTo("1.2.0");
                assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
                assertThat(engine.containers(Map.of("com.docker.compose.project", project)))
                        .allSatisfy(c -> assertThat(c.image()).startsWith(registryHost + "/" + key + "/single"));

                // The heartbeat: answered active, the installation on the Brain's record (versions and states only).
                new UpdateSettings.Store(console.state()).save(project, UpdateSettings.NONE.withSource(brainUrl));
                console.heartbeat().enable(project, true);
                assertThat(console.heartbeat().send(project).revoked()).isFalse();
                List<Map<String, Object>> seen = new com.adaptivestartup.brain.staff.StaffViews(db.dataSource())
                        .rows("installations").orElseThrow();
                assertThat(seen).singleElement().satisfies(i -> {
                    assertThat(i.get("customer_key")).isEqualTo(key);
                    assertThat(i.get("app_version")).isEqualTo("1.2.0");
                    assertThat(i.get("overall")).isEqualTo("healthy");
                });

                // Cancelled: the standing turns revoked, updates are off, the stack runs on; no more pulls.
                subscription.put("status", "canceled");
                assertThat(deliver(brainUrl, "customer.subscription.deleted", subscription).statusCode()).isEqualTo(200);
                var standing = console.heartbeat().send(project);
                assertThat(standing.revoked()).isTrue();
                assertThat(standing.reason()).startsWith("the subscription was cancelled");
                assertThatThrownBy(() -> admin.updates().apply(project, null, InstallListener.SILENT))
                        .isInstanceOf(UpdateService.UpdateFailed.class).hasMessageContaining("Updates are off; the stack keeps running");
                assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
                HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(brainUrl + TokenRoute.PATH
                        + "?service=adaptive-registry&scope=repository:" + key + "/single:pull")).header("Authorization",
                        "Basic " + java.util.Base64.getEncoder().encodeToString((key + ":" + DocumentCodec.decodeUntrusted(
                                license, DocumentKind.LICENSE).body().at("/registry/password").asText()).getBytes())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(token.statusCode()).as("no registry token once cancelled: " + token.body()).isEqualTo(401);
            }
        } finally {
            if (console != null) {
                console.stacks().uninstall(project, false);
            }
            if (pushed != null) {
                try {
                    engine.removeImage(pushed);
                } catch (RuntimeException gone) {
                    // never tagged: the build did not get that far
                }
            }
            smtp.stop();
            engine.close();
        }
    }
}
