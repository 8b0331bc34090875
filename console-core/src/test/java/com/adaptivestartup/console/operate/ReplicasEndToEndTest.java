package com.adaptivestartup.console.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.install.ComposePeer;
import com.adaptivestartup.console.install.Fixture;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.ServerReplicas;
import com.adaptivestartup.console.install.StackProbe;
import com.adaptivestartup.console.stack.MailServer;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.state.AppDirectories;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.wiring.ConsoleCore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several server containers behind the stack's web server, on the real engine (issue 27): release 1.2.0 installed with
 * three; a write through any one heard by pages connected to every one within a second; one killed in the middle of
 * traffic (only the requests it held may fail; its pages reconnect through the web server); a settings change
 * replacing them one at a time while the app keeps answering; a backup and restore with all three; fewer asked for,
 * the extra ones gone. docker-compose, run in the install folder, finds all three current. Only this test's own
 * project is touched.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final String PASSWORD = "the-founders-own-password";
    @TempDir
    static Path tmp;
    static Fixture fixture;
    static DockerEngine engine;
    static ConsoleCore console;
    static String project = "repl" + UUID.randomUUID().toString().substring(0, 8);
    static Path dir;
    static int port;
    static String token;
    static String goals;
    static com.sun.net.httpserver.HttpServer brain;

    @BeforeAll
    static void install() throws Exception {
        fixture = Fixture.load();
        engine = ((EngineLocator.Outcome.Found) new EngineLocator(EngineStrategies.forThisMachine(System.getenv(),
                System.getProperty("os.name"), Path.of(System.getProperty("user.home")))).locate()).engine();
        Path stateDir = tmp.resolve("console home");
        StateDatabase state = StateDatabase.open(stateDir);
        // 1.2.1: 1.2.0 again with online migrations and one more setting for the server (so its containers are
        // replaced), on the channel the update reads
        Path variant = fixture.variant(fixture.release120, tmp, body -> {
            body.put("version", "1.2.1");
            ((com.fasterxml.jackson.databind.node.ObjectNode) body.path("release")).put("onlineMigrations", true);
            ((com.fasterxml.jackson.databind.node.ObjectNode) body.path("stack")).put("compose", body.path("stack")
                    .path("compose").asText().replace("      POSTGRES_HOST: postgres\n      POSTGRES_DB: adaptive\n      POSTGRES_USER: adaptive_app",
                            "      POSTGRES_HOST: postgres\n      POSTGRES_DB: adaptive\n      ROLLED_IN: \"1.2.1\"\n      POSTGRES_USER: adaptive_app"));
        });
        Path release121 = java.nio.file.Files.copy(variant, tmp.resolve("release-1.2.1.asr"));   // the channel's name
        brain = com.adaptivestartup.console.update.TestChannel.serve(tmp.resolve("brain"), fixture.vendorKey,
                java.util.List.of(fixture.release120, release121));
        console = new ConsoleCore(Map.of(ConsoleCore.BRAIN_URL_VARIABLE, "http://127.0.0.1:" + brain.getAddress().getPort()),
                new AppDirectories(stateDir), Clock.systemUTC(), () -> state, () -> fixture.trusted, () -> engine);
        dir = tmp.resolve("stack");
        port = StackProbe.freePort();
        InstallResult installed = console.installService().install(new InstallRequest(fixture.license(), dir, project, port,
                "founder@example.com", null, fixture.release120.toString())
                .withSettings(StackSettings.DEFAULTS.withBackendReplicas(3)), InstallListener.SILENT);
        String api = "http://127.0.0.1:" + port;
        String first = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com",
                "password", installed.adminPassword())).get("token").asText();
        StackProbe.post(api + "/api/auth/password", first, Map.of("currentPassword", installed.adminPassword(),
                "newPassword", PASSWORD));
        token = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com", "password", PASSWORD))
                .get("token").asText();
        String org = StackProbe.call("GET", api + "/api/orgs", token, null, null).get(0).get("id").asText();
        String venture = StackProbe.post(api + "/api/orgs/" + org + "/ventures", token, Map.of("name", "Three servers"))
                .get("id").asText();
        goals = "/api/orgs/" + org + "/ventures/" + venture + "/goals";
    }

    @AfterAll
    static void uninstall() {
        try {
            console.stackService().uninstall(project, false);
        } finally {
            brain.stop(0);
            engine.close();
        }
    }

    @Test
    @Order(1)
    void threeServerContainersRunAsOneServiceThatDockerComposeFindsCurrent() throws Exception {
        assertThat(servers()).extracting(ContainerStatus::name)
                .containsExactly(project + "-backend-1", project + "-backend-2", project + "-backend-3");
        List<StackService.ServiceStatus> rows = console.stackService().status(project).services();
        assertThat(rows).extracting(StackService.ServiceStatus::service)
                .contains("backend-1", "backend-2", "backend-3", "web", "postgres").doesNotContain("backend");
        assertThat(rows).allSatisfy(s -> assertThat(s.state()).isEqualTo("running"));
        assertThat(console.stackService().status(project).overall()).isEqualTo("healthy");
        assertThat(console.serverReplicas().show(project)).isEqualTo(new ServerReplicas.ReplicasView(project, 3, 3, true));
        assertThat(console.stackService().logs(project, "backend-2", 200, false)).isNotEmpty();
        List<String> before = engine.containers(Map.of(StackLabels.PROJECT, project)).stream().map(ContainerStatus::id).sorted().toList();
        assertThat(ComposePeer.upChangesNothing(engine, project, dir)).isEqualTo(before);
    }

    @Test
    @Order(2)
    void aWriteThroughAnyServerReachesPagesOnEveryServerWithinASecond() throws Exception {
        List<String> addresses = servers().stream().map(c -> address(c.name())).toList();
        List<Live> pages = new ArrayList<>();
        try {
            for (String a : addresses) {
                pages.add(Live.signedIn("ws://" + a + "/api/ws"));
            }
            List<Long> heard = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String through = "http://" + addresses.get(i % addresses.size());
                long t0 = System.nanoTime();
                String id = StackProbe.post(through + goals, token, Map.of("title", "Goal " + i)).get("id").asText();
                for (Live page : pages) {
                    long at = page.awaitCreated(id, Duration.ofSeconds(1));
                    heard.add(at - t0);
                }
            }
            Collections.sort(heard);
            System.out.printf("a write through one of three servers, heard on all three: median %.1f ms, slowest %.1f ms"
                    + " of %d%n", heard.get(heard.size() / 2) / 1e6, heard.getLast() / 1e6, heard.size());
        } finally {
            pages.forEach(Live::close);
        }
    }

    @Test
    @Order(3)
    void aServerKilledMidTrafficLosesOnlyTheRequestsItHeldAndItsPagesReconnect() throws Exception {
        ContainerStatus victim = servers().get(1);
        List<Live> pages = new ArrayList<>();
        try (Traffic traffic = Traffic.start(4)) {
            for (ContainerStatus c : servers()) {
                pages.add(Live.signedIn("ws://" + address(c.name()) + "/api/ws"));
            }
            Thread.sleep(1500);
            StackProbe.run("docker", "kill", victim.id());
            assertThat(pages.get(1).awaitClosed(Duration.ofSeconds(5))).as("the killed server's page is cut off").isTrue();
            // The page reconnects, as the web app does, through the web server: it reaches one still running.
            Live again = Live.signedIn("ws://127.0.0.1:" + port + "/api/ws");
            pages.add(again);
            String id = StackProbe.post("http://127.0.0.1:" + port + goals, token, Map.of("title", "After the kill"))
                    .get("id").asText();
            again.awaitCreated(id, Duration.ofSeconds(1));
            pages.get(0).awaitCreated(id, Duration.ofSeconds(1));
            pages.get(2).awaitCreated(id, Duration.ofSeconds(1));
            Thread.sleep(3000);
            Traffic.Result r = traffic.stop();
            System.out.printf("one of three servers killed: %d requests through the web server, %d failed, slowest %.0f ms%n",
                    r.sent(), r.failed(), r.slowestMs());
            assertThat(r.sent()).isGreaterThan(50);
            assertThat(r.failed()).as("only requests in flight on the killed server may fail (4 clients): " + r.errors())
                    .isLessThanOrEqualTo(4);
        } finally {
            pages.forEach(Live::close);
        }
        // The console brings it back: the same count asked again starts what is missing.
        console.serverReplicas().set(project, 3, InstallListener.SILENT);
        assertThat(servers()).hasSize(3).allSatisfy(c -> assertThat(c.running()).isTrue());
    }

    @Test
    @Order(4)
    void aSettingsChangeReplacesTheServersOneAtATimeWhileTheAppKeepsAnswering() throws Exception {
        List<String> before = servers().stream().map(ContainerStatus::id).toList();
        List<String> steps = Collections.synchronizedList(new ArrayList<>());
        Traffic.Result r;
        try (Traffic traffic = Traffic.start(4)) {
            Thread.sleep(1000);
            console.mailService().set(project, new MailServer("mail.invalid", 587, MailServer.Security.STARTTLS, null,
                    "adaptive@example.com"), "", new InstallListener() {
                        @Override
                        public void step(String step, String message) {
                            steps.add(step + ": " + message);
                        }

                        @Override
                        public void pull(String service, long currentBytes, long totalBytes) {
                        }
                    });
            Thread.sleep(1000);
            r = traffic.stop();
        }
        List<ContainerStatus> after = servers();
        assertThat(after).hasSize(3).extracting(ContainerStatus::id).doesNotContainAnyElementsOf(before);
        assertThat(after).allSatisfy(c -> assertThat(c.env()).contains("SMTP_HOST=mail.invalid"));
        System.out.printf("three servers replaced one at a time: %d requests through the web server, %d failed, slowest"
                + " %.0f ms%n", r.sent(), r.failed(), r.slowestMs());
        assertThat(r.sent()).isGreaterThan(100);
        assertThat(r.failed()).as("the app answers throughout: " + r.errors() + "\n" + String.join("\n", steps)).isZero();
    }

    @Test
    @Order(5)
    void anUpdateWithOnlineMigrationsReplacesTheServersOneAtATimeWhileTheAppKeepsAnswering() throws Exception {
        List<String> before = servers().stream().map(ContainerStatus::id).toList();
        Traffic.Result r;
        try (Traffic traffic = Traffic.start(4)) {
            Thread.sleep(1000);
            assertThat(console.updateService().apply(project, "1.2.1", InstallListener.SILENT).to()).isEqualTo("1.2.1");
            Thread.sleep(1000);
            r = traffic.stop();
        }
        console.updateService().confirm(project);
        List<ContainerStatus> after = servers();
        assertThat(after).hasSize(3).extracting(ContainerStatus::id).doesNotContainAnyElementsOf(before);
        assertThat(after).allSatisfy(c -> assertThat(c.env()).contains("ROLLED_IN=1.2.1"));
        System.out.printf("an update replacing three servers one at a time: %d requests through the web server, %d failed,"
                + " slowest %.0f ms%n", r.sent(), r.failed(), r.slowestMs());
        assertThat(r.sent()).isGreaterThan(100);
        assertThat(r.failed()).as("the app answers throughout the update: " + r.errors()).isZero();
    }

    @Test
    @Order(6)
    void aBackupAndRestoreStopAndStartEveryServer() throws Exception {
        BackupCatalogue.Backup backup = console.backupService().create(project, "manual", "three servers", null,
                BackupService.Listener.SILENT);
        StackProbe.post("http://127.0.0.1:" + port + goals, token, Map.of("title", "Written after the backup"));
        console.backupService().restore(project, backup.id(), null, false, BackupService.Listener.SILENT);
        assertThat(servers()).hasSize(3).allSatisfy(c -> assertThat(c.running()).isTrue());
        assertThat(console.stackService().status(project).overall()).isEqualTo("healthy");
        JsonNode listed = StackProbe.call("GET", "http://127.0.0.1:" + port + goals, token, null, null);
        assertThat(listed.toString()).contains("After the kill").doesNotContain("Written after the backup");
    }

    @Test
    @Order(7)
    void fewerServersStopTheExtraOnesAndABadCountIsSaidInWords() throws Exception {
        assertThatThrownBy(() -> console.serverReplicas().set(project, 6, InstallListener.SILENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 5 containers, not 6");
        assertThatThrownBy(() -> console.serverReplicas().set(project, 0, InstallListener.SILENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 0");
        assertThat(servers()).hasSize(3);
        String kept = servers().getFirst().id();
        console.serverReplicas().set(project, 1, InstallListener.SILENT);
        assertThat(servers()).extracting(ContainerStatus::id).containsExactly(kept);
        assertThat(console.stackService().status(project).services()).extracting(StackService.ServiceStatus::service)
                .contains("backend").doesNotContain("backend-1", "backend-2");
        assertThat(console.serverReplicas().show(project).chosen()).isEqualTo(1);
        StackProbe.call("GET", "http://127.0.0.1:" + port + goals, token, null, null);
    }

    private static List<ContainerStatus> servers() {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.SERVICE, "backend", StackLabels.ONEOFF, "False"))
                .stream().sorted(java.util.Comparator.comparing(ContainerStatus::name)).toList();
    }

    /** A server container's address and port on the stack's front network, as this machine reaches it. */
    private static String address(String container) {
        try {
            String ip = StackProbe.run("docker", "inspect", "-f", "{{(index .NetworkSettings.Networks \"" + project
                    + "_front\").IPAddress}}", container).strip();
            return ip + ":8080";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Clients asking for the goals through the web server, one request after another each, until stopped. */
    private static final class Traffic implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sent = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong slowestNanos = new java.util.concurrent.atomic.AtomicLong();
        private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();

        record Result(int sent, int failed, List<String> errors, double slowestMs) {
        }

        static Traffic start(int clients) {
            Traffic t = new Traffic();
            for (int i = 0; i < clients; i++) {
                t.threads.add(Thread.ofVirtual().start(t::loop));
            }
            return t;
        }

        private void loop() {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + goals))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
            while (running.get()) {
                sent.incrementAndGet();
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        errors.add(r.statusCode() + " " + r.body());
                    }
                } catch (Exception e) {
                    errors.add(e.toString());
                }
                slowestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
            }
        }

        Result stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            return new Result(sent.get(), errors.size(), List.copyOf(errors), slowestNanos.get() / 1e6);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    /** A page's live connection: signed in, the messages it hears, and whether it was cut off. */
    private static final class Live implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<Timed> messages = new LinkedBlockingQueue<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        private record Timed(JsonNode message, long nanos) {
        }

        static Live signedIn(String url) throws Exception {
            Live live = new Live();
            live.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), live).get(5, TimeUnit.SECONDS);
            live.socket.sendText(JSON.writeValueAsString(Map.of("type", "auth", "token", token)), true);
            Timed ready = live.messages.poll(5, TimeUnit.SECONDS);
            assertThat(ready).as("ready from " + url).isNotNull();
            assertThat(ready.message().path("type").asText()).isEqualTo("ready");
            return live;
        }

        /** When (nanoTime) the page heard the goal {@code id} created; fails after {@code within}. */
        long awaitCreated(String id, Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                Timed m = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(m).as("goal " + id + " heard within " + within.toMillis() + " ms").isNotNull();
                if (m.message().path("type").asText().equals("record.created")
                        && m.message().at("/data/record/id").asText().equals(id)) {
                    return m.nanos();
                }
            }
        }

        boolean awaitClosed(Duration within) throws InterruptedException {
            return closed.await(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(new Timed(JSON.readTree(partial.toString()), System.nanoTime()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.countDown();
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
