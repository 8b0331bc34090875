package com.adaptivestartup.console.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Install on the real engine from the fixture's real registry: from nothing to healthy, idempotent, seen
 * by docker-compose, no secret in any container; and each failure said plainly with nothing left behind.
 */
@Tag("e2e")
class InstallEndToEndTest {
    static Fixture fixture;
    static DockerEngine engine;
    @TempDir
    static Path tmp;
    static StateDatabase state;

    @BeforeAll
    static void connect() throws Exception {
        fixture = Fixture.load();
        var outcome = new EngineLocator(EngineStrategies.forThisMachine(System.getenv(), System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")))).locate();
        engine = ((EngineLocator.Outcome.Found) outcome).engine();
        state = StateDatabase.open(tmp.resolve("state"));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private InstallService service() {
        return new InstallService(new LicenseService(fixture.trusted, Clock.systemUTC(), new InMemoryTimeWitness(),
                Optional::empty), new ReleaseSource(fixture.trusted), engine, new Journal(state, Clock.systemUTC()),
                new Installations(state, Clock.systemUTC()));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String project() {
        return "e2e" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> out = new java.util.ArrayList<>(list);
        out.add(one);
        return out;
    }

    private void assertNothingLeft(String project) {
        assertThat(engine.containers(Map.of(StackLabels.PROJECT, project))).isEmpty();
        assertThat(engine.volumes(Map.of(StackLabels.PROJECT, project))).isEmpty();
    }

    @Test
    void installsFromNothingToHealthyIdempotentlyVisibleToDockerComposeWithoutSecretsInEnv() throws Exception {
        String project = project();
        int port = freePort();
        Path dir = tmp.resolve(project);
        String aiKey = "AIzaSy-end-to-end-" + UUID.randomUUID();
        var request = new InstallRequest(fixture.license(), dir, project, port, "founder@example.com", null,
                fixture.release100.toString(), aiKey, null, null);
        try {
            InstallResult first = service().install(request, InstallListener.SILENT);
            assertThat(first.version()).isEqualTo("1.0.0");
            assertThat(first.changes()).containsOnlyKeys("postgres", "redis", "storage", "backend", "web")
                    .allSatisfy((k, v) -> assertThat(v).isEqualTo("CREATED"));
            assertThat(first.adminPassword()).hasSize(20);
            assertThat(Files.readString(dir.resolve(InstallDirectory.ADMIN_PASSWORD)).strip()).isEqualTo(first.adminPassword());

            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/auth/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"founder@example.com\",\"password\":\""
                            + first.adminPassword() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("the first admin signs in through the web port").isEqualTo(200);
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).get("token").asText();
            HttpResponse<String> ai = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/ai/status")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ai.body()).as("the AI key given at install reaches the server").contains("\"configured\":true");

            var disk = new com.adaptivestartup.console.operate.DiskUse(engine).of(project, dir.resolve("no-backups-yet"));
            assertThat(disk.volumes()).as("the engine counts the installation's volumes, by their names in the stack")
                    .containsKeys("postgres-data", "storage-data");
            assertThat(disk.volumes().get("postgres-data")).as("a migrated PostgreSQL holds megabytes").isGreaterThan(1L << 20);
            assertThat(disk.backupsBytes()).isZero();
            assertThat(disk.backupsFree()).isPositive();
            List<String> idsBefore = engine.containers(Map.of(StackLabels.PROJECT, project)).stream()
                    .map(ContainerStatus::id).sorted().toList();
            InstallResult second = service().install(request, InstallListener.SILENT);
            assertThat(second.changedNothing()).as(second.changes().toString()).isTrue();
            assertThat(engine.containers(Map.of(StackLabels.PROJECT, project)).stream().map(ContainerStatus::id).sorted()
                    .toList()).isEqualTo(idsBefore);

            // docker-compose reads the engine's own health status, which its first check sets up to 10 s after the
            // start (decision 0019: the console runs the check itself until then)
            String psOut = "";
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); System.nanoTime() < end; Thread.sleep(500)) {
                Process ps = new ProcessBuilder("docker-compose", "-p", project, "ps").directory(dir.toFile())
                        .redirectErrorStream(true).start();
                psOut = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(ps.waitFor(60, TimeUnit.SECONDS)).isTrue();
                if (psOut.lines().filter(l -> l.contains("Up (healthy)")).count() == 5) {
                    break;
                }
            }
            for (String s : List.of("postgres", "redis", "storage", "backend", "web")) {
                assertThat(psOut).contains(project + "-" + s + "-1");
            }
            assertThat(psOut.lines().filter(l -> l.contains("Up (healthy)")).count()).as(psOut).isEqualTo(5);
            assertThat(ComposePeer.upChangesNothing(engine, project, dir)).as("docker-compose up -d in the install folder")
                    .isEqualTo(idsBefore);

            List<String> secrets = List.of("postgres_password", "redis_password", "s3_access_key", "s3_secret_key",
                            InstallDirectory.AI_KEY).stream()
                    .map(n -> new InstallDirectory(dir).secret(n)).toList();
            String journal = new Journal(state, Clock.systemUTC()).entries(project, 1000).toString();
            for (ContainerStatus c : engine.containers(Map.of(StackLabels.PROJECT, project))) {
                String logs = String.join("\n", engine.logs(c.id(), 100_000));
                for (String secret : concat(secrets, first.adminPassword())) {
                    assertThat(String.join("\n", c.env())).as(c.name() + " environment").doesNotContain(secret);
                    assertThat(logs).as(c.name() + " log").doesNotContain(secret);
                    assertThat(journal).as("journal").doesNotContain(secret);
                }
            }
            assertThat(Files.getPosixFilePermissions(dir.resolve(InstallDirectory.ENV)))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            assertThat(psOut.lines().filter(l -> l.contains("->")).toList()).as("nothing but the web port is published")
                    .singleElement().asString().startsWith(project + "-web-1").contains("0.0.0.0:" + port + "->8080/tcp");
            assertThat(new Journal(state, Clock.systemUTC()).entries(project, 200))
                    .filteredOn(e -> e.status().equals("done")).extracting(Journal.Entry::step)
                    .contains("license", "release", "pull", "migrate", "start postgres", "healthy web", "admin", "ready");

            var status = new StackService(engine, new Installations(state, Clock.systemUTC()), new Journal(state, Clock.systemUTC()), Clock.systemUTC());
            assertThat(status.status(project).overall()).isEqualTo("healthy");
            var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
            var stop = new DockerEngine.AutoCloseableHolder();
            Thread follower = Thread.ofVirtual().start(() -> status.followLogs(project, "postgres", 5, true, lines::add, stop));
            assertThat(lines.poll(10, TimeUnit.SECONDS)).as("a followed log line, with its time")
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z .*");
            stop.close();
            follower.join(10_000);
            assertThat(follower.isAlive()).as("following stops when asked").isFalse();
            // An operation that changes the stack (an update, say) holds the installation's lock: a stop meanwhile,
            // from another process or another part of this one, is refused with the holder's name, nothing stopped.
            String refused = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (var update = new Journal(state, Clock.systemUTC()).lock(project, "update to 1.1.0")) {
                    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            status.stop(project, "web");
                            return "stopped";
                        } catch (com.adaptivestartup.console.state.OperationLock.Busy e) {
                            return e.getMessage();
                        }
                    }, java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform()
                            .inheritInheritableThreadLocals(false).factory())).join();
                }
            }).join();
            assertThat(refused).startsWith("another operation on '" + project + "' is running (update to 1.1.0, process ");
            assertThat(status.status(project).overall()).isEqualTo("healthy");
            status.stop(project, "redis");
            assertThat(status.status(project).overall()).isEqualTo("degraded");
            status.stop(project, null);
            assertThat(status.status(project).overall()).isEqualTo("down");
            assertThat(status.status(project).services()).allSatisfy(s -> assertThat(s.state()).isEqualTo("exited"));
            assertThat(com.adaptivestartup.console.state.History.of(new Journal(state, Clock.systemUTC()).entries(project, 500)))
                    .as("each stop is in the history").filteredOn(o -> o.name().equals("stop"))
                    .extracting(com.adaptivestartup.console.state.History.Operation::detail)
                    .containsExactly("every service", "redis");
        } finally {
            new StackService(engine, new Installations(state, Clock.systemUTC()), new Journal(state, Clock.systemUTC()), Clock.systemUTC()).uninstall(project, false);
        }
        assertNothingLeft(project);
    }

    @Test
    void anExpiredLicenseStopsTheInstallBeforeAnyDownload() {
        String project = project();
        String expired = fixture.license(fixture.customerPassword, Instant.now().minus(2, ChronoUnit.DAYS));
        assertThatThrownBy(() -> service().install(new InstallRequest(expired, tmp.resolve(project), project, 18099,
                "a@example.com", null, fixture.release100.toString()), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> {
                    assertThat(e.step()).isEqualTo("license");
                    assertThat(e.getMessage()).contains("expired");
                });
        assertThat(tmp.resolve(project)).doesNotExist();
        assertNothingLeft(project);
    }

    @Test
    void aWrongRegistryPasswordIsSaidPlainly() throws Exception {
        String project = project();
        // localhost:5000 is the same registry under another name, so nothing is found locally by digest; and the
        // release without image ids (as made before offline bundles) cannot take the local images by content id.
        String registry = fixture.registry.replace("127.0.0.1", "localhost");
        Path online = fixture.variant(fixture.release100, tmp, body -> body.path("images")
                .forEach(image -> ((ObjectNode) image).remove("id")));
        assertThatThrownBy(() -> service().install(new InstallRequest(fixture.license("wrong-password",
                Instant.now().plus(1, ChronoUnit.DAYS)), tmp.resolve(project), project, 18098, "a@example.com", registry,
                online.toString()), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> {
                    assertThat(e.step()).isEqualTo("pull");
                    assertThat(e.getMessage()).contains("refused the credentials in the license (unauthorized)");
                });
        assertNothingLeft(project);
    }

    @Test
    void aWrongRegistryPasswordIsRefusedEvenWhenEveryImageIsHereAlready() {
        String project = project();
        // The fixture's images are on this engine already: nothing is pulled, and yet the credentials are tried.
        assertThatThrownBy(() -> service().install(new InstallRequest(fixture.license("wrong-password",
                Instant.now().plus(1, ChronoUnit.DAYS)), tmp.resolve(project), project, 18097, "a@example.com", null,
                fixture.release100.toString()), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> {
                    assertThat(e.step()).isEqualTo("pull");
                    assertThat(e.getMessage()).contains("refused the credentials in the license (401 Unauthorized)");
                });
        assertThat(tmp.resolve(project)).doesNotExist();
        assertNothingLeft(project);
    }

    @Test
    void anotherCustomersLicenseIsRefusedForThisCustomersRelease() {
        String project = project();
        assertThatThrownBy(() -> service().install(new InstallRequest(fixture.licenseOf("globex"), tmp.resolve(project),
                project, 18096, "a@example.com", null, fixture.release100.toString()), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> {
                    assertThat(e.step()).isEqualTo("release");
                    assertThat(e.getMessage()).contains("made for the customer 'acme', and this license is for 'globex'");
                });
        assertNothingLeft(project);
    }

    @Test
    void aReadOnlyInstallFolderIsSaidInWordsAndTheFolderIsLeftAsItWas() throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("read-only-" + UUID.randomUUID()));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(m.waitFor() == 0, "mounting a read-only tmpfs needs root: "
                + new String(m.getInputStream().readAllBytes()));
        String project = project();
        try {
            assertThat(com.adaptivestartup.console.preflight.PreflightService.folder(mount))
                    .satisfies(r -> {
                        assertThat(r.level()).isEqualTo(com.adaptivestartup.console.preflight.CheckResult.Level.FAIL);
                        assertThat(r.found()).contains("a read-only file system");
                    });
            assertThatThrownBy(() -> service().install(new InstallRequest(fixture.license(), mount, project, 18095,
                    "a@example.com", null, fixture.release100.toString()), InstallListener.SILENT))
                    .isInstanceOfSatisfying(InstallFailed.class, e -> {
                        assertThat(e.step()).isEqualTo("files");
                        assertThat(e.getMessage()).contains("cannot be written: it is on a read-only file system")
                                .doesNotContain("Exception");
                    });
            assertThat(mount).isDirectory();
            assertNothingLeft(project);
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }

    @Test
    void aCancelledInstallStopsAtTheNextStepAndTakesDownWhatItMade() throws Exception {
        String project = project();
        Path dir = tmp.resolve(project);
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        InstallListener admin = new InstallListener() {
            public void step(String step, String message) {
                if (step.equals("network") && message.equals("done")) {
                    cancel.set(true);   // the admin presses Cancel once the network and volumes exist
                }
            }

            public void pull(String service, long currentBytes, long totalBytes) {
            }

            public boolean cancelled() {
                return cancel.get();
            }
        };
        assertThatThrownBy(() -> service().install(new InstallRequest(fixture.license(), dir, project, freePort(),
                "a@example.com", null, fixture.release100.toString()), admin))
                .isInstanceOfSatisfying(InstallFailed.class, e -> assertThat(e.getMessage()).isEqualTo("the install was cancelled"));
        assertNothingLeft(project);
        assertThat(dir).doesNotExist();
    }

    @Test
    void aPortAlreadyTakenIsRefusedBeforeAnythingIsCreated() throws Exception {
        String project = project();
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> service().install(new InstallRequest(fixture.license(), tmp.resolve(project), project,
                    taken.getLocalPort(), "a@example.com", null, fixture.release100.toString()), InstallListener.SILENT))
                    .isInstanceOfSatisfying(InstallFailed.class, e -> {
                        assertThat(e.step()).isEqualTo("port");
                        assertThat(e.getMessage()).contains("port " + taken.getLocalPort() + " is already in use");
                    });
        }
        assertNothingLeft(project);
    }

    @Test
    void anImageDigestTheRegistryDoesNotHaveIsRefused() throws Exception {
        String project = project();
        Path release = fixture.variant(fixture.release100, tmp, body -> ((ObjectNode) body.path("images").path("web"))
                .put("digest", "sha256:" + "0".repeat(64)).remove("id"));
        assertThatThrownBy(() -> service().install(new InstallRequest(fixture.license(), tmp.resolve(project), project,
                freePort(), "a@example.com", null, release.toString()), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> {
                    assertThat(e.step()).isEqualTo("pull");
                    assertThat(e.getMessage()).contains("does not have").contains("web");
                });
        assertNothingLeft(project);
    }

    @Test
    void aTamperedReleaseIsRefused() throws Exception {
        String project = project();
        Path tampered = tmp.resolve("tampered.asr");
        String text = Files.readString(fixture.release100);
        int at = text.indexOf("-----\n", text.indexOf("-----BEGIN")) + 40;
        Files.writeString(tampered, text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1));
        assertThatThrownBy(() -> service().install(new InstallRequest(fixture.license(), tmp.resolve(project), project,
                freePort(), "a@example.com", null, tampered.toString()), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> assertThat(e.step()).isEqualTo("release"));
        assertNothingLeft(project);
    }

    @Test
    void aServiceThatNeverTurnsHealthyShowsItsLastLogLinesAndTheFreshInstallIsTakenDown() throws Exception {
        String project = project();
        Path release = fixture.variant(fixture.release100, tmp, body -> ((ObjectNode) body.path("stack")).put("compose",
                body.path("stack").path("compose").asText().replace(
                        "POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    volumes:\n      - postgres-data",
                        "POSTGRES_PASSWORD_FILE: /run/secrets/missing\n    volumes:\n      - postgres-data")));
        assertThatThrownBy(() -> service().install(new InstallRequest(fixture.license(), tmp.resolve(project), project,
                freePort(), "a@example.com", null, release.toString()), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> {
                    assertThat(e.step()).isEqualTo("healthy postgres");
                    assertThat(e.getMessage()).contains("postgres did not become healthy: it stops as soon as it starts");
                    assertThat(String.join("\n", e.lastLogLines())).contains("/run/secrets/missing");
                });
        assertNothingLeft(project);
        assertThat(tmp.resolve(project)).as("the files of the failed first install are gone too").doesNotExist();
    }
}
