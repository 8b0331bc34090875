package com.adaptivestartup.brain.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.brain.BrainDatabase;
import com.adaptivestartup.brain.BrainServer;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.console.vendor.BrainCommands;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.server.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vendor staff (issue 28): the staff page and API behind sign-in (email and staff key), through the page's cookie and
 * through {@code adaptive-vendor brain} (console-core's commands, run here against the Brain): views, publishing, a pin,
 * notices, a new staff member; wrong keys, too many tries, a cookie without the page's header, bad input refused.
 */
class StaffTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final java.security.KeyPair VENDOR = Ed25519Keys.generate();
    private static final String FIRST = "ops@vendor.example";
    private static final String KEY = "first-staff-key-" + UUID.randomUUID();
    static BrainDatabase db;
    static BrainServer brain;
    static String base;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        var database = TestPostgres.get().newDatabase();
        db = BrainDatabase.open(database.jdbcUrl(), database.user(), database.password());
        brain = new BrainServer(db, new BrainServer.Settings("whsec_" + UUID.randomUUID(), VENDOR.getPrivate(),
                new LicenseDesk.Registry("registry.example.com", "registry-secret".getBytes()), null, null), Clock.systemUTC());
        brain.staff().first(FIRST, KEY);
        base = "http://127.0.0.1:" + brain.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        brain.close();
        db.close();
    }

    record Run(int exit, String out, String err) {
    }

    private static Run vendor(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 2];
            all[0] = args[0];
            System.arraycopy(args, 1, all, 1, args.length - 1);
            all[args.length] = "--session";
            all[args.length + 1] = tmp.resolve("session.json").toString();
            int exit = BrainCommands.group().execute(all);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static HttpResponse<String> http(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signIn(String email, String key) {
        return JSON.createObjectNode().put("email", email).put("key", key).toString();
    }

    @Test
    void staffSignInAndSeeAndChangeThroughThePageAndTheCommands() throws Exception {
        HttpResponse<String> page = http("GET", "/staff", null);
        assertThat(page.body()).contains("Staff sign-in").contains("<script src=\"/staff/staff.js\">");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'")
                .doesNotContain("script-src");
        assertThat(http("GET", "/staff/v1/views/customers", null).statusCode()).isEqualTo(401);
        assertThat(http("POST", "/staff/sign-in", signIn(FIRST, "not-the-key")).statusCode()).isEqualTo(401);

        // The page's way: a cookie, HttpOnly and SameSite=Strict; changes only with the page's own header.
        HttpResponse<String> signed = http("POST", "/staff/sign-in", signIn(FIRST, KEY));
        assertThat(signed.statusCode()).isEqualTo(200);
        String setCookie = signed.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/staff");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(http("GET", "/staff/v1/views/licenses", null, "Cookie", cookie).statusCode()).isEqualTo(200);
        String notice = "{\"id\":\"maint-1\",\"severity\":\"info\",\"title\":\"Maintenance\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}";
        assertThat(http("POST", "/staff/v1/notices", notice, "Cookie", cookie).statusCode()).as("no page header").isEqualTo(403);
        assertThat(http("POST", "/staff/v1/notices", notice, "Cookie", cookie, "X-Requested-By", "brain-staff").statusCode())
                .isEqualTo(200);
        assertThat(http("POST", "/staff/sign-out", null, "Cookie", cookie).statusCode()).isEqualTo(200);
        assertThat(http("GET", "/staff/v1/views/licenses", null, "Cookie", cookie).statusCode()).as("signed out").isEqualTo(401);

        // The commands' way.
        Path keyFile = Files.writeString(tmp.resolve("key"), KEY + "\n");
        Run in = vendor("sign-in", "--url", base, "--email", FIRST, "--key-file", keyFile.toString());
        assertThat(in.exit()).as(in.err()).isZero();
        assertThat(in.out()).contains("signed in to " + base + " as " + FIRST);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("session.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Run notices = vendor("show", "notices");
        assertThat(notices.out().lines().toList()).hasSize(2);
        assertThat(notices.out()).startsWith("id ").contains("maint-1").contains("Maintenance");

        String customer = "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ObjectNode body = JSON.createObjectNode().put("schema", 1).put("version", "1.2.0").put("customerId", customer);
        body.putObject("images").putObject("backend").put("digest", "sha256:" + "a".repeat(64));
        Path manifest = Files.writeString(tmp.resolve("release.asr"),
                new DocumentSigner(VENDOR.getPrivate()).sign(DocumentKind.RELEASE_MANIFEST, body).compact());
        Run published = vendor("publish", "--manifest", manifest.toString());
        assertThat(published.out()).as(published.err()).contains("published on stable for " + customer);
        assertThat(vendor("pin", customer, "--up-to", "1.1.0", "--reason", "waits for their SSO change").exit()).isZero();
        Run channels = vendor("show", "channels", "--json");
        JsonNode rows = JSON.readTree(channels.out());
        assertThat(rows).extracting(r -> r.get("name").asText()).contains("stable-" + customer, "beta-" + customer);
        Run customers = vendor("show", "releases");
        assertThat(customers.out()).contains(customer).contains("1.2.0").contains("stable");
        Run withdrawn = vendor("notice", "withdraw", "maint-1");
        assertThat(withdrawn.out()).contains("notice maint-1 withdrawn");
        Run again = vendor("notice", "withdraw", "maint-1");
        assertThat(again.exit()).isOne();
        assertThat(again.err()).contains("there is no notice maint-1");

        // Bad input, in words.
        Run badPin = vendor("pin", customer, "--up-to", "newest", "--reason", "x");
        assertThat(badPin.exit()).isOne();
        assertThat(badPin.err()).contains("a version such as 1.2.0");
        Run badView = vendor("show", "secrets");
        assertThat(badView.err()).contains("there is no view secrets; there are channels, console-releases, customers");
        Run badNotice = vendor("notice", "add", "--id", "x", "--severity", "urgent", "--title", "t", "--expires", "2099-01-01T00:00:00Z");
        assertThat(badNotice.err()).contains("info, warning or critical");

        // A new staff member: the key printed once, theirs to sign in with.
        Run added = vendor("staff", "add", "second@vendor.example");
        assertThat(added.exit()).as(added.err()).isZero();
        String secondKey = added.out().strip();
        assertThat(secondKey).startsWith("bsk_");
        assertThat(http("POST", "/staff/sign-in", signIn("second@vendor.example", secondKey)).statusCode()).isEqualTo(200);
        assertThat(vendor("staff", "add", "second@vendor.example").err()).contains("is staff already");

        // Five wrong keys for one address: the sixth try is refused even with the right key.
        for (int i = 0; i < 5; i++) {
            assertThat(http("POST", "/staff/sign-in", signIn("second@vendor.example", "bsk_wrong")).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> tooMany = http("POST", "/staff/sign-in", signIn("second@vendor.example", secondKey));
        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.body()).contains("too many failed sign-ins");

        Run out = vendor("sign-out");
        assertThat(out.exit()).isZero();
        assertThat(tmp.resolve("session.json")).doesNotExist();
        assertThat(vendor("show", "customers").err()).contains("not signed in to a Brain");
        assertThat(vendor("sign-in", "--url", "http://brain.example.com", "--email", FIRST, "--key-file", keyFile.toString())
                .err()).contains("https://");
    }

    /**
     * A customer who pays by invoice: staff record the payment with the key they chose, the license is written for them
     * (signed by the vendor key, the registry account acme-like and pull-only), paying again to the same day changes
     * nothing, a later day renews, an earlier one is refused; ending them revokes it and their pulls; bad keys in words.
     */
    @Test
    void anInvoicedCustomerIsRecordedByStaffLicensedAndEnded() throws Exception {
        String payment = "{\"paidUntil\":\"2099-01-01T00:00:00Z\",\"email\":\"it@acme.example\"}";
        assertThat(http("PUT", "/staff/v1/customers/intruder", payment).statusCode()).as("not signed in").isEqualTo(401);
        assertThat(http("PUT", "/staff/v1/customers/intruder", payment, "Authorization", "Bearer not-a-session")
                .statusCode()).as("a made-up session").isEqualTo(401);
        assertThat(http("DELETE", "/staff/v1/customers/intruder", null).statusCode()).isEqualTo(401);
        Path keyFile = Files.writeString(tmp.resolve("invoiced-key"), KEY + "\n");
        assertThat(vendor("sign-in", "--url", base, "--email", FIRST, "--key-file", keyFile.toString()).exit()).isZero();
        assertThat(vendor("show", "customers").out()).as("nothing recorded without a session").doesNotContain("intruder");
        String key = "acme-" + UUID.randomUUID().toString().substring(0, 6);
        Path out = tmp.resolve(key + ".lic");
        String until = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1).toString();
        Run paid = vendor("customer", "paid", key, "--until", until, "--email", "it@acme.example", "--name", "Acme Inc",
                "--out", out.toString());
        assertThat(paid.exit()).as(paid.err()).isZero();
        assertThat(paid.out()).contains(key + " has license lic-");
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var verified = new com.adaptivestartup.licensing.signing.DocumentVerifier(com.adaptivestartup.licensing.signing
                .TrustedKeys.of(VENDOR.getPublic())).verify(Files.readString(out).strip(), DocumentKind.LICENSE);
        assertThat(verified).as("signed by the vendor key").isInstanceOf(com.adaptivestartup.licensing.signing.VerificationResult
                .Verified.class);
        JsonNode license = ((com.adaptivestartup.licensing.signing.VerificationResult.Verified) verified).document().body();
        assertThat(license.at("/customer/id").asText()).isEqualTo(key);
        assertThat(license.at("/registry/username").asText()).isEqualTo(key);
        assertThat(license.at("/updates/channel").asText()).isEqualTo("stable-" + key);
        assertThat(java.time.Instant.parse(license.get("expiresAt").asText())).isEqualTo(java.time.LocalDate.parse(until)
                .plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plus(com.adaptivestartup.brain.billing.BillingLedger.GRACE));
        String password = license.at("/registry/password").asText();
        assertThat(brain.licenses().mayPull(key, password)).isTrue();
        assertThat(brain.licenses().mayPull(key, password + "x")).isFalse();
        assertThat(vendor("show", "customers").out()).contains("invoiced:" + key).contains("Acme Inc").contains("invoiced");

        // The same day again: the same license; an earlier day refused; a later one renews.
        Run again = vendor("customer", "paid", key, "--until", until, "--email", "it@acme.example", "--out", out.toString());
        assertThat(again.out()).as(again.err()).contains(license.get("licenseId").asText());
        Run earlier = vendor("customer", "paid", key, "--until", java.time.LocalDate.parse(until).minusDays(10).toString(),
                "--email", "it@acme.example", "--out", tmp.resolve("earlier.lic").toString());
        assertThat(earlier.exit()).isOne();
        assertThat(earlier.err()).contains(key + " has paid until").contains("a later day extends it");
        assertThat(tmp.resolve("earlier.lic")).doesNotExist();
        Run later = vendor("customer", "paid", key, "--until", java.time.LocalDate.parse(until).plusMonths(1).toString(),
                "--email", "it@acme.example", "--out", out.toString());
        assertThat(later.exit()).as(later.err()).isZero();
        assertThat(later.out()).doesNotContain(license.get("licenseId").asText());

        // Bad input, in words, and nothing recorded.
        for (String bad : java.util.List.of("Acme", "c-0123456789abcdef", "a", "acme_inc")) {
            Run refused = vendor("customer", "paid", bad, "--until", until, "--email", "it@acme.example",
                    "--out", tmp.resolve("bad.lic").toString());
            assertThat(refused.exit()).as(bad).isOne();
            assertThat(refused.err()).contains("a customer's key is 2 to 31 lower-case letters");
        }
        assertThat(vendor("customer", "paid", key + "-x", "--until", "2001-01-01", "--email", "it@acme.example", "--out",
                tmp.resolve("bad.lic").toString()).err()).contains("which is already past");
        assertThat(vendor("customer", "paid", key + "-x", "--until", until, "--email", "nobody", "--out",
                tmp.resolve("bad.lic").toString()).err()).contains("email address is needed");
        assertThat(vendor("customer", "paid", key + "-x", "--until", until, "--email", "it@acme.example", "--edition",
                "gold", "--out", tmp.resolve("bad.lic").toString()).err()).contains("there is no edition 'gold'");
        assertThat(tmp.resolve("bad.lic")).doesNotExist();
        var reserved = new com.adaptivestartup.brain.licenses.InvoicedCustomers(db.dataSource(), brain.licenses(),
                java.util.Set.of("vendor"), Clock.systemUTC());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reserved.paid(new com.adaptivestartup.brain.licenses
                .InvoicedCustomers.Payment("vendor", java.time.Instant.now().plusSeconds(86_400), "it@acme.example", null,
                null, 1), FIRST)).hasMessageContaining("is the vendor's registry account");

        // Ended: revoked at once, their pulls refused; ended stays ended.
        Run ended = vendor("customer", "end", key);
        assertThat(ended.exit()).as(ended.err()).isZero();
        assertThat(ended.out()).contains(key + " ended");
        assertThat(brain.licenses().mayPull(key, password)).isFalse();
        assertThat(vendor("customer", "paid", key, "--until", until, "--email", "it@acme.example", "--out",
                tmp.resolve("bad.lic").toString()).err()).contains("a customer ended stays ended");
        assertThat(vendor("customer", "end", "nobody-here").err()).contains("there is no invoiced customer nobody-here");
        assertThat(vendor("sign-out").exit()).isZero();
    }
}
