package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.docker.ContainerSpec;
import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.install.InstallDirectory;
import com.adaptivestartup.console.install.StackDeployer;
import com.adaptivestartup.console.install.StackLabels;
import com.adaptivestartup.console.release.Versions;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Backups of an installed stack, and restores from them. A backup runs a one-off container of the
 * stack's own database image (its pg_dump matches the server) that dumps the database and packs each
 * data volume with zstd into a staging folder; the console then writes the archive ({@link BackupArchive})
 * and records it. A restore checks the whole archive first, refuses one from a newer version, takes a
 * safety backup of the current state, stops the app's services, restores the database (into a new
 * database, swapped in only on success) and the volumes, starts everything, migrates a backup from an
 * older version forward, and waits until healthy. Every step is journaled.
 */
public final class BackupService {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final DockerEngine engine;
    private final Installations installations;
    private final Journal journal;
    private final BackupCatalogue catalogue;
    private final Clock clock;
    private final Path backupsRoot;

    public BackupService(DockerEngine engine, Installations installations, Journal journal, BackupCatalogue catalogue,
                         Clock clock, Path backupsRoot) {
        this.engine = engine;
        this.installations = installations;
        this.journal = journal;
        this.catalogue = catalogue;
        this.clock = clock;
        this.backupsRoot = backupsRoot;
    }

    /** Progress, for the CLI and the UI. */
    public interface Listener {
        void step(String step, String status);

        Listener SILENT = (step, status) -> {
        };
    }

    public List<BackupCatalogue.Backup> list(String project) {
        return catalogue.list(project);
    }

    public Path folder(String project) {
        return backupsRoot.resolve(project);
    }

    public BackupCatalogue.Backup create(String project, String kind, String note, char[] passphrase, Listener listener) {
        Installations.Installation inst = installation(project);
        Journal.Operation op = journal.begin("backup", project);
        Path folder = folder(project);
        Instant now = clock.instant();
        String id = ID.format(now) + "-" + kind;
        Path staging = folder.resolve(".staging-" + id);
        try {
            Files.createDirectories(staging);
            InstallDirectory dir = new InstallDirectory(inst.directory());
            StackPlan plan = dir.readPlan();
            StackDeployer d = new StackDeployer(engine, project, dir.path(), inst.version());
            List<String> volumes = dataVolumes(plan);
            step(op, listener, "dump", () -> runHelper(d, plan, staging, "backup.sh", volumes, true));
            String schema = Files.readString(staging.resolve("schema-version"), StandardCharsets.UTF_8).strip();
            List<BackupArchive.Part> parts = new ArrayList<>();
            parts.add(new BackupArchive.Part(BackupLayout.DATABASE, staging.resolve(BackupLayout.DATABASE)));
            for (String v : volumes) {
                parts.add(new BackupArchive.Part(BackupLayout.volumeEntry(v), staging.resolve(v + BackupLayout.VOLUME_SUFFIX)));
            }
            parts.add(new BackupArchive.Part("config/" + InstallDirectory.COMPOSE, dir.path().resolve(InstallDirectory.COMPOSE)));
            parts.add(new BackupArchive.Part("config/" + InstallDirectory.ENV, dir.path().resolve(InstallDirectory.ENV)));
            try (Stream<Path> secrets = Files.list(dir.path().resolve(InstallDirectory.SECRETS))) {
                for (Path s : secrets.sorted().toList()) {
                    if (BackupLayout.isAllowed("config/secrets/" + s.getFileName())) {
                        parts.add(new BackupArchive.Part("config/secrets/" + s.getFileName(), s));
                    }
                }
            }
            Path target = folder.resolve("adaptive-" + project + "-" + id + (passphrase == null ? ".tar" : ".tar.enc"));
            BackupManifest header = new BackupManifest(BackupManifest.FORMAT_VERSION, project, inst.version(), schema, now,
                    kind, note, List.of());
            BackupArchive.Written written = step(op, listener, "archive", () -> BackupArchive.write(target, header, parts, passphrase));
            BackupCatalogue.Backup backup = new BackupCatalogue.Backup(id, project, written.file(), kind, inst.version(),
                    schema, now, written.size(), written.sha256(), passphrase != null, note, null, null);
            catalogue.add(backup);
            op.record("operation", "done", written.file() + " (" + written.size() + " bytes)");
            return backup;
        } catch (IOException e) {
            op.record("operation", "failed", e.getMessage());
            throw new BackupProblem("the backup failed: " + e.getMessage() + " (free disk space in " + folder + "?)", e);
        } catch (RuntimeException e) {
            op.record("operation", "failed", e.getMessage());
            throw e;
        } finally {
            deleteTree(staging);
        }
    }

    /** Finds a backup by its id in the catalogue, or a file (which need not be in the catalogue). */
    public Path locate(String idOrFile) {
        Optional<BackupCatalogue.Backup> known = catalogue.find(idOrFile);
        if (known.isPresent()) {
            return known.get().file();
        }
        Path file = Path.of(idOrFile);
        if (Files.isRegularFile(file)) {
            return file;
        }
        throw new BackupProblem("there is no backup '" + idOrFile + "': give an id from `adaptivectl backup list` or a backup file");
    }

    /** Re-reads the whole archive and checks every entry's checksum; the result is recorded when it is catalogued. */
    public BackupArchive.Checked verify(String project, String idOrFile, char[] passphrase) {
        Path file = locate(idOrFile);
        Optional<BackupCatalogue.Backup> known = catalogue.findByFile(file);
        try {
            BackupArchive.Checked checked = BackupArchive.read(file, passphrase, name -> null);
            known.ifPresent(b -> {
                if (!b.sha256().equals(checked.sha256())) {
                    throw new BackupProblem("the backup file " + file + " changed since it was made (its SHA-256 differs)");
                }
            });
            known.ifPresent(b -> catalogue.recordVerification(b.id(), clock.instant(), "ok"));
            return checked;
        } catch (BackupProblem e) {
            known.ifPresent(b -> catalogue.recordVerification(b.id(), clock.instant(), "failed: " + e.getMessage()));
            throw e;
        }
    }

    public record Restored(BackupManifest manifest, BackupCatalogue.Backup safetyBackup) {
    }

    public Restored restore(String project, String idOrFile, char[] passphrase, boolean safetyBackup, Listener listener) {
        Installations.Installation inst = installation(project);
        Path file = locate(idOrFile);
        Journal.Operation op = journal.begin("restore", project);
        Path staging = folder(project).resolve(".restoring-" + ID.format(clock.instant()));
        try {
            Files.createDirectories(staging);
            // 1. Everything is checked, and staged, before anything is stopped or overwritten.
            BackupArchive.Checked checked = step(op, listener, "check", () -> BackupArchive.read(file, passphrase, name -> {
                if (name.equals(BackupLayout.DATABASE) || name.startsWith(BackupLayout.VOLUMES)) {
                    String staged = name.startsWith(BackupLayout.VOLUMES) ? name.substring(BackupLayout.VOLUMES.length()) : name;
                    return Files.newOutputStream(staging.resolve(staged), StandardOpenOption.CREATE_NEW);
                }
                return null;
            }));
            BackupManifest m = checked.manifest();
            if (Versions.compare(m.appVersion(), inst.version()) > 0) {
                throw new BackupProblem("this backup is from Adaptive Startup " + m.appVersion() + ", newer than the installed "
                        + inst.version() + "; update to " + m.appVersion() + " first, then restore it. Nothing was changed.");
            }
            InstallDirectory dir = new InstallDirectory(inst.directory());
            StackPlan plan = dir.readPlan();
            List<String> volumes = dataVolumes(plan);
            for (BackupManifest.Entry e : m.entries()) {
                if (e.name().startsWith(BackupLayout.VOLUMES) && !volumes.contains(BackupLayout.volumeKey(e.name()))) {
                    throw new BackupProblem("this backup holds a volume '" + BackupLayout.volumeKey(e.name()) + "' that the"
                            + " installed stack does not have; restore it into the version it came from. Nothing was changed.");
                }
            }
            List<String> restoredVolumes = volumes.stream()
                    .filter(v -> m.entries().stream().anyMatch(e -> e.name().equals(BackupLayout.volumeEntry(v)))).toList();
            // 2. A way back: the current state, as a backup of its own.
            BackupCatalogue.Backup safety = safetyBackup ? step(op, listener, "safety backup", () -> create(project, "pre-restore",
                    "taken automatically before restoring " + file.getFileName(), null, Listener.SILENT)) : null;
            StackDeployer d = new StackDeployer(engine, project, dir.path(), inst.version());
            // 3. The app's services stop; the database keeps running for the restore.
            step(op, listener, "stop", () -> {
                List<StackPlan.Service> reverse = new ArrayList<>(plan.services());
                java.util.Collections.reverse(reverse);
                for (StackPlan.Service s : reverse) {
                    if (!s.name().equals(StackPlan.DATABASE)) {
                        d.current(s.name()).ifPresent(c -> engine.stop(c.id(), Duration.ofSeconds(20)));
                    }
                }
                return null;
            });
            step(op, listener, "restore", () -> runHelper(d, plan, staging, "restore.sh", restoredVolumes, false));
            step(op, listener, "start", () -> {
                for (StackPlan.Service s : plan.services()) {
                    d.current(s.name()).ifPresent(c -> engine.start(c.id()));
                }
                for (StackPlan.Service s : plan.services()) {
                    ContainerStatus c = d.current(s.name()).orElseThrow(() -> new BackupProblem(
                            "the service " + s.name() + " is missing; run install again to recreate it"));
                    DockerEngine.HealthOutcome h = engine.awaitHealthy(c.id(), Duration.ofSeconds(180));
                    if (h != DockerEngine.HealthOutcome.HEALTHY && h != DockerEngine.HealthOutcome.NO_HEALTHCHECK) {
                        throw new BackupProblem(s.name() + " did not become healthy after the restore (" + h + "); last log lines:\n  "
                                + String.join("\n  ", engine.logs(c.id(), 15)));
                    }
                }
                return null;
            });
            step(op, listener, "migrate", () -> {
                DockerEngine.OneOffResult r = d.runOnce(plan.service(StackPlan.SERVER), List.of("migrate", "--wait-for-database", "60"),
                        List.of(), Duration.ofMinutes(10));
                if (r.exitCode() != 0) {
                    throw new BackupProblem("the restored data (Adaptive Startup " + m.appVersion() + ") could not be migrated to "
                            + inst.version() + ": " + tail(r.output()) + (safety == null ? ""
                            : "\nThe state before the restore is in the backup " + safety.id() + "."));
                }
                return null;
            });
            op.record("operation", "done", "restored " + file.getFileName() + " (" + m.appVersion() + ", " + m.createdAt() + ")");
            return new Restored(m, safety);
        } catch (IOException e) {
            op.record("operation", "failed", e.getMessage());
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            op.record("operation", "failed", e.getMessage());
            throw e;
        } finally {
            deleteTree(staging);
        }
    }

    /** The stack's named volumes other than the database's (which is dumped, not copied). */
    static List<String> dataVolumes(StackPlan plan) {
        List<String> database = plan.service(StackPlan.DATABASE).mounts().stream().filter(m -> !m.bind())
                .map(StackPlan.VolumeMount::source).toList();
        return plan.volumes().stream().filter(v -> !database.contains(v)).sorted().toList();
    }

    private Void runHelper(StackDeployer d, StackPlan plan, Path staging, String script, List<String> volumes, boolean readOnly) {
        StackPlan.Service db = plan.service(StackPlan.DATABASE);
        List<ContainerSpec.MountSpec> mounts = new ArrayList<>();
        for (StackPlan.VolumeMount m : db.mounts()) {
            if (m.bind()) {
                mounts.add(new ContainerSpec.MountSpec(true, d.directory().resolve(m.source().replaceFirst("^\\./", ""))
                        .normalize().toString(), m.target(), true));
            }
        }
        mounts.add(new ContainerSpec.MountSpec(true, staging.toAbsolutePath().toString(), "/backup", !readOnly));
        for (String v : volumes) {
            mounts.add(new ContainerSpec.MountSpec(false, d.volume(v), "/volumes/" + v, readOnly));
        }
        Map<String, String> env = new LinkedHashMap<>(db.environment());
        env.put("DB_HOST", StackPlan.DATABASE);
        env.put("VOLUMES", String.join(" ", volumes));
        env.put("OWNER", owner(staging));
        String name = d.project() + "-" + script.replace(".sh", "") + "-" + Long.toHexString(System.nanoTime());
        ContainerSpec spec = new ContainerSpec(name, db.image(), env,
                StackLabels.container(d.project(), script.replace(".sh", ""), "", true, d.directory(), d.release()), mounts,
                d.network(), List.of(), List.of(), List.of("bash", "-c", resource(script)), false, "0:0");
        DockerEngine.OneOffResult r = engine.run(spec, Duration.ofHours(6));
        if (r.exitCode() != 0) {
            throw new BackupProblem((readOnly ? "the backup" : "the restore") + " failed inside the database container (exit code "
                    + r.exitCode() + "): " + tail(r.output()) + (readOnly ? "" : "\nThe current data was left as it was."));
        }
        return null;
    }

    private static String owner(Path dir) {
        try {
            return Files.getAttribute(dir, "unix:uid") + ":" + Files.getAttribute(dir, "unix:gid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "";
        }
    }

    private static String resource(String name) {
        try (InputStream in = BackupService.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the console is missing its " + name, e);
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    private Installations.Installation installation(String project) {
        return installations.find(project).orElseThrow(() -> new BackupProblem("there is no installation '" + project
                + "' on this machine (see `adaptivectl status`)"));
    }

    private interface Work<T> {
        T run() throws IOException;
    }

    private <T> T step(Journal.Operation op, Listener listener, String step, Work<T> work) throws IOException {
        op.record(step, "started", null);
        listener.step(step, "started");
        try {
            T result = work.run();
            op.record(step, "done", null);
            listener.step(step, "done");
            return result;
        } catch (IOException | RuntimeException e) {
            op.record(step, "failed", e.getMessage());
            throw e;
        }
    }

    private static void deleteTree(Path root) {
        try {
            InstallDirectory.deleteTree(root);
        } catch (UncheckedIOException e) {
            // a staging folder left behind holds only copies; the backups folder is ours to tidy later
        }
    }
}
