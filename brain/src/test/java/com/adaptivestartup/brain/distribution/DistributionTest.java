package com.adaptivestartup.brain.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.brain.BrainDatabase;
import com.adaptivestartup.brain.BrainServer;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.console.update.ChannelManifest;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.DocumentVerifier;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.adaptivestartup.licensing.signing.VerificationResult;
import com.adaptivestartup.server.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Update distribution (issue 28): a customer's releases published on stable and beta, a pin, notices and a console
 * release make the customer's signed channels, served at GET /v1/channels/{channel}, read back with the console's own
 * parser, each change with the next sequence number; bad input refused with nothing changed; channels near their end
 * signed again.
 */
class DistributionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final java.security.KeyPair VENDOR = Ed25519Keys.generate();
    private static final DocumentSigner SIGN = new DocumentSigner(VENDOR.getPrivate());
    private static final DocumentVerifier VERIFY = new DocumentVerifier(TrustedKeys.of(VENDOR.getPublic()));
    private static final String CUSTOMER = "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    static BrainDatabase db;
    static BrainServer brain;
    static String base;

    @BeforeAll
    static void start() {
        var database = TestPostgres.get().newDatabase();
        db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password());
        brain = new BrainServer(db, new BrainServer.Settings("whsec_" + UUID.randomUUID(), VENDOR.getPrivate(),
                new LicenseDesk.Registry("registry.example.com", "registry-secret".getBytes()), null, null), Clock.systemUTC());
        base = "http://127.0.0.1:" + brain.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        brain.close();
        db.close();
    }

    private static String release(String customer, String version, DocumentSigner signer) {
        ObjectNode body = JSON.createObjectNode().put("schema", 1).put("version", version).put("customerId", customer);
        body.putObject("images").putObject("backend").put("repository", customer + "/backend")
                .put("digest", "sha256:" + "a".repeat(64));
        return signer.sign(DocumentKind.RELEASE_MANIFEST, body).compact();
    }

    /** The channel as a console reads it: fetched, its signature checked, parsed by the console's own reader. */
    private static ChannelManifest channel(String name) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/channels/" + name)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        VerificationResult v = VERIFY.verify(r.body(), DocumentKind.CHANNEL_MANIFEST);
        assertThat(v).isInstanceOf(VerificationResult.Verified.class);
        JsonNode body = ((VerificationResult.Verified) v).document().body();
        ChannelManifest m = ChannelManifest.fromJson(body);
        assertThat(m.channel()).isEqualTo(name);
        return m;
    }

    private static List<String> versions(ChannelManifest m) {
        return m.releases().stream().map(ChannelManifest.Release::version).toList();
    }

    @Test
    void releasesPinsNoticesAndConsoleReleasesMakeTheCustomersSignedChannels() throws Exception {
        Distribution d = brain.distribution();
        assertThat(d.publish(release(CUSTOMER, "1.2.0", SIGN), "stable")).isEqualTo(CUSTOMER);
        ChannelManifest first = channel("stable-" + CUSTOMER);
        assertThat(versions(first)).containsExactly("1.2.0");
        assertThat(first.releases().get(0).signedManifest()).isEqualTo(release(CUSTOMER, "1.2.0", SIGN));
        assertThat(first.expiresAt()).isEqualTo(first.issuedAt().plus(ChannelDocuments.LIFETIME));

        d.publish(release(CUSTOMER, "1.3.0", SIGN), "beta");
        d.publish(release(CUSTOMER, "1.2.1", SIGN), "stable");
        assertThat(versions(channel("stable-" + CUSTOMER))).containsExactly("1.2.0", "1.2.1");
        assertThat(versions(channel("beta-" + CUSTOMER))).containsExactly("1.2.0", "1.2.1", "1.3.0");
        long before = channel("beta-" + CUSTOMER).sequence();

        d.pin(CUSTOMER, "1.2.0", "their integration breaks on 1.2.1 (ticket 4411)");
        assertThat(versions(channel("stable-" + CUSTOMER))).containsExactly("1.2.0");
        assertThat(versions(channel("beta-" + CUSTOMER))).containsExactly("1.2.0");
        assertThat(channel("beta-" + CUSTOMER).sequence()).isEqualTo(before + 1);
        d.pin(CUSTOMER, null, null);
        assertThat(versions(channel("beta-" + CUSTOMER))).containsExactly("1.2.0", "1.2.1", "1.3.0");

        Instant expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        d.notice(new Distribution.Notice("adv-2026-12", "critical", "Update to 1.2.1", "Fixes the sign-in limit.", "1.2.0",
                "1.2.1", List.of("standard", "enterprise"), expires));
        d.notice(new Distribution.Notice("gone", "info", "Expired already", "", null, null, List.of(),
                Instant.now().minusSeconds(60)));
        d.consoleRelease("1.3.0", "Dark mode follows the system", List.of(new Distribution.Installer("windows", "msi",
                "console/1.3.0/Adaptive-Startup-Console-1.3.0.msi", 52_000_000, "b".repeat(64))));
        ChannelManifest withNotice = channel("stable-" + CUSTOMER);
        assertThat(withNotice.notices()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo("adv-2026-12");
            assertThat(n.fromVersion()).isEqualTo("1.2.0");
            assertThat(n.belowVersion()).isEqualTo("1.2.1");
            assertThat(n.editions()).containsExactly("standard", "enterprise");
            assertThat(n.expiresAt()).isEqualTo(expires);
        });
        assertThat(withNotice.consoleReleases()).singleElement().satisfies(c -> assertThat(c.version()).isEqualTo("1.3.0"));

        // Bad input: refused in words, nothing changed (the channel keeps its number).
        long settled = channel("stable-" + CUSTOMER).sequence();
        DocumentSigner stranger = new DocumentSigner(Ed25519Keys.generate().getPrivate());
        assertThatThrownBy(() -> d.publish(release(CUSTOMER, "9.0.0", stranger), "stable"))
                .hasMessageContaining("signed by key").hasMessageContaining("not the Brain's");
        String signed = release(CUSTOMER, "9.0.0", SIGN);
        String tampered = signed.substring(0, signed.lastIndexOf('.') - 4) + "AAAA" + signed.substring(signed.lastIndexOf('.'));
        assertThatThrownBy(() -> d.publish(tampered, "stable")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.publish(release("Acme Inc", "9.0.0", SIGN), "stable"))
                .hasMessageContaining("built for \"Acme Inc\"");
        assertThatThrownBy(() -> d.publish(release(CUSTOMER, "9.0.0", SIGN), "nightly"))
                .hasMessageContaining("stable or beta, not \"nightly\"");
        assertThatThrownBy(() -> d.pin(CUSTOMER, "latest", "x")).hasMessageContaining("a version such as 1.2.0");
        assertThatThrownBy(() -> d.pin(CUSTOMER, "1.2.0", " ")).hasMessageContaining("say why");
        assertThatThrownBy(() -> d.notice(new Distribution.Notice("x", "urgent", "t", "", null, null, List.of(), expires)))
                .hasMessageContaining("info, warning or critical");
        assertThatThrownBy(() -> d.notice(new Distribution.Notice("x", "info", "t", "", "1.3.0", "1.2.0", List.of(), expires)))
                .hasMessageContaining("no version is in that range");
        assertThatThrownBy(() -> d.notice(new Distribution.Notice("x", "info", "t", "", null, null, List.of("gold"), expires)))
                .hasMessageContaining("trial, standard or enterprise, not \"gold\"");
        assertThatThrownBy(() -> d.consoleRelease("1.4.0", "", List.of(new Distribution.Installer("windows", "msi",
                "http://downloads.example/console.msi", 1, "b".repeat(64))))).hasMessageContaining("https://");
        assertThat(channel("stable-" + CUSTOMER).sequence()).isEqualTo(settled);
        assertThat(versions(channel("beta-" + CUSTOMER))).doesNotContain("9.0.0");
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/channels/stable-c-0000000000000000"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(404);

        // Eight days on, the channels are signed again: same content, the next number, a new end.
        Distribution later = new Distribution(db.dataSource(), SIGN, TrustedKeys.of(VENDOR.getPublic()),
                Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC));
        assertThat(later.renewExpiring()).isGreaterThanOrEqualTo(2);
        ChannelManifest renewed = channel("stable-" + CUSTOMER);
        assertThat(renewed.sequence()).isEqualTo(settled + 1);
        assertThat(versions(renewed)).isEqualTo(versions(withNotice));
        assertThat(renewed.expiresAt()).isAfter(Instant.now().plus(Duration.ofDays(21)));
        assertThat(later.renewExpiring()).as("nothing left to renew").isZero();
        try (Connection c = db.dataSource().getConnection(); var q = c.createStatement();
             var r = q.executeQuery("SELECT count(*) FROM channels WHERE customer_key = '" + CUSTOMER + "'")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void theVendorsNextKeyIsAnnouncedInEveryChannelAndPublished() throws Exception {
        java.security.KeyPair next = Ed25519Keys.generate();
        String customer = "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (BrainServer rotating = new BrainServer(db, new BrainServer.Settings("whsec_" + UUID.randomUUID(), VENDOR.getPrivate(),
                new LicenseDesk.Registry("registry.example.com", "registry-secret".getBytes()), null, null,
                List.of(next.getPublic())), Clock.systemUTC())) {
            String at = "http://127.0.0.1:" + rotating.start("127.0.0.1", 0);
            // a release the pipeline signed with the next key already is taken
            rotating.distribution().publish(release(customer, "1.2.0", new DocumentSigner(next.getPrivate())), "stable");
            ChannelManifest m = ChannelManifest.fromJson(((VerificationResult.Verified) VERIFY.verify(
                    rotating.distribution().channel("stable-" + customer).orElseThrow(), DocumentKind.CHANNEL_MANIFEST))
                    .document().body());
            assertThat(m.nextKeys()).containsExactly(next.getPublic());
            JsonNode keys = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(at + "/v1/keys")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(keys.at("/signing/kid").asText()).isEqualTo(Ed25519Keys.keyId(VENDOR.getPublic()));
            assertThat(keys.at("/next/0/kid").asText()).isEqualTo(Ed25519Keys.keyId(next.getPublic()));
            assertThat(Ed25519Keys.publicKeyFromPem(keys.at("/next/0/publicKey").asText())).isEqualTo(next.getPublic());
        }
        JsonNode none = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/keys")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(none.get("next")).isEmpty();
    }
}
