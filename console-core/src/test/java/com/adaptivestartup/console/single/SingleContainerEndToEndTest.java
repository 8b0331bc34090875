package com.adaptivestartup.console.single;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.install.Fixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-container edition on the real engine, started by the seed's own line,
 * {@code docker run -d -p 80:80 -e DATABASE_URL=sqlite:///data/adaptive.db -v adaptive-data:/data <image>} (with a
 * free host port and a volume of its own instead of port 80 and {@code adaptive-data}, so it meets nothing else on the
 * machine): a person signs in with the one-time password, creates data and uploads a file, and after a restart all of
 * it is there; {@code docker stop} ends it cleanly within the stop timeout; and killed with SIGKILL in the middle of a
 * burst of writes, it opens again with an intact database holding every write it acknowledged. The test runs the
 * {@code docker} command line on purpose: the line a person types is what is tested.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleContainerEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "adaptive-e2e-single-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "a-founder-password-123";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static int port;
    private static String token;
    private static String org;
    private static String venture;
    private static byte[] file;
    private static String fileId;

    @BeforeAll
    static void run() throws Exception {
        String image = Fixture.load().single120;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        docker("volume", "create", "--label", "com.adaptivestartup.test=single", NAME);
        docker("run", "-d", "--name", NAME, "--label", "com.adaptivestartup.test=single",
                "-p", "127.0.0.1:" + port + ":80", "-e", "DATABASE_URL=sqlite:///data/adaptive.db", "-v", NAME + ":/data", image);
    }

    @AfterAll
    static void remove() throws Exception {
        dockerMayFail("rm", "-f", NAME);
        dockerMayFail("volume", "rm", NAME);
    }

    @Test
    @Order(1)
    void aPersonSignsInWithTheOneTimePasswordCreatesDataAndUploadsAFile() throws Exception {
        awaitReady(Duration.ofSeconds(60));
        String oneTime = docker("exec", NAME, "cat", "/data/initial-admin-password").strip();
        assertThat(docker("logs", NAME)).as("the password is also told in the log").contains(oneTime);
        JsonNode in = send("POST", "/api/auth/login", Map.of("email", "admin@adaptive.local", "password", oneTime), 200);
        assertThat(in.get("mustChangePassword").asBoolean()).isTrue();
        token = in.get("token").asText();
        token = send("POST", "/api/auth/password", Map.of("currentPassword", oneTime, "newPassword", PASSWORD), 200)
                .get("token").asText();
        org = send("GET", "/api/orgs", null, 200).get(0).get("id").asText();
        venture = send("POST", "/api/orgs/" + org + "/ventures", Map.of("name", "Kept across restarts"), 201).get("id").asText();
        file = new byte[300_000];
        new Random(7).nextBytes(file);
        System.arraycopy(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, file, 0, 8);
        HttpResponse<String> up = HTTP.send(request("/api/orgs/" + org + "/files?name=chart.png&ventureId=" + venture)
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        fileId = JSON.readTree(up.body()).get("id").asText();
        assertThat(docker("exec", NAME, "id", "-u").strip()).as("the server runs as non-root").isEqualTo("10001");
    }

    @Test
    @Order(2)
    void afterARestartEverythingIsThere() throws Exception {
        docker("restart", NAME);
        awaitReady(Duration.ofSeconds(60));
        token = send("POST", "/api/auth/login", Map.of("email", "admin@adaptive.local", "password", PASSWORD), 200)
                .get("token").asText();
        assertThat(send("GET", "/api/orgs/" + org + "/ventures", null, 200).findValuesAsText("name"))
                .contains("Kept across restarts");
        HttpResponse<byte[]> down = HTTP.send(request("/api/orgs/" + org + "/files/" + fileId).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(file);
        assertThat(docker("exec", NAME, "ls", "/data/files").strip()).as("the file's bytes are in the volume").isNotEmpty();
        assertThat(docker("exec", NAME, "sh", "-c", "test -e /data/initial-admin-password && echo kept || echo gone").strip())
                .as("the one-time password, changed, is not left lying in the volume").isEqualTo("gone");
    }

    @Test
    @Order(3)
    void dockerStopEndsItCleanlyWithinTheStopTimeout() throws Exception {
        long start = System.nanoTime();
        docker("stop", NAME);   // Docker's default: SIGTERM, then SIGKILL after 10 s
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("the signal reached both processes: no SIGKILL at 10 s").isLessThan(Duration.ofSeconds(8));
        assertThat(docker("inspect", "-f", "{{.State.ExitCode}}", NAME).strip()).as("a stop asked for is a clean end")
                .isEqualTo("0");
    }

    @Test
    @Order(4)
    void killedInABurstOfWritesItOpensIntactWithEveryAcknowledgedWrite(@TempDir Path copy) throws Exception {
        docker("start", NAME);
        awaitReady(Duration.ofSeconds(60));
        token = send("POST", "/api/auth/login", Map.of("email", "admin@adaptive.local", "password", PASSWORD), 200)
                .get("token").asText();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; writing.get(); i++) {
                    String name = "burst " + writer + "-" + i;
                    try {
                        HttpResponse<String> r = HTTP.send(request("/api/orgs/" + org + "/ventures")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name))))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            acknowledged.add(name);
                        }
                    } catch (IOException e) {
                        return;   // the container is gone
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        while (acknowledged.size() < 150) {
            Thread.sleep(20);
        }
        docker("kill", "-s", "KILL", NAME);
        writing.set(false);
        for (Thread t : writers) {
            t.join(Duration.ofSeconds(10));
        }

        docker("start", NAME);
        awaitReady(Duration.ofSeconds(60));
        token = send("POST", "/api/auth/login", Map.of("email", "admin@adaptive.local", "password", PASSWORD), 200)
                .get("token").asText();
        List<String> stored = send("GET", "/api/orgs/" + org + "/ventures", null, 200).findValuesAsText("name");
        assertThat(stored).as("every write answered 201 before the kill").containsAll(acknowledged);
        System.out.printf("single container: %d writes acknowledged before SIGKILL, all %d there after the restart%n",
                acknowledged.size(), stored.stream().filter(acknowledged::contains).count());

        String backup = docker("exec", NAME, "adaptive-single", "database", "backup", "--to", "/data/backups/after-kill.db");
        assertThat(backup).as("a copy taken while it runs").contains("\"ok\":true");
        assertThat(docker("exec", NAME, "adaptive-single", "database", "check", "--file", "/data/backups/after-kill.db"))
                .contains("\"ok\":true");

        docker("stop", NAME);
        docker("cp", NAME + ":/data/.", copy.toString());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("adaptive.db"));
             var rows = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("ok");
        }
    }

    private static void awaitReady(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within " + patience + ": " + last + "\n" + docker("logs", "--tail", "40", NAME));
    }

    private static HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private static JsonNode send(String method, String path, Object body, int expected) throws Exception {
        HttpRequest.Builder b = request(path);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    private static void dockerMayFail(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
