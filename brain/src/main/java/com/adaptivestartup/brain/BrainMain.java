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
 * {@code BRAIN_PORT} (8090). Secrets are read from files, never from the environment itself.
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
                             secret(env, "BRAIN_REGISTRY_SECRET_FILE").getBytes(StandardCharsets.UTF_8)), tokens(env)),
                     Clock.systemUTC())) {
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
