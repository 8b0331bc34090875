package com.adaptivestartup.brain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the Brain from its environment: {@code BRAIN_DATABASE_URL} (jdbc:postgresql://...), {@code BRAIN_DATABASE_USER},
 * {@code BRAIN_DATABASE_PASSWORD_FILE}, {@code STRIPE_WEBHOOK_SECRET_FILE} (the endpoint's whsec_... secret),
 * {@code BRAIN_VENDOR_KEY_FILE} (the vendor's Ed25519 key, PEM: licenses and standings are signed with it),
 * {@code BRAIN_REGISTRY_URL} and {@code BRAIN_REGISTRY_SECRET_FILE} (customers' pull passwords are derived with it) and
 * {@code BRAIN_PORT} (8090); {@code BRAIN_FIRST_STAFF_EMAIL} and {@code BRAIN_FIRST_STAFF_KEY_FILE} make the first staff
 * member while there is none (the others are added by staff). Secrets are read from files, never from the environment
 * itself.
 */
public final class BrainMain {
    private BrainMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        try (BrainDatabase db = BrainDatabase.open(required(env, "BRAIN_DATABASE_URL"), required(env, "BRAIN_DATABASE_USER"),
                secret(env, "BRAIN_DATABASE_PASSWORD_FILE"));
             BrainServer server = new BrainServer(db, new BrainServer.Settings(secret(env, "STRIPE_WEBHOOK_SECRET_FILE"),
                     com.adaptivestartup.licensing.signing.Ed25519Keys.privateKeyFromPem(secret(env, "BRAIN_VENDOR_KEY_FILE")),
                     new com.adaptivestartup.brain.licenses.LicenseDesk.Registry(required(env, "BRAIN_REGISTRY_URL"),
                             secret(env, "BRAIN_REGISTRY_SECRET_FILE").getBytes(StandardCharsets.UTF_8)), tokens(env), provisions(env),
                     nextKeys(env)),
                     Clock.systemUTC())) {
            if (env.get("BRAIN_FIRST_STAFF_EMAIL") != null && !server.staff().anyone()) {
                server.staff().first(env.get("BRAIN_FIRST_STAFF_EMAIL"), secret(env, "BRAIN_FIRST_STAFF_KEY_FILE"));
            }
            int port = server.start("0.0.0.0", Integer.parseInt(env.getOrDefault("BRAIN_PORT", "8090")));
            org.slf4j.LoggerFactory.getLogger(BrainMain.class).info("the Brain is listening on port {}", port);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "shutdown"));
            stopped.await();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The vendor's next signing keys to announce ({@code BRAIN_NEXT_VENDOR_KEYS}: a PEM file or a folder of them). */
    private static java.util.List<java.security.PublicKey> nextKeys(Map<String, String> env)
            throws java.io.IOException, java.security.GeneralSecurityException {
        String where = env.get("BRAIN_NEXT_VENDOR_KEYS");
        if (where == null) {
            return java.util.List.of();
        }
        var keys = com.adaptivestartup.licensing.signing.TrustedKeys.fromPemFiles(Path.of(where));
        return keys.keyIds().stream().map(id -> keys.find(id).orElseThrow()).toList();
    }

    /**
     * The registry's token service when {@code BRAIN_TOKEN_KEY_FILE} is set: that key (PKCS#8, RSA) and
     * {@code BRAIN_TOKEN_CERTIFICATE_FILE} (the registry's rootcertbundle holds it), {@code BRAIN_TOKEN_SERVICE} and
     * {@code BRAIN_TOKEN_ISSUER} as the registry's config names them, and the vendor's build account
     * ({@code BRAIN_VENDOR_REGISTRY_USER}, {@code BRAIN_VENDOR_REGISTRY_PASSWORD_FILE}).
     */
    private static BrainServer.Tokens tokens(Map<String, String> env) throws java.io.IOException {
        if (env.get("BRAIN_TOKEN_KEY_FILE") == null) {
            return null;
        }
        return new BrainServer.Tokens(com.adaptivestartup.brain.registry.RegistryTokens.fromFiles(
                env.getOrDefault("BRAIN_TOKEN_ISSUER", "adaptive-brain"), env.getOrDefault("BRAIN_TOKEN_SERVICE",
                        "adaptive-registry"), Path.of(env.get("BRAIN_TOKEN_KEY_FILE")),
                Path.of(required(env, "BRAIN_TOKEN_CERTIFICATE_FILE")), Clock.systemUTC()),
                required(env, "BRAIN_VENDOR_REGISTRY_USER"), secret(env, "BRAIN_VENDOR_REGISTRY_PASSWORD_FILE"));
    }

    /**
     * Provisioning when {@code BRAIN_GITHUB_REPOSITORY} is set: the pipeline ({@code BRAIN_GITHUB_API}, default
     * https://api.github.com; {@code BRAIN_GITHUB_WORKFLOW}, build_docker_image.yml; {@code BRAIN_GITHUB_REF}, main;
     * {@code BRAIN_GITHUB_TOKEN_FILE}), its callback secret ({@code BRAIN_BUILD_CALLBACK_SECRET_FILE}) and the mail
     * ({@code BRAIN_SMTP_HOST}, {@code BRAIN_SMTP_PORT}, {@code BRAIN_SMTP_USERNAME}, {@code BRAIN_SMTP_PASSWORD_FILE},
     * {@code BRAIN_MAIL_FROM}, {@code BRAIN_CONSOLE_DOWNLOAD}).
     */
    private static BrainServer.Provisions provisions(Map<String, String> env) throws java.io.IOException {
        if (env.get("BRAIN_GITHUB_REPOSITORY") == null) {
            return null;
        }
        var pipeline = new com.adaptivestartup.brain.provisioning.GitHubWorkflow(java.net.URI.create(env.getOrDefault(
                "BRAIN_GITHUB_API", "https://api.github.com")), env.get("BRAIN_GITHUB_REPOSITORY"),
                env.getOrDefault("BRAIN_GITHUB_WORKFLOW", "build_docker_image.yml"), env.getOrDefault("BRAIN_GITHUB_REF", "main"),
                secret(env, "BRAIN_GITHUB_TOKEN_FILE"));
        var mail = new com.adaptivestartup.brain.mail.CustomerMail(required(env, "BRAIN_SMTP_HOST"),
                Integer.parseInt(env.getOrDefault("BRAIN_SMTP_PORT", "587")), env.get("BRAIN_SMTP_USERNAME"),
                env.get("BRAIN_SMTP_PASSWORD_FILE") == null ? null : secret(env, "BRAIN_SMTP_PASSWORD_FILE"),
                required(env, "BRAIN_MAIL_FROM"), required(env, "BRAIN_CONSOLE_DOWNLOAD"));
        return new BrainServer.Provisions(pipeline, mail, secret(env, "BRAIN_BUILD_CALLBACK_SECRET_FILE"),
                java.time.Duration.ofSeconds(5));
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return v;
    }

    private static String secret(Map<String, String> env, String name) throws java.io.IOException {
        Path file = Path.of(required(env, name));
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(name + " names " + file + ", which cannot be read");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
