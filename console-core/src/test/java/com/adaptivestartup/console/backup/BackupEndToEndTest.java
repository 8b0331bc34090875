package com.adaptivestartup.console.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineStrategies;
import com.adaptivestartup.console.install.Fixture;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.install.StackProbe;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.update.MigrationService;
import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore on the real engine: data written through the server's API (an admin with a changed
 * password, a venture, a metric, a 2 MB file), backed up, checked by real peers (GNU tar lists the
 * archive, the stack's own pg_restore reads the dump), the volumes destroyed, restored, and every table
 * and every stored object compared by checksum. A damaged copy is refused before anything is touched.
 */
@Tag("e2e")
class BackupEndToEndTest {
    static Fixture fixture;
    static DockerEngine engine;
    @TempDir
    static Path tmp;
    static StateDatabase state;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void connect() throws Exception {
        fixture = Fixture.load();
        engine = ((EngineLocator.Outcome.Found) new EngineLocator(EngineStrategies.forThisMachine(System.getenv(),
                System.getProperty("os.name"), Path.of(System.getProperty("user.home")))).locate()).engine();
        state = StateDatabase.open(tmp.resolve("state"));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static InstallService installer(StateDatabase db) {
        return new InstallService(new LicenseService(fixture.trusted, Clock.systemUTC(), new InMemoryTimeWitness(),
                Optional::empty), new ReleaseSource(fixture.trusted), engine, new Journal(db, Clock.systemUTC()),
                new Installations(db, Clock.systemUTC()));
    }

    private static BackupStore store(StateDatabase db) {
        return new BackupStore(tmp.resolve("backups-" + db.hashCode()), new BackupCatalogue(db), Clock.systemUTC());
    }

    private static BackupService backups(StateDatabase db) {
        return new BackupService(engine, new Installations(db, Clock.systemUTC()), new Journal(db, Clock.systemUTC()), store(db),
                new com.adaptivestartup.console.state.AuditAnchors(db, Clock.systemUTC()));
    }

    private static BackupChecks checks(StateDatabase db) {
        return new BackupChecks(engine, new Installations(db, Clock.systemUTC()), store(db));
    }

    private static MigrationService migrations(StateDatabase db) {
        return new MigrationService(engine, new Installations(db, Clock.systemUTC()), new Journal(db, Clock.systemUTC()),
                backups(db), ZoneOffset.UTC);
    }

    private static StackService stacks(StateDatabase db) {
        return new StackService(engine, new Installations(db, Clock.systemUTC()), new Journal(db, Clock.systemUTC()), Clock.systemUTC());
    }

    private static final String REDIS_AUTH = "export REDISCLI_AUTH=\"$(cat \"$REDIS_PASSWORD_FILE\")\";";

    /** A command of the stack's own redis-cli, inside its Redis container; its answer. */
    private static String redis(String project, String command) throws Exception {
        Process p = new ProcessBuilder("docker", "exec", project + "-redis-1", "bash", "-c",
                REDIS_AUTH + " redis-cli --no-auth-warning " + command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().reduce((a, b) -> b).orElse("");
    }

    @Test
    void dataWrittenThroughTheApiSurvivesAFailedMigrationAndTheLossOfTheMachine() throws Exception {
        String project = "bk" + UUID.randomUUID().toString().substring(0, 8);
        int port = StackProbe.freePort();
        Path dir = tmp.resolve(project);
        InstallRequest request = new InstallRequest(fixture.license(), dir, project, port, "founder@example.com", null,
                fixture.release110.toString());
        StateDatabase newMachine = StateDatabase.open(tmp.resolve("state-of-the-new-machine-" + project));
        java.util.Set<String> danglingBefore = danglingVolumes();
        try {
            InstallResult installed = installer(state).install(request, InstallListener.SILENT);
            String api = "http://127.0.0.1:" + port;
            String token = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com",
                    "password", installed.adminPassword())).get("token").asText();
            token = StackProbe.post(api + "/api/auth/password", token, Map.of("currentPassword", installed.adminPassword(),
                    "newPassword", "the-founders-own-password")).get("token").asText();
            String org = StackProbe.call("GET", api + "/api/orgs", token, null, null).get(0).get("id").asText();
            String venture = StackProbe.post(api + "/api/orgs/" + org + "/ventures", token, Map.of("name", "Backups for all",
                    "hypothesis", "admins sleep better")).get("id").asText();
            StackProbe.post(api + "/api/orgs/" + org + "/ventures/" + venture + "/metrics", token, Map.of("name", "signups", "value", 42));
            StringBuilder csv = new StringBuilder("week,signups\n");
            Random random = new Random(7);
            while (csv.length() < 2 * 1024 * 1024) {
                csv.append(random.nextInt(1000)).append(',').append(random.nextLong()).append('\n');
            }
            byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
            String fileId = StackProbe.call("POST", api + "/api/orgs/" + org + "/files?name=plan.csv&ventureId=" + venture, token,
                    "text/csv", file).get("id").asText();
            String before = StackProbe.fingerprint(project);
            assertThat(before).contains("ventures|1|").contains("metrics|1|");
            String postgresPassword = Files.readString(dir.resolve("secrets/postgres_password"));

            // Redis writes all the while (its append-only file grows by about 1 MB/s from 20 MB): the backup copies it
            // as Redis documents, where packing the live file failed with "file changed as we read it".
            redis(project, "SET marker before-the-backup");
            redis(project, "-r 20000 APPEND traffic " + "x".repeat(1000));
            long trafficBefore = Long.parseLong(redis(project, "STRLEN traffic"));
            Process writer = new ProcessBuilder("docker", "exec", project + "-redis-1", "bash", "-c",
                    REDIS_AUTH + " echo $$ > /tmp/writer.pid; exec redis-cli -r 1000000 -i 0.001 APPEND traffic " + "y".repeat(1000))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // A backup, checked whole, and proven restorable in a throwaway database.
            BackupCatalogue.Backup backup;
            try {
                backup = backups(state).create(project, "manual", "before the disaster", null, BackupService.Listener.SILENT);
                assertThat(writer.isAlive()).as("Redis was written to during the whole backup").isTrue();
            } finally {
                writer.destroy();
                new ProcessBuilder("docker", "exec", project + "-redis-1", "bash", "-c", "kill $(cat /tmp/writer.pid)")
                        .start().waitFor();
            }
            assertThat(redis(project, "CONFIG GET auto-aof-rewrite-percentage")).as("Redis's rewrites given back")
                    .endsWith("100");
            assertThat(store(state).list(project)).extracting(BackupCatalogue.Backup::id).containsExactly(backup.id());
            assertThat(checks(state).verify(backup.id(), null).manifest().schemaVersion()).isEqualTo("5");
            BackupChecks.RestoreTest test = checks(state).restoreTest(project, backup.id(), null);
            assertThat(test.schemaVersion()).isEqualTo("5");
            assertThat(test.users()).isEqualTo(1);
            assertThat(test.tables()).isGreaterThanOrEqualTo(8);
            assertThat(store(state).list(project).get(0).restoreTested().result()).isEqualTo("ok: " + test.summary());

            // Real peers: GNU tar lists it; the stack's own pg_restore reads the dump.
            String listing = StackProbe.run("tar", "-tf", backup.file().toString());
            // the manifest first; the parts in the order the helper finished them, then the configuration
            assertThat(listing.lines().toList()).startsWith("manifest.json")
                    .contains("database.dump", "volumes/storage-data.tar.zst", "volumes/redis-data.tar.zst", "config/.env")
                    .endsWith("config/secrets/s3_secret_key");
            Path extracted = Files.createDirectories(tmp.resolve("peer-" + project));
            StackProbe.run("tar", "-xf", backup.file().toString(), "-C", extracted.toString(), "database.dump");
            Process restoreList = new ProcessBuilder("docker", "exec", "-i", project + "-postgres-1", "pg_restore", "--list")
                    .redirectInput(extracted.resolve("database.dump").toFile()).redirectErrorStream(true).start();
            String toc = new String(restoreList.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(restoreList.waitFor()).as(toc).isZero();
            assertThat(toc).contains("TABLE DATA public ventures", "TABLE DATA public metrics");

            // A damaged copy is refused, and nothing is stopped.
            Path damaged = Files.copy(backup.file(), tmp.resolve("damaged-" + project + ".tar"));
            long dumpAt;
            try (var tar = new org.apache.commons.compress.archivers.tar.TarFile(backup.file())) {
                dumpAt = tar.getEntries().stream().filter(e -> e.getName().equals("database.dump")).findFirst()
                        .orElseThrow().getDataOffset();
            }
            try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
                f.seek(dumpAt + 1000);
                int b = f.read();
                f.seek(dumpAt + 1000);
                f.write(b ^ 0xff);
            }
            assertThatThrownBy(() -> backups(state).restore(project, damaged.toString(), null, false, BackupService.Listener.SILENT))
                    .isInstanceOf(BackupProblem.class).hasMessageMatching("(?s).*(checksum|damaged).*");
            assertThatThrownBy(() -> checks(state).restoreTest(project, damaged.toString(), null)).isInstanceOf(BackupProblem.class);
            assertThat(stacks(state).status(project).overall()).isEqualTo("healthy");

            // A migration is one operation: with nothing to apply it only costs a backup.
            MigrationService.Migrated noop = migrations(state).migrate(project, BackupService.Listener.SILENT);
            assertThat(noop.applied()).isEmpty();
            assertThat(noop.schemaAfter()).isEqualTo("5");
            assertThat(noop.backup().kind()).isEqualTo("pre-migrate");
            // A migration that fails (V5 is pending again but its column exists) is rolled back, and said so.
            StackProbe.psql(project, "DELETE FROM flyway_schema_history WHERE version = '5'");
            String broken = StackProbe.fingerprint(project);
            assertThatThrownBy(() -> migrations(state).migrate(project, BackupService.Listener.SILENT))
                    .isInstanceOfSatisfying(MigrationService.MigrationFailed.class, e -> assertThat(e.restored()).isTrue())
                    .hasMessageMatching("migration 1\\.1\\.0/V5 failed: .*already exists.*; restored to the state of"
                            + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d Z; nothing lost");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(broken);
            assertThat(stacks(state).status(project).overall()).isEqualTo("healthy");
            assertThat(new Journal(state, Clock.systemUTC()).entries(project, 400)).anyMatch(e -> e.operation().equals("migrate")
                    && e.step().equals("roll back") && e.status().equals("done"));

            // The helpers, the throwaway database and the migration's containers took their anonymous volumes
            // with them (a restore test's database would otherwise stay on the disk, as big as the customer's).
            assertThat(danglingVolumes()).as("volumes left behind").isSubsetOf(danglingBefore);

            // The disaster: the machine is gone (containers, volumes, install folder, the console's state).
            stacks(state).uninstall(project, false);
            InstallDirectory.deleteTree(dir);
            DisasterRecovery.Recovered recovered = new DisasterRecovery(installer(newMachine), new ReleaseSource(fixture.trusted),
                    new Installations(newMachine, Clock.systemUTC()), backups(newMachine), new Journal(newMachine, Clock.systemUTC()))
                    .install(request, backup.file(), null, InstallListener.SILENT);
            assertThat(recovered.backup().note()).isEqualTo("before the disaster");
            assertThat(recovered.listingProblem()).isNull();
            assertThat(recovered.listed()).as("the recovered install lists the backup it came from")
                    .extracting(BackupCatalogue.Backup::sha256).contains(backup.sha256());
            assertThat(StackProbe.fingerprint(project)).isEqualTo(before);
            assertThat(redis(project, "GET marker")).isEqualTo("before-the-backup");
            assertThat(Long.parseLong(redis(project, "STRLEN traffic"))).as("Redis's data as it was during the backup")
                    .isGreaterThanOrEqualTo(trafficBefore);
            assertThat(Files.readString(dir.resolve("secrets/postgres_password"))).isEqualTo(postgresPassword);
            assertThat(dir.resolve(InstallDirectory.ADMIN_PASSWORD)).doesNotExist();
            String again = StackProbe.post(api + "/api/auth/login", null, Map.of("email", "founder@example.com",
                    "password", "the-founders-own-password")).get("token").asText();
            HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/orgs/" + org + "/files/" + fileId))
                    .header("Authorization", "Bearer " + again).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));

            // On the new machine the old file is imported, and restoring it over live data keeps a way back.
            StackProbe.post(api + "/api/orgs/" + org + "/ventures", again, Map.of("name", "Made after the recovery", "hypothesis", "x"));
            BackupStore.Imported imported = store(newMachine).importFile(project, backup.file(), null);
            BackupService.Restored restored = backups(newMachine).restore(project, imported.backup().id(), null, true,
                    BackupService.Listener.SILENT);
            assertThat(restored.safetyBackup().kind()).isEqualTo("pre-restore");
            assertThat(StackProbe.fingerprint(project)).isEqualTo(before);
            assertThat(store(newMachine).list(project)).extracting(BackupCatalogue.Backup::kind)
                    .containsExactlyInAnyOrder("pre-restore", "manual");
            assertThat(new Journal(newMachine, Clock.systemUTC()).entries(project, 200)).anyMatch(e ->
                    e.operation().equals("restore") && e.step().equals("operation") && e.status().equals("done"));

            // The daily backup: not due the moment it is set; a day later it runs once and prunes to its keep.
            Instant setAt = Instant.now();
            new ScheduledBackups(new BackupSchedules(newMachine), backups(newMachine), Clock.fixed(setAt, ZoneOffset.UTC))
                    .set(project, LocalTime.ofInstant(setAt.plusSeconds(3600), ZoneOffset.UTC), ZoneOffset.UTC, 1);
            ScheduledBackups aDayLater = new ScheduledBackups(new BackupSchedules(newMachine), backups(newMachine),
                    Clock.fixed(setAt.plusSeconds(86400), ZoneOffset.UTC));
            ScheduledBackups.Ran ran = aDayLater.runIfDue(project, BackupService.Listener.SILENT).orElseThrow();
            assertThat(ran.backup().kind()).isEqualTo("scheduled");
            assertThat(ran.pruned()).extracting(d -> d.backup().kind()).containsExactlyInAnyOrder("pre-restore", "manual");
            assertThat(store(newMachine).list(project)).extracting(BackupCatalogue.Backup::id).containsExactly(ran.backup().id());
            assertThat(aDayLater.runIfDue(project, BackupService.Listener.SILENT)).isEmpty();
            assertThat(Files.getPosixFilePermissions(ran.backup().file())).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } finally {
            stacks(state).uninstall(project, false);
            stacks(newMachine).uninstall(project, false);
        }
    }

    /** Volumes no container uses, read with the docker CLI as a peer would. */
    private static java.util.Set<String> danglingVolumes() throws Exception {
        return java.util.Set.copyOf(StackProbe.run("docker", "volume", "ls", "-q", "--filter", "dangling=true").lines().toList());
    }
}
