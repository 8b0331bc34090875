package com.adaptivestartup.console.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.bundle.BundleReader;
import com.adaptivestartup.console.bundle.BundleWriter;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.docker.RegistryAuth;
import com.adaptivestartup.console.install.Fixture;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.StackProbe;
import com.adaptivestartup.console.install.TestConsole;
import com.adaptivestartup.console.license.Heartbeat;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.state.CrashPoint;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates on the real engine, from a test Brain that is a real HTTP server (the JDK's file server) serving a
 * signed channel: 1.0.0 installed with data, a 1.1.0 whose migration fails rolled back automatically with
 * every row as it was, then the update for real (data intact, migrated, visible through the API), a
 * rollback to 1.0.0, and the console killed (SIGKILL) in the middle of an update and the next console
 * rolling it back.
 */
@Tag("e2e")
class UpdateEndToEndTest {
    static Fixture fixture;
    static DockerEngine engine;
    static HttpServer brain;
    @TempDir
    static Path tmp;
    static String brainUrl;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.load();
        engine = ((EngineLocator.Outcome.Found) new EngineLocator(EngineStrategies.forThisMachine(System.getenv(),
                System.getProperty("os.name"), Path.of(System.getProperty("user.home")))).locate()).engine();
        Path site = Files.createDirectories(tmp.resolve("brain/v1/channels"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("channel", "stable").put("sequence", 7)
                .put("issuedAt", Instant.now().minusSeconds(60).toString())
                .put("expiresAt", Instant.now().plus(Duration.ofDays(14)).toString());
        ArrayNode releases = body.putArray("releases");
        releases.addObject().put("version", "1.0.0").put("manifest", Files.readString(fixture.release100).strip());
        releases.addObject().put("version", "1.1.0").put("manifest", Files.readString(fixture.release110).strip());
        body.putArray("notices").addObject().put("id", "adv-1").put("severity", "critical")
                .put("title", "Update to 1.1.0: it fixes a session bug").putObject("versions").put("below", "1.1.0");
        // A newer console for this computer, its installer served beside the channel (a relative path).
        Path installer = Files.createDirectories(tmp.resolve("brain/console/9.9.0")).resolve("Console-9.9.0.bin");
        Files.write(installer, new byte[1_500_000]);
        ObjectNode console = body.putArray("console").addObject().put("version", "9.9.0").put("notes", "faster start");
        for (String os : new String[] {"linux", "windows", "macos"}) {
            console.withArray("installers").addObject().put("os", os).put("type", os.equals("linux") ? "deb" : os.equals("windows")
                    ? "msi" : "dmg").put("url", "console/9.9.0/Console-9.9.0.bin").put("size", Files.size(installer))
                    .put("sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(installer))));
        }
        Files.writeString(site.resolve("stable"), new DocumentSigner(fixture.vendorKey).sign(DocumentKind.CHANNEL_MANIFEST, body)
                .compact());
        brain = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                tmp.resolve("brain"), SimpleFileServer.OutputLevel.NONE);
        brain.start();
        brainUrl = "http://127.0.0.1:" + brain.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        brain.stop(0);
        engine.close();
    }

    /**
     * The releases the app's own containers (the server, the web front) were made by: an update always replaces them,
     * and keeps the data services' when neither their images nor their settings change.
     */
    private static List<String> releasesRunning(String project) {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.ONEOFF, "False")).stream()
                .filter(c -> List.of("backend", "web").contains(c.labels().get(StackLabels.SERVICE)))
                .map(c -> c.labels().get(StackLabels.RELEASE)).distinct().toList();
    }

    /** Each data service's container id. */
    private static Map<String, String> dataContainers(String project) {
        Map<String, String> ids = new java.util.TreeMap<>();
        engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.ONEOFF, "False")).stream()
                .filter(c -> List.of("postgres", "redis", "storage").contains(c.labels().get(StackLabels.SERVICE)))
                .forEach(c -> ids.put(c.labels().get(StackLabels.SERVICE), c.id()));
        return ids;
    }

    /** The steps of the project's last operation named {@code name}, done, in their order. */
    private static List<String> stepsDone(TestConsole console, String project, String name) {
        return console.journal().lastOperation(project, name).stream().filter(e -> e.status().equals("done"))
                .map(e -> e.step()).toList();
    }

    private static String installWithData(TestConsole console, String project, Path dir, int port) throws Exception {
        InstallResult installed = console.installer().install(new InstallRequest(fixture.license(), dir, project, port,
                "founder@example.com", null, fixture.release100.toString()), InstallListener.SILENT);
        return writeData(installed, port);
    }

    /** The first admin signs in, sets a password, makes a venture with a metric; returns the password. */
    private static String writeData(InstallResult installed, int port) throws Exception {
        String api = "http://127.0.0.1:" + port;
        String token = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com",
                "password", installed.adminPassword())).get("token").asText();
        token = StackProbe.post(api + "/api/auth/password", token, Map.of("currentPassword", installed.adminPassword(),
                "newPassword", PASSWORD)).get("token").asText();
        String org = StackProbe.call("GET", api + "/api/orgs", token, null, null).get(0).get("id").asText();
        String venture = StackProbe.post(api + "/api/orgs/" + org + "/ventures", token, Map.of("name", "Updates for all",
                "hypothesis", "admins update when it is safe")).get("id").asText();
        StackProbe.post(api + "/api/orgs/" + org + "/ventures/" + venture + "/metrics", token, Map.of("name", "signups", "value", 42));
        return PASSWORD;
    }

    private static final String PASSWORD = "the-founders-own-password";

    /** The founder signed in through the stack's API. */
    record Session(String api, String token, String org) {
        static Session signIn(int port, String password) throws Exception {
            String api = "http://127.0.0.1:" + port;
            String token = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com",
                    "password", password)).get("token").asText();
            return new Session(api, token, StackProbe.call("GET", api + "/api/orgs", token, null, null).get(0).get("id").asText());
        }
    }

    /** What {@link #writeData} wrote is there on 1.1.0, whose migration gave the metric its unit. */
    private static void assertDataKeptOn110(Session s) throws Exception {
        JsonNode ventures = StackProbe.call("GET", s.api() + "/api/orgs/" + s.org() + "/ventures", s.token(), null, null);
        assertThat(ventures.findValuesAsText("name")).contains("Updates for all");
        String venture = ventures.get(0).get("id").asText();
        JsonNode metrics = StackProbe.call("GET", s.api() + "/api/orgs/" + s.org() + "/ventures/" + venture + "/metrics",
                s.token(), null, null);
        assertThat(metrics.get(0).get("value").asDouble()).isEqualTo(42);
        assertThat(metrics.get(0).get("unit").asText()).isEqualTo("count");
    }

    @Test
    void offlineBundlesInstallAndUpdateWithTheRegistryOutOfReach() throws Exception {
        // The vendor's side: a bundle per release. Its images are this test's own copies of the release's (each with a
        // label of the test's, so a content id no other stack uses), named by re-signed variants of the releases: the
        // engine's images that others use (the fixture's, a demo stack's) are never removed or changed.
        String run = "bundletest-" + UUID.randomUUID().toString().substring(0, 8);
        Path bundles = Files.createDirectories(tmp.resolve("bundles"));
        Path release100 = ownImages(fixture.release100, run);
        Path release110 = ownImages(fixture.release110, run);
        BundleWriter writer = new BundleWriter(engine, new DocumentSigner(fixture.vendorKey), Clock.systemUTC());
        RegistryAuth auth = new RegistryAuth(fixture.registry, fixture.customerUser, fixture.customerPassword);
        ReleaseSource releases = new ReleaseSource(fixture.trusted);
        long t0 = System.nanoTime();
        BundleWriter.Built b100 = writer.build(releases.load(release100.toString()), Files.readString(release100),
                fixture.registry, auth, "acme", bundles.resolve("adaptive-1.0.0.bundle"), s -> { });
        long t1 = System.nanoTime();
        BundleWriter.Built b110 = writer.build(releases.load(release110.toString()), Files.readString(release110),
                fixture.registry, auth, "acme", bundles.resolve("adaptive-1.1.0.bundle"), s -> { });

        // The customer's machine: none of these images, and the registry out of reach (nothing listens there).
        List<String> ids = java.util.stream.Stream.of(b100, b110).flatMap(b -> b.index().images().values().stream())
                .distinct().toList();
        ids.forEach(engine::removeImage);
        assertThat(ids).allSatisfy(id -> assertThat(engine.imageId(id)).isEmpty());
        String noRegistry = "127.0.0.1:" + StackProbe.freePort();
        String project = "ag" + UUID.randomUUID().toString().substring(0, 8);
        int port = StackProbe.freePort();
        TestConsole console = TestConsole.at(fixture, engine, tmp.resolve("console-" + project), brainUrl);
        BundleReader reader = new BundleReader(fixture.trusted);
        try {
            long t2 = System.nanoTime();
            BundleReader.Verified v100 = reader.verify(b100.file(), BundleReader.Progress.SILENT);
            long t3 = System.nanoTime();
            InstallRequest request = new InstallRequest(fixture.license(), tmp.resolve(project), project, port,
                    "founder@example.com", noRegistry, null);
            assertThatThrownBy(() -> console.installer().installFromBundle(request, v100, InstallListener.SILENT))
                    .hasMessageStartingWith("this license does not include installing from an offline bundle");
            assertThat(engine.imageId(v100.index().images().get("backend"))).as("nothing loaded").isEmpty();

            String airgap = fixture.license(java.util.Set.of("airgap"));
            long t4 = System.nanoTime();
            long loaded = console.installer().loadImages(v100, InstallListener.SILENT);
            long t5 = System.nanoTime();
            assertThat(loaded).isEqualTo(5);
            InstallResult installed = console.installer().installFromBundle(new InstallRequest(airgap, request.directory(),
                    project, port, request.adminEmail(), noRegistry, null), v100, InstallListener.SILENT);
            assertThat(installed.version()).isEqualTo("1.0.0");
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            assertThat(engine.imageId("adaptive-startup/backend:1.0.0")).contains(v100.index().images().get("backend"));
            String password = writeData(installed, port);
            String before = StackProbe.fingerprint(project);

            UpdateService.Applied applied = console.updates().applyBundle(project,
                    reader.verify(b110.file(), BundleReader.Progress.SILENT), InstallListener.SILENT);
            assertThat(applied.to()).isEqualTo("1.1.0");
            assertThat(releasesRunning(project)).containsExactly("1.1.0");
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            assertDataKeptOn110(Session.signIn(port, password));

            assertThatThrownBy(() -> console.updates().applyBundle(project, v100, InstallListener.SILENT))
                    .hasMessageStartingWith("the bundle holds 1.0.0, older than the installed 1.1.0");
            assertThat(releasesRunning(project)).containsExactly("1.1.0");

            // Back to 1.0.0 without the registry: its images stayed, tagged, and the data is as before the update.
            console.updates().rollback(project, InstallListener.SILENT);
            assertThat(releasesRunning(project)).containsExactly("1.0.0");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(before);
            System.out.printf("offline bundles: 1.0.0 %.0f MB written in %.1f s, 1.1.0 %.0f MB in %.1f s; verified in %.1f s;"
                            + " images loaded in %.1f s%n", b100.size() / 1e6, (t1 - t0) / 1e9, b110.size() / 1e6,
                    (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t5 - t4) / 1e9);
        } finally {
            console.stacks().uninstall(project, false);
            ids.forEach(engine::removeImage);   // this test's own copies, and the tags the bundles gave them
        }
    }

    /**
     * A variant of a signed release whose images are copies made by this test (the release's image plus a label
     * naming {@code run}: new content ids, shared layers), under a repository of the test's own.
     */
    private static Path ownImages(Path release, String run) throws Exception {
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) com.adaptivestartup.licensing.signing.DocumentCodec
                .decodeUntrusted(Files.readString(release), com.adaptivestartup.licensing.signing.DocumentKind.RELEASE_MANIFEST)
                .body();
        java.util.Map<String, String> copies = new java.util.HashMap<>();
        for (var e : body.path("images").properties()) {
            String tag = run + "/" + e.getKey() + ":" + body.path("version").asText();
            Process build = new ProcessBuilder("docker", "build", "-q", "-t", tag, "-").redirectErrorStream(true).start();
            try (var in = build.getOutputStream()) {
                in.write(("FROM " + e.getValue().path("id").asText() + "\nLABEL com.adaptivestartup.test=" + run + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String out = new String(build.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(build.waitFor()).as(out).isZero();
            copies.put(e.getKey(), engine.imageId(tag).orElseThrow());
        }
        return fixture.variant(release, tmp, b -> copies.forEach((service, id) -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                b.path("images").path(service)).put("id", id).put("repository", run + "/" + service)));
    }

    @Test
    void aFailedUpdateRollsBackItselfThenTheUpdateKeepsTheDataAndARollbackGivesItBack() throws Exception {
        String project = "up" + UUID.randomUUID().toString().substring(0, 8);
        int port = StackProbe.freePort();
        TestConsole console = TestConsole.at(fixture, engine, tmp.resolve("console-" + project), brainUrl);
        try {
            String password = installWithData(console, project, tmp.resolve(project), port);
            String before = StackProbe.fingerprint(project);

            UpdateService.UpdateCheck check = console.updates().check(project);
            assertThat(check.installed()).isEqualTo("1.0.0");
            assertThat(check.newest()).isEqualTo("1.1.0");
            assertThat(check.path()).containsExactly("1.1.0");
            assertThat(check.channel().trusted().fromLastKnown()).isFalse();
            assertThat(check.notices()).extracting(ChannelManifest.Notice::id).containsExactly("adv-1");
            assertThat(check.console()).as("a build from source is not offered a console").isNull();
            System.setProperty("adaptive.consoleVersion", "1.0.0");
            try {
                assertThat(console.updates().check(project).console().version()).isEqualTo("9.9.0");
                Path downloaded = console.updates().downloadConsole(project, tmp.resolve("downloads-" + project), n -> { });
                assertThat(downloaded).hasFileName("Console-9.9.0.bin").hasSize(1_500_000);
            } finally {
                System.clearProperty("adaptive.consoleVersion");
            }

            // 1.1.0's migration adds metrics.unit; a column of that name already there makes it fail.
            StackProbe.psql(project, "ALTER TABLE metrics ADD COLUMN unit text");
            String planted = StackProbe.fingerprint(project);
            assertThatThrownBy(() -> console.updates().apply(project, null, InstallListener.SILENT))
                    .isInstanceOfSatisfying(UpdateService.UpdateFailed.class, e -> assertThat(e.rolledBack()).isTrue())
                    .hasMessageMatching("(?s)the update from 1\\.0\\.0 to 1\\.1\\.0 failed at step '.*'.*already exists.*;"
                            + " rolled back to 1\\.0\\.0 with the data as of .*; nothing lost");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(planted);
            assertThat(console.installations().find(project).orElseThrow().version()).isEqualTo("1.0.0");
            assertThat(releasesRunning(project)).containsExactly("1.0.0");
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            StackProbe.psql(project, "ALTER TABLE metrics DROP COLUMN unit");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(before);

            // Now for real.
            Map<String, String> data = dataContainers(project);
            UpdateService.Applied applied = console.updates().apply(project, null, InstallListener.SILENT);
            assertThat(applied.to()).isEqualTo("1.1.0");
            assertThat(dataContainers(project)).as("1.1.0 changes neither PostgreSQL, Redis nor the object store: they"
                    + " were left running").isEqualTo(data).hasSize(3);
            List<String> steps = stepsDone(console, project, "install");
            assertThat(steps.indexOf("migrate")).as("1.1.0's migrations are online: run before anything stops " + steps)
                    .isNotNegative().isLessThan(steps.indexOf("stop replaced"));
            assertThat(console.stacks().status(project).services()).extracting(StackService.ServiceStatus::version)
                    .as("the kept containers are part of 1.1.0").containsOnly("1.1.0");
            assertThat(console.installations().find(project).orElseThrow().version()).isEqualTo("1.1.0");
            assertThat(releasesRunning(project)).containsExactly("1.1.0");
            Session session = Session.signIn(port, password);
            assertDataKeptOn110(session);
            String api = session.api();
            String token = session.token();
            String org = session.org();
            BackupCatalogue.Backup preUpdate = applied.backups().get(0);
            assertThat(new BackupCatalogue(console.state()).find(preUpdate.id()).orElseThrow().hold())
                    .contains("kept until that update is confirmed");
            assertThat(console.updates().check(project).newest()).isNull();
            assertThatThrownBy(() -> console.updates().apply(project, null, InstallListener.SILENT))
                    .as("nothing on offer is not a failure").isInstanceOf(UpdateService.UpToDate.class)
                    .hasMessage("Adaptive Startup 1.1.0 is the newest version on offer; nothing to update");

            // Data written on 1.1.0, then a rollback: 1.1.0 declares its migrations reversible, so they are run down
            // and what was written since the update is kept on 1.0.0 (only the units, which 1.0.0 does not know, go).
            StackProbe.post(api + "/api/orgs/" + org + "/ventures", token, Map.of("name", "Made on 1.1.0", "hypothesis", "x"));
            UpdateService.RollbackPlan plan = console.updates().rollbackPlan(project, false).orElseThrow();
            assertThat(plan.runsMigrationsDown()).isTrue();
            assertThat(plan.describe()).startsWith("Rolling back goes to Adaptive Startup 1.0.0 by running 1.1.0's database"
                    + " changes down to schema 4: everything written since the update is kept");
            UpdateService.RolledBack back = console.updates().rollback(project, InstallListener.SILENT);
            assertThat(back.to()).isEqualTo("1.0.0");
            assertThat(back.keptNewerData()).isTrue();
            assertThat(back.safetyBackup().kind()).isEqualTo("pre-rollback");
            assertThat(console.installations().find(project).orElseThrow().version()).isEqualTo("1.0.0");
            assertThat(releasesRunning(project)).containsExactly("1.0.0");
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            assertThat(StackProbe.psql(project, "SELECT max(version::int) FROM flyway_schema_history")).isEqualTo("4");
            Session on100 = Session.signIn(port, password);
            JsonNode ventures = StackProbe.call("GET", on100.api() + "/api/orgs/" + on100.org() + "/ventures", on100.token(),
                    null, null);
            assertThat(ventures.findValuesAsText("name")).contains("Made on 1.1.0", "Updates for all");
            String madeOn110 = StackProbe.fingerprint(project);

            // Update again, and this time roll back by restoring the backup: the data exactly as before that update.
            console.updates().apply(project, null, InstallListener.SILENT);
            StackProbe.post(api + "/api/orgs/" + org + "/ventures", Session.signIn(port, password).token(),
                    Map.of("name", "Lost by a restore", "hypothesis", "x"));
            UpdateService.RolledBack restored = console.updates().rollback(project, true, InstallListener.SILENT);
            assertThat(restored.keptNewerData()).isFalse();
            assertThat(releasesRunning(project)).containsExactly("1.0.0");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(madeOn110);
            assertThat(console.updates().confirm(project)).isZero();
        } finally {
            console.stacks().uninstall(project, false);
        }
    }

    /** The console's {@code update apply} as its own process, with this environment added. */
    private static Process updateProcess(TestConsole console, String project, String log, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.adaptivestartup.console.cli.AdaptiveCtl",
                "update", "apply", "--yes", "--project", project));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile());
        pb.environment().put("ADAPTIVE_CONSOLE_HOME", console.stateDir().toString());
        pb.environment().put("ADAPTIVE_TRUSTED_KEYS", fixture.trustedKeyFile().toString());
        pb.environment().put("ADAPTIVE_BRAIN_URL", brainUrl);
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The console killed with SIGKILL once {@code when} holds ({@code step} names the moment). */
    private static void killUpdateWhen(TestConsole console, String project, String step, java.util.function.BooleanSupplier when)
            throws Exception {
        String log = project + "-" + step + ".log";
        Process p = updateProcess(console, project, log, Map.of());
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!when.getAsBoolean()) {
            assertThat(p.isAlive()).as("the update ended before '" + step + "': " + Files.readString(tmp.resolve(log))).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        p.destroyForcibly().waitFor();
    }

    /** The console stopped dead right after journaling {@code point} (step/status[#n] of the update). */
    private static void crashUpdateAfter(TestConsole console, String project, String point) throws Exception {
        String log = project + "-crash-" + point.replaceAll("[^a-z0-9]+", "-") + ".log";
        long start = System.nanoTime();
        Process p = updateProcess(console, project, log, Map.of(CrashPoint.VARIABLE, "update/" + point));
        if (!p.waitFor(8, java.util.concurrent.TimeUnit.MINUTES)) {
            String threads = threadDump(p);
            p.destroyForcibly().waitFor();
            throw new AssertionError("the update to crash at " + point + " still ran after 8 minutes; it said:\n"
                    + Files.readString(tmp.resolve(log)) + "\nits journal: " + timeline(console, project)
                    + "\nits threads:\n" + threads);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("crash at %s: %.1f s%s%n", point, took.toMillis() / 1e3,
                took.toSeconds() > 60 ? " (slow; its journal: " + timeline(console, project) + ")" : "");
        assertThat(p.exitValue()).as("crashed at " + point + ": " + Files.readString(tmp.resolve(log)))
                .isEqualTo(CrashPoint.KILLED);
    }

    /** The last update's journal entries with their times, to show where a slow one spent its time. */
    private static String timeline(TestConsole console, String project) {
        return console.journal().lastOperation(project, "update").stream()
                .map(e -> e.step() + "/" + e.status() + "@" + e.at().replaceAll(".*T", "")).toList().toString();
    }

    /** What a hung console process is doing, for the failure message ({@code jcmd} is in every JDK). */
    private static String threadDump(Process p) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(p.pid()), "Thread.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static boolean journaled(TestConsole console, String project, String step, String status) {
        return console.journal().lastOperation(project, "update").stream()
                .anyMatch(e -> e.step().equals(step) && e.status().equals(status));
    }

    /** After a recovery: the version and containers are {@code version}, healthy, no backup held for nothing. */
    /**
     * The points to cut an update at: on every run the first and last step of a phase; with
     * {@code -Dadaptive.test.crashPoints=all} (before a release, about 3 minutes more) every step between them too.
     */
    private static List<String> crashPoints(List<String> everyRun, List<String> withAll) {
        List<String> points = new java.util.ArrayList<>(everyRun);
        if ("all".equals(System.getProperty("adaptive.test.crashPoints"))) {
            points.addAll(withAll);
        }
        return points;
    }

    private static void assertRecoveredTo(TestConsole console, String project, String version) {
        assertThat(console.installations().find(project).orElseThrow().version()).isEqualTo(version);
        assertThat(releasesRunning(project)).containsExactly(version);
        assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
        assertThat(console.updates().recoverInterrupted(project, InstallListener.SILENT)).as("recovered once only").isEmpty();
    }

    @Test
    void aConsoleStoppedDeadAtAnyStepOfAnUpdateIsFinishedOrUndoneByTheNextOne() throws Exception {
        String project = "uk" + UUID.randomUUID().toString().substring(0, 8);
        int port = StackProbe.freePort();
        TestConsole console = TestConsole.at(fixture, engine, tmp.resolve("console-" + project), brainUrl);
        try {
            installWithData(console, project, tmp.resolve(project), port);
            String before = StackProbe.fingerprint(project);

            // The free space the update checks first is the engine's disk's, read inside a container.
            java.util.OptionalLong engineFree = new UpdateSpace(engine).engineFree(project);
            assertThat(engineFree).isPresent();
            Path dockerRoot = Path.of("/var/lib/docker");
            if (Files.isDirectory(dockerRoot)) {
                long hostFree = Files.getFileStore(dockerRoot).getUsableSpace();
                assertThat((double) engineFree.getAsLong()).isCloseTo(hostFree, org.assertj.core.data.Percentage.withPercentage(5));
            }

            // An update whose migration fails, cut short at each step of its own rollback: the next console
            // finishes the rollback, with the data exactly as it was.
            StackProbe.psql(project, "ALTER TABLE metrics ADD COLUMN unit text");
            String planted = StackProbe.fingerprint(project);
            for (String point : crashPoints(List.of("roll back data/started", "roll back release/done"),
                    List.of("deploy/failed", "roll back data/done", "roll back release/started"))) {
                crashUpdateAfter(console, project, point);
                assertThat(console.updates().recoverInterrupted(project, InstallListener.SILENT)).as(point).hasValueSatisfying(m ->
                        assertThat(m).contains("was interrupted", "rolled back to 1.0.0", "nothing lost"));
                assertRecoveredTo(console, project, "1.0.0");
                assertThat(StackProbe.fingerprint(project)).as("data after a crash at " + point).isEqualTo(planted);
            }
            StackProbe.psql(project, "ALTER TABLE metrics DROP COLUMN unit");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(before);

            // Cut short before anything changed: nothing to undo, and the backup it took is not held for nothing.
            for (String point : crashPoints(List.of("pull/done", "backup/done#2"),
                    List.of("plan/done", "pull/started", "backup/started", "backup/done"))) {
                crashUpdateAfter(console, project, point);
                assertThat(console.updates().recoverInterrupted(project, InstallListener.SILENT)).as(point).hasValueSatisfying(m ->
                        assertThat(m).contains("was interrupted", "before anything was changed"));
                assertRecoveredTo(console, project, "1.0.0");
                assertThat(console.updates().awaitingConfirmation(project)).isFalse();
                assertThat(new BackupCatalogue(console.state()).list(project)).allSatisfy(b -> assertThat(b.hold()).isNull());
                assertThat(StackProbe.fingerprint(project)).isEqualTo(before);
            }

            // Cut short as the new release replaces the old one (at its start, and killed with SIGKILL once 1.1.0
            // containers run): rolled back to 1.0.0 with the data as it was.
            crashUpdateAfter(console, project, "deploy/started");
            assertThat(console.updates().recoverInterrupted(project, InstallListener.SILENT)).hasValueSatisfying(m ->
                    assertThat(m).contains("was interrupted", "rolled back to 1.0.0", "nothing lost"));
            assertRecoveredTo(console, project, "1.0.0");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(before);
            killUpdateWhen(console, project, "deploy", () -> journaled(console, project, "deploy", "started")
                    && releasesRunning(project).contains("1.1.0"));
            assertThat(console.updates().recoverInterrupted(project, InstallListener.SILENT)).hasValueSatisfying(m ->
                    assertThat(m).contains("was interrupted", "rolled back to 1.0.0", "nothing lost"));
            assertRecoveredTo(console, project, "1.0.0");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(before);

            // Cut short once the new release was in place: recorded as done, its backup held until confirmed.
            crashUpdateAfter(console, project, "deploy/done");
            assertThat(console.updates().recoverInterrupted(project, InstallListener.SILENT)).hasValueSatisfying(m ->
                    assertThat(m).contains("had finished when the console stopped", "recorded as done"));
            assertRecoveredTo(console, project, "1.1.0");
            assertThat(console.updates().awaitingConfirmation(project)).isTrue();
            assertDataKeptOn110(Session.signIn(port, PASSWORD));
        } finally {
            console.stacks().uninstall(project, false);
        }
    }

    @Test
    void anUpdateCutShortByADockerEngineRestartEndsOnTheOldVersionWithItsData() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(EngineRestart.impossibleBecause().isEmpty(),
                () -> "the Docker engine cannot be restarted here: " + EngineRestart.impossibleBecause().orElse(""));
        String project = "ur" + UUID.randomUUID().toString().substring(0, 8);
        int port = StackProbe.freePort();
        TestConsole console = TestConsole.at(fixture, engine, tmp.resolve("console-" + project), brainUrl);
        try {
            installWithData(console, project, tmp.resolve(project), port);
            String before = StackProbe.fingerprint(project);

            String log = project + "-engine-restart.log";
            Process update = updateProcess(console, project, log, Map.of());
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!(journaled(console, project, "deploy", "started") && releasesRunning(project).contains("1.1.0"))) {
                assertThat(update.isAlive()).as("the update ended early: " + Files.readString(tmp.resolve(log))).isTrue();
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(50);
            }
            Duration away = EngineRestart.restart(engine);
            assertThat(update.waitFor(8, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            String said = Files.readString(tmp.resolve(log));
            // The update undid itself once the engine was back, or left it to the next console: either way the
            // next console finds nothing more to do, or finishes undoing it.
            Optional<String> recovered = console.updates().recoverInterrupted(project, InstallListener.SILENT);
            System.out.printf("engine restart mid-update: the engine was away %.1f s; the update said: %s; recovery: %s%n",
                    away.toMillis() / 1e3, said.lines().filter(l -> l.contains("rolled back") || l.contains("engine"))
                            .findFirst().orElse(said.strip()), recovered.orElse("nothing left to do"));
            assertThat(update.exitValue()).isNotZero();
            assertThat(said + recovered.orElse("")).contains("rolled back to 1.0.0");
            assertThat(said).as("the lost engine said in words").doesNotContain("java.net.");
            assertRecoveredTo(console, project, "1.0.0");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(before);
        } finally {
            console.stacks().uninstall(project, false);
        }
    }

    @Test
    void theHeartbeatActivatesSendsNoCustomerDataAndARevocationTurnsUpdatesOff() throws Exception {
        String project = "hb" + UUID.randomUUID().toString().substring(0, 8);
        int port = StackProbe.freePort();
        TestConsole console = TestConsole.at(fixture, engine, tmp.resolve("console-" + project), brainUrl);
        try (TestBrain vendor = new TestBrain(fixture.vendorKey)) {
            InstallResult installed = console.installer().install(new InstallRequest(fixture.license(Set.of("heartbeat")),
                    tmp.resolve(project), project, port, "founder@example.com", null, fixture.release100.toString()),
                    InstallListener.SILENT);
            writeData(installed, port);
            new UpdateSettings.Store(console.state()).save(project, UpdateSettings.NONE.withSource(vendor.url()));
            Heartbeat heartbeat = console.heartbeat();

            assertThatThrownBy(() -> heartbeat.send(project)).hasMessageContaining("the heartbeat is off");
            assertThat(vendor.received).as("off means nothing is sent").isEmpty();
            heartbeat.enable(project, true);
            assertThat(heartbeat.send(project).revoked()).isFalse();
            assertThat(vendor.received).extracting(TestBrain.Received::path).containsExactly("/v1/activations", "/v1/heartbeats");
            JsonNode sent = vendor.received.get(1).body();
            assertThat(sent.properties().stream().map(java.util.Map.Entry::getKey).toList()).containsExactly("licenseId",
                    "instanceId", "consoleVersion", "appVersion", "overall", "services", "sentAt");
            assertThat(sent.get("appVersion").asText()).isEqualTo("1.0.0");
            assertThat(sent.get("overall").asText()).isEqualTo("healthy");
            assertThat(sent.get("services")).hasSize(5).allSatisfy(svc -> assertThat(svc.properties().stream()
                    .map(java.util.Map.Entry::getKey).toList()).containsExactly("service", "state", "health"));
            String everything = vendor.received.toString();
            assertThat(everything).as("no customer data leaves").doesNotContain("founder@example.com", "Updates for all",
                    "signups", tmp.toString());
            heartbeat.send(project);
            assertThat(vendor.received).as("activated once").extracting(TestBrain.Received::path)
                    .containsExactly("/v1/activations", "/v1/heartbeats", "/v1/heartbeats");

            // The vendor revokes the license: updates are refused, the stack runs on with its data.
            String before = StackProbe.fingerprint(project);
            vendor.answer = body -> TestBrain.standing(fixture.vendorKey, body, "revoked", "payment refunded", Instant.now());
            assertThat(heartbeat.send(project).revoked()).isTrue();
            assertThatThrownBy(() -> console.updates().apply(project, null, InstallListener.SILENT))
                    .isInstanceOf(UpdateService.UpdateFailed.class)
                    .hasMessageContaining("revoked by the vendor on").hasMessageContaining("payment refunded")
                    .hasMessageContaining("Updates are off; the stack keeps running");
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(before);

            // Answers that would lift it without the vendor's say are refused: an old one replayed, a stranger's.
            vendor.answer = body -> TestBrain.standing(fixture.vendorKey, body, "active", "", Instant.now().minusSeconds(3600));
            assertThatThrownBy(() -> heartbeat.send(project)).hasMessageContaining("an old answer is being replayed");
            java.security.KeyPair stranger = com.adaptivestartup.licensing.signing.Ed25519Keys.generate();
            vendor.answer = body -> TestBrain.standing(stranger.getPrivate(), body, "active", "", Instant.now());
            assertThatThrownBy(() -> heartbeat.send(project)).hasMessageContaining("does not trust");
            assertThat(console.standings().revocation(project, heartbeat.state(project).standing().orElseThrow().licenseId()))
                    .isPresent();

            // The vendor's newer word lifts it; turned off, nothing more is sent.
            vendor.answer = body -> TestBrain.standing(fixture.vendorKey, body, "active", "", Instant.now());
            assertThat(heartbeat.send(project).revoked()).isFalse();
            heartbeat.enable(project, false);
            int count = vendor.received.size();
            assertThatThrownBy(() -> heartbeat.send(project)).hasMessageContaining("the heartbeat is off");
            assertThat(vendor.received).hasSize(count);
        } finally {
            console.stacks().uninstall(project, false);
        }
    }
}
