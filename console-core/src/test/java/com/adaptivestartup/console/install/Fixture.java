package com.adaptivestartup.console.install;

import com.adaptivestartup.licensing.license.Edition;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseIssuer;
import com.adaptivestartup.licensing.license.RegistryAccess;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.DocumentCodec;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The shared end-to-end fixture made by images/registry/fixture.sh (a real registry on the tokens of the vendor's Brain,
 * with releases 1.0.0, 1.1.0 and 1.2.0; the customer acme pulls its own repositories only, the vendor's account pushes),
 * read from images/target/fixture/fixture.env, plus the vendor's key to issue licenses and sign variants of the releases
 * in tests.
 */
public final class Fixture {
    public final String registry;
    public final String customerUser;
    public final String customerPassword;
    public final PrivateKey vendorKey;
    public final TrustedKeys trusted;
    public final Path release100;
    public final Path release110;
    public final Path release120;
    /** The single-container edition's image of release 1.2.0, as built on this machine by the fixture. */
    public final String single120;
    private final Path trustedKeyFile;

    private Fixture(Map<String, String> env) throws Exception {
        registry = env.get("FIXTURE_REGISTRY");
        customerUser = env.get("FIXTURE_CUSTOMER_USERNAME");
        customerPassword = Files.readString(Path.of(env.get("FIXTURE_CUSTOMER_PASSWORD_FILE"))).strip();
        vendorKey = Ed25519Keys.privateKeyFromPem(Files.readString(Path.of(env.get("FIXTURE_VENDOR_PRIVATE_KEY"))));
        trustedKeyFile = Path.of(env.get("FIXTURE_VENDOR_PUBLIC_KEY"));
        trusted = TrustedKeys.fromPemFiles(trustedKeyFile);
        release100 = Path.of(env.get("FIXTURE_RELEASE_1_0_0"));
        release110 = Path.of(env.get("FIXTURE_RELEASE_1_1_0"));
        release120 = Path.of(env.get("FIXTURE_RELEASE_1_2_0"));
        single120 = env.get("FIXTURE_SINGLE_1_2_0");
    }

    public static Fixture load() throws Exception {
        Path file = Path.of(System.getProperty("fixture.env", "../images/target/fixture/fixture.env"));
        if (!Files.exists(file)) {
            throw new IllegalStateException("the end-to-end fixture is missing (" + file.toAbsolutePath() + "): run"
                    + " images/registry/fixture.sh up first (bin/test does), or skip these with -DexcludedGroups=e2e");
        }
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#") && line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return new Fixture(env);
    }

    public String license(String password, Instant expires) {
        return license(password, expires, Set.of());
    }

    /** A license with these features (for example {@code airgap}, for offline bundles). */
    public String license(Set<String> features) {
        return license(customerPassword, Instant.now().plus(30, ChronoUnit.DAYS), features);
    }

    private String license(String password, Instant expires, Set<String> features) {
        return license("acme", password, expires, features);
    }

    /** A license of another customer, with this registry's (acme's) credentials. */
    public String licenseOf(String customer) {
        return license(customer, customerPassword, Instant.now().plus(30, ChronoUnit.DAYS), Set.of());
    }

    private String license(String customer, String password, Instant expires, Set<String> features) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant issued = expires.isBefore(now) ? expires.minus(30, ChronoUnit.DAYS) : now;
        License l = new License("lic-" + UUID.randomUUID(), customer, customer, Edition.STANDARD, 10, features, issued, issued,
                expires, 0, "stable", null, null, new RegistryAccess(registry, customer, customerUser, password), null);
        return new LicenseIssuer(new DocumentSigner(vendorKey)).issue(l).compact();
    }

    /** The vendor's registry account, which may push (images/registry/fixture.sh made it). */
    public com.adaptivestartup.console.docker.RegistryAuth vendorPush() throws java.io.IOException {
        Path file = Path.of(System.getProperty("fixture.env", "../images/target/fixture/fixture.env")).resolveSibling("vendor-password");
        return new com.adaptivestartup.console.docker.RegistryAuth(registry, "vendor", Files.readString(file).strip());
    }

    /** The vendor's public key file, for a console started as its own process (ADAPTIVE_TRUSTED_KEYS). */
    public Path trustedKeyFile() {
        return trustedKeyFile;
    }

    public String license() {
        return license(customerPassword, Instant.now().plus(30, ChronoUnit.DAYS));
    }

    /** A copy of a release, changed and signed again by the vendor key, written to a file. */
    public Path variant(Path release, Path dir, Consumer<ObjectNode> change) throws Exception {
        var body = (ObjectNode) DocumentCodec.decodeUntrusted(Files.readString(release), DocumentKind.RELEASE_MANIFEST)
                .body().deepCopy();
        change.accept(body);
        Path out = dir.resolve("variant-" + UUID.randomUUID() + ".asr");
        Files.writeString(out, new DocumentSigner(vendorKey).sign(DocumentKind.RELEASE_MANIFEST, body).armored(List.of()),
                StandardCharsets.US_ASCII);
        return out;
    }

}
