package com.adaptivestartup.console.single;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupChecks;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.edition.EditionChange;
import com.adaptivestartup.console.install.Fixture;
import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.StackProbe;
import com.adaptivestartup.console.install.TestConsole;
import com.adaptivestartup.console.stack.Edition;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.update.UpdateService;
import com.adaptivestartup.licensing.signing.DocumentCodec;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's single-container edition on the real engine, from release 1.2.0's signed manifest: installed (one
 * container, only its image pulled, the first admin the console's), data and a file written through the API, backed
 * up while it serves (the archive checked whole, the database copy restore-tested in a throwaway container), more
 * written, restored (what came after the backup gone, what was before it there, the file's bytes equal), and
 * uninstalled with nothing of it left on the engine.
 */
@Tag("e2e")
class SingleEditionEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    static Fixture fixture;
    static DockerEngine engine;
    @TempDir
    static Path tmp;
    static TestConsole console;

    @BeforeAll
    static void connect() throws Exception {
        fixture = Fixture.load();
        engine = ((EngineLocator.Outcome.Found) new EngineLocator(EngineStrategies.forThisMachine(System.getenv(),
                System.getProperty("os.name"), Path.of(System.getProperty("user.home")))).locate()).engine();
        console = TestConsole.at(fixture, engine, tmp.resolve("console"), null);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void installedBackedUpRestoredAndUninstalledAsOneContainer() throws Exception {
        String project = "one" + UUID.randomUUID().toString().substring(0, 8);
        int port = StackProbe.freePort();
        Path dir = tmp.resolve(project);
        InstallRequest request = new InstallRequest(fixture.license(), dir, project, port, "founder@example.com", null,
                fixture.release120.toString()).withSettings(StackSettings.DEFAULTS.withEdition(Edition.SINGLE));
        try {
            InstallResult installed = console.installer().install(request, InstallListener.SILENT);
            assertThat(installed.version()).isEqualTo("1.2.0");
            assertThat(engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.ONEOFF, "False")))
                    .extracting(c -> c.labels().get(StackLabels.SERVICE)).containsExactly("app");
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            assertThat(console.installations().find(project).map(i -> StackSettings.fromJson(
                    i.settingsJson()).edition())).contains(Edition.SINGLE);

            // The console's first admin, with the password it chose; data and a file through the one port.
            String api = "http://127.0.0.1:" + port;
            Session first = Session.first(api, installed);
            String token = first.token();
            String org = first.org();
            StackProbe.post(api + "/api/orgs/" + org + "/ventures", token, Map.of("name", "Before the backup"));
            StringBuilder csv = new StringBuilder("week,signups\n");
            Random random = new Random(11);
            while (csv.length() < 3 * 1024 * 1024) {
                csv.append(random.nextInt(1000)).append(',').append(random.nextLong()).append('\n');
            }
            byte[] file = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String fileId = StackProbe.call("POST", api + "/api/orgs/" + org + "/files?name=signups.csv", token,
                    "text/csv", file).get("id").asText();

            // Backed up while it serves: checked whole, and the database copy opened in a throwaway container.
            BackupCatalogue.Backup backup = console.backups().create(project, "manual", "one container", null,
                    BackupService.Listener.SILENT);
            BackupChecks checks = console.checks();
            assertThat(checks.verify(backup.id(), null).manifest().entries())
                    .extracting(e -> e.name()).contains("database.sqlite.zst", "volumes/data.tar.zst");
            BackupChecks.RestoreTest test = checks.restoreTest(project, backup.id(), null);
            assertThat(test.schemaVersion()).isEqualTo("9");
            assertThat(test.users()).isEqualTo(1);
            assertThat(backup.schemaVersion()).isEqualTo("9");

            // More written after the backup; the restore takes the data back to the backup's moment.
            StackProbe.post(api + "/api/orgs/" + org + "/ventures", token, Map.of("name", "After the backup"));
            BackupService.Restored restored = console.backups().restore(project, backup.id(), null, true, BackupService.Listener.SILENT);
            assertThat(restored.safetyBackup()).as("the state before the restore, kept").isNotNull();
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            token = Session.signIn(api).token();
            JsonNode ventures = StackProbe.call("GET", api + "/api/orgs/" + org + "/ventures", token, null, null);
            assertThat(ventures.findValuesAsText("name")).containsExactly("Before the backup");
            HttpResponse<byte[]> down = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/orgs/" + org + "/files/"
                    + fileId)).header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(down.statusCode()).isEqualTo(200);
            assertThat(down.body()).as("the file's bytes, restored").isEqualTo(file);
            assertThat(StackProbe.run("docker", "exec", project + "-app-1", "ls", "-a", "/data"))
                    .as("what the restore set aside is removed once the app is back").doesNotContain(".before-restore")
                    .doesNotContain(".restoring");

            // An installation keeps its edition: the full stack's template is not laid over it.
            assertThatThrownBy(() -> console.installer().install(request.withSettings(StackSettings.DEFAULTS), InstallListener.SILENT))
                    .isInstanceOf(InstallFailed.class).hasMessageContaining("keeps the edition it was installed as");
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");

            // The machine is lost: the backup, on a new one, without naming the edition, is the single container again.
            console.stacks().uninstall(project, false);
            TestConsole newMachine = TestConsole.at(fixture, engine, tmp.resolve("new-machine-" + project), null);
            newMachine.recovery().install(new InstallRequest(fixture.license(), tmp.resolve(project + "-recovered"), project,
                    port, "founder@example.com", null, fixture.release120.toString()), backup.file(), null,
                    InstallListener.SILENT);
            assertThat(engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.ONEOFF, "False")))
                    .extracting(c -> c.labels().get(StackLabels.SERVICE)).containsExactly("app");
            token = Session.signIn(api).token();
            assertThat(StackProbe.call("GET", api + "/api/orgs/" + org + "/ventures", token, null, null)
                    .findValuesAsText("name")).containsExactly("Before the backup");
        } finally {
            console.stacks().uninstall(project, false);
        }
        assertThat(engine.containers(Map.of(StackLabels.PROJECT, project))).isEmpty();
        assertThat(engine.volumes(Map.of(StackLabels.PROJECT, project))).isEmpty();
    }

    /**
     * Outgrowing it: a single container with people, records, files and its activity log moved onto the full stack of
     * the same release. First with a file in its folder the move cannot read: the move stops, the full stack goes and the
     * single container runs again with its data; then for real: the same people sign in with their passwords, see the
     * same records, download the same bytes, and the activity log's chain holds; the single container's volume is kept.
     */
    @Test
    void outgrowingItMovesEveryRowAndFileOntoTheFullStackOrLeavesItAsItWas() throws Exception {
        String project = "one" + UUID.randomUUID().toString().substring(0, 8);
        int port = StackProbe.freePort();
        try {
            InstallResult installed = console.installer().install(new InstallRequest(fixture.license(), tmp.resolve(project),
                    project, port, "founder@example.com", null, fixture.release120.toString())
                    .withSettings(StackSettings.DEFAULTS.withEdition(Edition.SINGLE)), InstallListener.SILENT);
            String api = "http://127.0.0.1:" + port;
            Session s = Session.first(api, installed);
            String venture = StackProbe.post(api + "/api/orgs/" + s.org() + "/ventures", s.token(),
                    Map.of("name", "Grown out of one container")).get("id").asText();
            StackProbe.post(api + "/api/orgs/" + s.org() + "/ventures/" + venture + "/goals", s.token(),
                    Map.of("title", "Hire the second engineer"));
            byte[] file = "week,signups\n1,10\n2,25\n".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String fileId = StackProbe.call("POST", api + "/api/orgs/" + s.org() + "/files?name=growth.csv&ventureId="
                    + venture, s.token(), "text/csv", file).get("id").asText();
            JsonNode goals = StackProbe.call("GET", api + "/api/orgs/" + s.org() + "/ventures/" + venture + "/goals",
                    s.token(), null, null);
            String volume = project + "_data";

            // A file the move cannot read: it stops, and the single container is back with its data.
            String image = fixture.single120;
            StackProbe.run("docker", "run", "--rm", "-u", "0", "--entrypoint", "bash", "-v", volume + ":/d", image, "-c",
                    "echo secret > /d/files/unreadable && chmod 000 /d/files/unreadable");
            assertThatThrownBy(() -> console.editionChange().toFull(project, InstallListener.SILENT))
                    .isInstanceOf(EditionChange.EditionProblem.class)
                    .hasMessageContaining("the single container runs again with its data as it was");
            assertThat(services(project)).containsExactly("app");
            assertThat(engine.volumes(Map.of(StackLabels.PROJECT, project))).containsExactly(volume);
            assertThat(console.installations().find(project).map(i -> StackSettings.fromJson(i.settingsJson()).edition()))
                    .contains(Edition.SINGLE);
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            assertThat(ventures(Session.signIn(api))).containsExactly("Grown out of one container");

            // For real.
            StackProbe.run("docker", "run", "--rm", "-u", "0", "--entrypoint", "bash", "-v", volume + ":/d", image, "-c",
                    "rm /d/files/unreadable");
            EditionChange.Moved moved = console.editionChange().toFull(project, InstallListener.SILENT);
            assertThat(moved.report().path("files").asInt()).isEqualTo(1);
            assertThat(moved.report().path("notMoved")).extracting(JsonNode::asText).containsExactly("sessions");
            assertThat(moved.keptVolume()).isEqualTo(volume);
            assertThat(services(project)).containsExactlyInAnyOrder("postgres", "redis", "storage", "backend", "web");
            assertThat(console.installations().find(project).map(i -> StackSettings.fromJson(i.settingsJson()).edition()))
                    .contains(Edition.FULL);
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            Session full = Session.signIn(api);
            assertThat(ventures(full)).containsExactly("Grown out of one container");
            assertThat(StackProbe.call("GET", api + "/api/orgs/" + full.org() + "/ventures/" + venture + "/goals",
                    full.token(), null, null)).isEqualTo(goals);
            HttpResponse<byte[]> down = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/orgs/" + full.org()
                    + "/files/" + fileId)).header("Authorization", "Bearer " + full.token()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(down.body()).as("the file's bytes, from the object store now").isEqualTo(file);
            JsonNode audit = StackProbe.call("GET", api + "/api/orgs/" + full.org() + "/activity/verify", full.token(),
                    null, null);
            assertThat(audit.path("intact").asBoolean()).as(audit.toString()).isTrue();
            assertThat(StackProbe.psql(project, "SELECT count(*) FROM ventures")).isEqualTo("1");
            assertThatThrownBy(() -> console.editionChange().toFull(project, InstallListener.SILENT))
                    .hasMessageContaining("is the full stack already");
        } finally {
            console.stacks().uninstall(project, false);
        }
        assertThat(engine.volumes(Map.of(StackLabels.PROJECT, project))).isEmpty();
    }

    private static java.util.List<String> services(String project) {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.ONEOFF, "False")).stream()
                .map(c -> c.labels().get(StackLabels.SERVICE)).toList();
    }

    /**
     * Updates of the single container, from a test Brain (the JDK's file server) serving a signed channel. The
     * releases after 1.2.0 are 1.2.0's own signed manifest, changed and signed again with the fixture's vendor key:
     * 1.2.1's container cannot open its database (it never becomes healthy), 1.2.2's differs only in its memory.
     */
    @Test
    void aFailedUpdateRollsItselfBackAGoodOneKeepsTheDataAndARollbackRestoresTheBackup() throws Exception {
        String project = "one" + UUID.randomUUID().toString().substring(0, 8);
        int port = StackProbe.freePort();
        Path brain = Files.createDirectories(tmp.resolve("brain-" + project + "/v1/channels"));
        HttpServer server = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                brain.getParent().getParent(), SimpleFileServer.OutputLevel.NONE);
        server.start();
        // this console reads the test Brain's channel
        TestConsole console = TestConsole.at(fixture, engine, tmp.resolve("console-" + project),
                "http://127.0.0.1:" + server.getAddress().getPort());
        try {
            InstallResult installed = console.installer().install(new InstallRequest(fixture.license(), tmp.resolve(project), project,
                    port, "founder@example.com", null, fixture.release120.toString())
                    .withSettings(StackSettings.DEFAULTS.withEdition(Edition.SINGLE)), InstallListener.SILENT);
            String api = "http://127.0.0.1:" + port;
            Session before = Session.first(api, installed);
            StackProbe.post(api + "/api/orgs/" + before.org() + "/ventures", before.token(), Map.of("name", "Before the updates"));
            UpdateService updates = console.updates();

            // 1.2.1 cannot start: after the pre-update backup and the switch, the update undoes itself.
            publishChannel(brain, 1, release("1.2.1", "DATABASE_URL: sqlite:///data/adaptive.db",
                    "DATABASE_URL: sqlite:///proc/adaptive.db"));
            assertThatThrownBy(() -> updates.apply(project, null, InstallListener.SILENT))
                    .isInstanceOfSatisfying(UpdateService.UpdateFailed.class, e -> assertThat(e.rolledBack()).isTrue())
                    .hasMessageContaining("rolled back to 1.2.0");
            assertThat(console.installations().find(project).orElseThrow().version()).isEqualTo("1.2.0");
            assertThat(releaseRunning(project)).isEqualTo("1.2.0");
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            assertThat(ventures(Session.signIn(api))).containsExactly("Before the updates");

            // 1.2.2 works: the container replaced, the data kept.
            publishChannel(brain, 2, release("1.2.2", "${APP_MEMORY:-512m}", "${APP_MEMORY:-640m}"));
            UpdateService.Applied applied = updates.apply(project, null, InstallListener.SILENT);
            assertThat(applied.to()).isEqualTo("1.2.2");
            assertThat(releaseRunning(project)).isEqualTo("1.2.2");
            Session on122 = Session.signIn(api);
            assertThat(ventures(on122)).containsExactly("Before the updates");
            StackProbe.post(api + "/api/orgs/" + on122.org() + "/ventures", on122.token(), Map.of("name", "Made on 1.2.2"));

            // Back to 1.2.0 (the same schema: the pre-update backup is restored), the newer state kept in a backup.
            UpdateService.RolledBack back = updates.rollback(project, InstallListener.SILENT);
            assertThat(back.to()).isEqualTo("1.2.0");
            assertThat(back.safetyBackup().kind()).isEqualTo("pre-rollback");
            assertThat(releaseRunning(project)).isEqualTo("1.2.0");
            assertThat(console.stacks().status(project).overall()).isEqualTo("healthy");
            assertThat(ventures(Session.signIn(api))).containsExactly("Before the updates");
        } finally {
            server.stop(0);
            console.stacks().uninstall(project, false);
        }
    }

    /** Release 1.2.0's signed manifest as {@code version}, its single template with {@code from} made {@code to}. */
    private static String release(String version, String from, String to) throws Exception {
        ObjectNode body = (ObjectNode) DocumentCodec.decodeUntrusted(Files.readString(fixture.release120).strip(),
                DocumentKind.RELEASE_MANIFEST).body().deepCopy();
        body.put("version", version);
        String template = body.path("stack").path("editions").path("single").asText();
        assertThat(template).contains(from);
        ((ObjectNode) body.path("stack").path("editions")).put("single", template.replaceFirst(
                java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        return new DocumentSigner(fixture.vendorKey).sign(DocumentKind.RELEASE_MANIFEST, body).compact();
    }

    /** The signed channel "stable" offering 1.2.0 and {@code newer}. */
    private static void publishChannel(Path channels, int sequence, String newer) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("channel", "stable").put("sequence", sequence)
                .put("issuedAt", Instant.now().minusSeconds(60).toString())
                .put("expiresAt", Instant.now().plus(Duration.ofDays(14)).toString());
        ArrayNode releases = body.putArray("releases");
        releases.addObject().put("version", "1.2.0").put("manifest", Files.readString(fixture.release120).strip());
        String version = DocumentCodec.decodeUntrusted(newer, DocumentKind.RELEASE_MANIFEST).body().path("version").asText();
        releases.addObject().put("version", version).put("manifest", newer);
        body.putArray("notices");
        Files.writeString(channels.resolve("stable"), new DocumentSigner(fixture.vendorKey)
                .sign(DocumentKind.CHANNEL_MANIFEST, body).compact());
    }

    /** The release the container was made by. */
    private static String releaseRunning(String project) {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.ONEOFF, "False")).stream()
                .map(c -> c.labels().get(StackLabels.RELEASE)).reduce((a, b) -> a + "," + b).orElse("none");
    }

    private static java.util.List<String> ventures(Session s) throws Exception {
        return StackProbe.call("GET", s.api() + "/api/orgs/" + s.org() + "/ventures", s.token(), null, null)
                .findValuesAsText("name");
    }

    /** The founder signed in with the password they chose. */
    private record Session(String api, String token, String org) {
        /** The first sign-in, with the console's initial password, which the founder replaces with their own. */
        static Session first(String api, InstallResult installed) throws Exception {
            String token = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com",
                    "password", installed.adminPassword())).get("token").asText();
            StackProbe.post(api + "/api/auth/password", token, Map.of("currentPassword", installed.adminPassword(),
                    "newPassword", "the-founders-own-password"));
            return signIn(api);
        }

        static Session signIn(String api) throws Exception {
            String token = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com",
                    "password", "the-founders-own-password")).get("token").asText();
            return new Session(api, token, StackProbe.call("GET", api + "/api/orgs", token, null, null).get(0).get("id").asText());
        }
    }

    @Test
    void aReleaseWithoutTheSingleEditionIsRefusedBeforeAnythingIsMade() {
        String project = "one" + UUID.randomUUID().toString().substring(0, 8);
        InstallRequest request = new InstallRequest(fixture.license(), tmp.resolve(project), project, 18080,
                "founder@example.com", null, fixture.release110.toString())
                .withSettings(StackSettings.DEFAULTS.withEdition(Edition.SINGLE));
        assertThatThrownBy(() -> console.installer().install(request, InstallListener.SILENT))
                .isInstanceOf(InstallFailed.class)
                .hasMessageContaining("begins with release 1.2.0");
        assertThat(engine.containers(Map.of(StackLabels.PROJECT, project))).isEmpty();
    }
}
