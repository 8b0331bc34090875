package com.adaptivestartup.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.licensing.license.Edition;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseIssuer;
import com.adaptivestartup.licensing.license.RegistryAccess;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.SignedDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenseCommandTest {
    private static final Instant ISSUED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-11-01T00:00:00Z");

    @TempDir
    Path dir;
    private final KeyPair vendor = Ed25519Keys.generate();
    private Map<String, String> env;
    private String key;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() throws Exception {
        Path pub = Files.writeString(dir.resolve("vendor.public.pem"), Ed25519Keys.toPem(vendor.getPublic()));
        env = Map.of("ADAPTIVE_TRUSTED_KEYS", pub.toString(), "ADAPTIVE_CONSOLE_HOME", dir.resolve("home").toString());
        License license = new License("lic-7", "acme", "Acme Robotics", Edition.TRIAL, 5, Set.of(), ISSUED, ISSUED,
                EXPIRES, 7, "stable", null, null, new RegistryAccess("127.0.0.1:5000", "acme", "acme", "pull-secret"),
                null);
        SignedDocument doc = new LicenseIssuer(new DocumentSigner(vendor.getPrivate())).issue(license);
        key = doc.compact();
        Files.writeString(dir.resolve("acme.lic"), LicenseIssuer.licenseFileText(doc, license));
    }

    private int run(Instant now, String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var context = new CliContext(env, Clock.fixed(now, ZoneOffset.UTC)) {
            @Override
            public InputStream stdin() {
                return new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
            }
        };
        var cli = AdaptiveCtl.commandLine(context);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aValidKeyExitsZeroAndSaysWhoItIsFor() {
        assertThat(run(ISSUED.plusSeconds(86400), "", "license", "verify", key)).isZero();
        assertThat(out.toString()).startsWith("OK: Valid license for Acme Robotics (trial, 5 seats)")
                .contains("registry:  acme@127.0.0.1:5000/acme").doesNotContain("pull-secret");
        assertThat(err.toString()).contains("also trusting vendor keys from");
    }

    @Test
    void aLicenseFileAndStandardInputWorkToo() {
        assertThat(run(ISSUED.plusSeconds(86400), "", "license", "verify", dir.resolve("acme.lic").toString())).isZero();
        assertThat(run(ISSUED.plusSeconds(86400), "\n  " + key + "\n", "license", "verify", "-")).isZero();
    }

    @Test
    void jsonSaysTheVerdictAndHidesThePassword() throws Exception {
        assertThat(run(EXPIRES.plusSeconds(86400), "", "license", "verify", "--json", key)).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("usable").asBoolean()).isTrue();
        assertThat(json.get("verdict").asText()).isEqualTo("expired-in-grace");
        assertThat(json.at("/license/registry/password").asText()).isEqualTo("(hidden)");
        assertThat(out.toString()).doesNotContain("pull-secret");
    }

    @Test
    void anExpiredLicenseExitsOne() {
        assertThat(run(EXPIRES.plusSeconds(8 * 86400), "", "license", "verify", key)).isEqualTo(1);
        assertThat(out.toString()).startsWith("NOT USABLE: This license expired on 2027-11-01");
    }

    @Test
    void theClockWitnessPersistsBetweenRuns() {
        assertThat(run(EXPIRES.plusSeconds(30 * 86400), "", "license", "verify", key)).isEqualTo(1);
        assertThat(run(ISSUED.plusSeconds(86400), "", "license", "verify", "--json", key)).isEqualTo(1);
        assertThat(out.toString()).contains("\"verdict\" : \"clock-set-back\"");
    }

    private void installedWith(String licenseText) {
        new CliContext(env, Clock.fixed(ISSUED, ZoneOffset.UTC)).core(null).installations().save(
                new com.adaptivestartup.console.state.Installations.Installation("adaptive", dir.resolve("stack"),
                        "1.2.0", 8080, "admin@acme.test", "127.0.0.1:5000", licenseText, null));
    }

    @Test
    void aClockThatWasAheadOnceIsResetByTheAdminOnlyWhileTheLicenseVerifiesAndTheResetIsInTheHistory() {
        installedWith(key);
        Instant ahead = ISSUED.plus(java.time.Duration.ofDays(40));
        Instant right = ISSUED.plus(java.time.Duration.ofDays(10));
        assertThat(run(ahead, "", "license", "show")).isZero();
        assertThat(run(right, "", "license", "reset-clock", "--help")).isZero();
        assertThat(run(right, "", "license", "show")).isEqualTo(1);
        assertThat(out.toString()).contains("earlier than a time this console has already seen")
                .contains("adaptivectl license reset-clock");

        assertThat(run(right, "", "license", "reset-clock")).isZero();
        assertThat(out.toString()).contains("The clock check was reset: it had seen 2026-12-11T00:00:00Z");
        assertThat(run(right, "", "license", "show")).isZero();
        assertThat(run(right, "", "history")).isZero();
        assertThat(out.toString()).contains("clock check").contains("the admin reset the clock check");
        assertThat(run(right, "", "license", "reset-clock")).isEqualTo(1);
        assertThat(err.toString()).contains("there is nothing to reset");
    }

    @Test
    void theResetIsRefusedWhenTheLicenseDoesNotVerifyAtThisComputersTime() {
        installedWith(key);
        assertThat(run(EXPIRES.plus(java.time.Duration.ofDays(60)), "", "license", "show")).isEqualTo(1);
        assertThat(run(EXPIRES.plus(java.time.Duration.ofDays(30)), "", "license", "reset-clock")).isEqualTo(1);
        assertThat(err.toString()).contains("The clock check is kept").contains("expired on 2027-11-01");
        assertThat(run(EXPIRES.plus(java.time.Duration.ofDays(30)), "", "license", "show")).isEqualTo(1);
        assertThat(out.toString()).contains("earlier than a time this console has already seen");
    }

    @Test
    void garbageAndMistypedPathsGetPlainWords() {
        assertThat(run(ISSUED, "", "license", "verify", "--json", "hello world")).isEqualTo(1);
        assertThat(out.toString()).contains("\"verdict\" : \"malformed\"").contains("it has 1 part");
        assertThat(run(ISSUED, "", "license", "verify", dir.resolve("acme-typo.lic").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("there is no file").contains("acme-typo.lic");
    }

    @Test
    void aMissingTrustedKeysPathIsAConfigurationError() {
        env = Map.of("ADAPTIVE_TRUSTED_KEYS", dir.resolve("nope").toString(),
                "ADAPTIVE_CONSOLE_HOME", dir.resolve("home").toString());
        assertThat(run(ISSUED, "", "license", "verify", key)).isEqualTo(2);
        assertThat(err.toString()).contains("ADAPTIVE_TRUSTED_KEYS names").contains("which does not exist");
    }

    @Test
    void withoutTheDemoKeyTheBuiltInKeysDoNotTrustIt() {
        env = Map.of("ADAPTIVE_CONSOLE_HOME", dir.resolve("home").toString());
        assertThat(run(ISSUED, "", "license", "verify", key)).isEqualTo(1);
        assertThat(out.toString()).contains("signed by a key this console does not know");
    }

    @Test
    void printsThisMachinesFingerprint() {
        int exit = run(ISSUED, "", "license", "fingerprint");
        if (Files.exists(Path.of("/etc/machine-id")) || Files.exists(Path.of("/var/lib/dbus/machine-id"))) {
            assertThat(exit).isZero();
            assertThat(out.toString().strip()).matches("mfp1-[0-9a-f]{32}");
        } else {
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("could not be read");
        }
    }
}
