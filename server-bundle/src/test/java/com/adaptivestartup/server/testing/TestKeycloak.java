package com.adaptivestartup.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Keycloak for the tests: the server distribution from Maven Central (unpacked by the build into
 * target/keycloak), started once per test JVM in development mode on a free loopback port with the test realm
 * {@code acme} imported (users alice, bob and mallory; the confidential client {@code adaptive-startup}), and
 * stopped when the JVM ends.
 */
public final class TestKeycloak {
    public static final String REALM = "acme";
    public static final String CLIENT_ID = "adaptive-startup";
    public static final String CLIENT_SECRET = "adaptive-client-secret";
    private static TestKeycloak instance;
    private final Process process;
    public final int port;

    private TestKeycloak(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static synchronized TestKeycloak get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    private static TestKeycloak start() {
        try {
            Path home;
            try (var found = Files.list(Path.of("target/keycloak"))) {
                home = found.filter(p -> p.getFileName().toString().startsWith("keycloak-")).findFirst().orElseThrow(() ->
                        new IllegalStateException("no Keycloak in target/keycloak: the build unpacks it (mvn process-test-resources)"));
            }
            // a fresh database each run, so the realm is imported as the test resource has it now
            deleteTree(home.resolve("data/h2"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (var realm = TestKeycloak.class.getResourceAsStream("/keycloak/acme-realm.json")) {
                Files.copy(realm, imports.resolve("acme-realm.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            int management = freePort();
            Path log = home.resolve("test-keycloak.log");
            ProcessBuilder pb = new ProcessBuilder(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-management-port=" + management, "--http-host=127.0.0.1",
                    "--hostname=http://127.0.0.1:" + port, "--import-realm", "--cache=local"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-" + port);
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            long t0 = System.nanoTime();
            Process process = pb.start();
            TestKeycloak kc = new TestKeycloak(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroy();
                try {
                    process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process.destroyForcibly();
            }));
            HttpClient http = HttpClient.newHttpClient();
            long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < end) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak stopped while starting; see " + log);
                }
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(kc.issuer()
                            + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        System.out.println("keycloak: ready on port " + port + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                        return kc;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            process.destroyForcibly();
            throw new IllegalStateException("Keycloak did not answer within 3 minutes; see " + log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Keycloak: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean running() {
        return process.isAlive();
    }
}
