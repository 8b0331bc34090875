package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.release.Versions;
import com.adaptivestartup.console.stack.FirstFailure;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.console.state.AuditAnchors;
import com.adaptivestartup.console.state.InstallationLock;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.OperationLock;
import com.adaptivestartup.console.state.StepTimes;
import com.adaptivestartup.licensing.signing.DocumentCodec;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Backups of an installed stack, and restores from them. A backup runs a one-off container of the
 * stack's own database image (its pg_dump matches the server) that dumps the database and packs each
 * data volume with zstd into a staging folder; the console takes each part into the archive as soon as it
 * is packed ({@link PartCollector}, {@link BackupArchive}) and records it. A restore checks the whole archive
 * first, refuses one from a newer version, takes a safety backup of the current state, stops the app's
 * services, restores the database (into a new database, swapped in only on success) and the volumes, starts
 * everything, migrates a backup from an older version forward, and waits until healthy. Every step is
 * journaled. Both hold the installation's backup lock ({@link BackupStore}).
 */
public final class BackupService {
    private final DockerEngine engine;
    private final Installations installations;
    private final Journal journal;
    private final BackupStore store;
    private final HelperContainer helpers;
    private final AuditAnchors anchors;

    public BackupService(DockerEngine engine, Installations installations, Journal journal, BackupStore store,
                         AuditAnchors anchors) {
        this.engine = engine;
        this.installations = installations;
        this.journal = journal;
        this.store = store;
        this.helpers = new HelperContainer(engine);
        this.anchors = anchors;
    }

    /** Progress, for the CLI and the UI. */
    public interface Listener extends Journal.Progress {
        Listener SILENT = (step, status) -> {
        };
    }

    public BackupStore store() {
        return store;
    }

    public BackupCatalogue.Backup create(String project, String kind, String note, char[] passphrase, Listener listener) {
        Installations.Installation inst = installation(project);
        try (InstallationLock operation = lock(project, "backup"); BackupFolderLock lock = store.lock(project)) {
            store.checkRoomFor(project);
            return createLocked(inst, kind, note, passphrase, listener);
        }
    }

    private BackupCatalogue.Backup createLocked(Installations.Installation inst, String kind, String note, char[] passphrase,
                                                Listener listener) {
        String project = inst.project();
        Journal.Operation op = journal.begin("backup", project);
        Path folder = store.folder(project);
        Instant now = store.clock().instant();
        String id = BackupStore.ID.format(now) + "-" + kind;
        Path staging = folder.resolve(".staging-" + id);
        try {
            Files.createDirectories(staging);
            InstallDirectory dir = new InstallDirectory(inst.directory());
            StackPlan plan = dir.readPlan();
            StackDeployer d = new StackDeployer(engine, project, dir.path(), inst.version());
            BackupRecipe recipe = BackupRecipe.of(plan);
            List<String> volumes = recipe.volumes();
            Map<String, String> packed = new LinkedHashMap<>();
            packed.put(recipe.databasePart(), recipe.databasePart());
            volumes.forEach(v -> packed.put(v + BackupLayout.VOLUME_SUFFIX, BackupLayout.volumeEntry(v)));
            List<BackupArchive.Part> configuration = configuration(dir);
            Path target = folder.resolve("adaptive-" + project + "-" + id + (passphrase == null ? ".tar" : ".tar.enc"));
            Supplier<BackupManifest> header = () -> header(staging, inst, now, kind, note);
            BackupArchive.Written written;
            try (PartCollector collector = new PartCollector(staging, target, packed, configuration, header,
                    BackupArchive.wholeSeconds(now))) {
                if (passphrase == null && d.sharesDisk()) {
                    collector.follow(); // each part into the archive as soon as it is packed
                }
                op.step("dump", listener, () -> {
                    DockerEngine.OneOffResult r;
                    try (RedisRewriteHold held = RedisRewriteHold.begin(engine, d, plan)) {
                        r = helpers.inStack(d, plan, staging, recipe.script("backup.sh"), volumes, true, null,
                                Map.of("APPEND_ONLY", held.holding() ? String.join(" ", recipe.appendOnly()) : ""));
                    }
                    if (r.exitCode() != 0) {
                        throw new BackupProblem("the backup failed inside the database container (exit code " + r.exitCode()
                                + "): " + HelperContainer.tail(r.output()));
                    }
                    return null;
                });
                written = op.step("archive", listener, () -> passphrase == null ? collector.finish()
                        : BackupArchive.write(target, header.get(), collector.parts(), passphrase));
            }
            String schema = written.manifest().schemaVersion();
            List<AuditAnchors.Anchor> heads = written.manifest().auditHeads();
            BackupCatalogue.Backup backup = new BackupCatalogue.Backup(id, project, written.file(), kind, inst.version(),
                    schema, now, written.size(), written.sha256(), passphrase != null, note, null, null, null);
            store.catalogue().add(backup);
            anchors.record(project, heads, "backup " + id);
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

    /**
     * How long a restore timed by {@code times} left the app unavailable: from stopping its services to the
     * end of their start (or of the migration forward, when there was one); -1 when it did not get that far.
     */
    public static double unavailableSeconds(StepTimes times) {
        return times.between("stop", times.ended("migrate") ? "migrate" : "start");
    }

    /** The manifest without its entries: what the helper found (schema version, activity-log heads) and what was asked. */
    private static BackupManifest header(Path staging, Installations.Installation inst, Instant now, String kind, String note) {
        try {
            String schema = Files.readString(staging.resolve("schema-version"), StandardCharsets.UTF_8).strip();
            Path headsFile = staging.resolve("audit-heads");
            List<AuditAnchors.Anchor> heads = Files.exists(headsFile)
                    ? AuditAnchors.parseHeads(Files.readString(headsFile, StandardCharsets.UTF_8)) : List.of();
            return new BackupManifest(BackupManifest.FORMAT_VERSION, inst.project(), inst.version(), schema, now, kind, note,
                    List.of(), heads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The install's configuration as it is backed up: the compose file, the .env and each secret. */
    private static List<BackupArchive.Part> configuration(InstallDirectory dir) throws IOException {
        List<BackupArchive.Part> parts = new ArrayList<>();
        parts.add(new BackupArchive.Part("config/" + InstallDirectory.COMPOSE, dir.path().resolve(InstallDirectory.COMPOSE)));
        parts.add(new BackupArchive.Part("config/" + InstallDirectory.ENV, dir.path().resolve(InstallDirectory.ENV)));
        try (Stream<Path> secrets = Files.list(dir.path().resolve(InstallDirectory.SECRETS))) {
            for (Path s : secrets.sorted().toList()) {
                if (BackupLayout.isAllowed("config/secrets/" + s.getFileName())) {
                    parts.add(new BackupArchive.Part("config/secrets/" + s.getFileName(), s));
                }
            }
        }
        return parts;
    }

    public record Restored(BackupManifest manifest, BackupCatalogue.Backup safetyBackup) {
    }

    public Restored restore(String project, String idOrFile, char[] passphrase, boolean safetyBackup, Listener listener) {
        Installations.Installation inst = installation(project);
        Path file = store.locate(idOrFile);
        try (InstallationLock operation = lock(project, "restore"); BackupFolderLock lock = store.lock(project)) {
            return restoreLocked(inst, file, passphrase, safetyBackup, true, true, listener);
        }
    }

    /**
     * Puts the data back exactly as it was in {@code backup} (taken by the caller before an operation that
     * failed): no safety backup and no migration forward, which is what failed. With {@code startAfterwards}
     * false the app's services stay stopped (an update's rollback starts the previous release's instead).
     */
    public Restored rollBack(String project, BackupCatalogue.Backup backup, boolean startAfterwards, Listener listener) {
        Installations.Installation inst = installation(project);
        try (InstallationLock operation = lock(project, "restore"); BackupFolderLock lock = store.lock(project)) {
            return restoreLocked(inst, backup.file(), null, false, false, startAfterwards, listener);
        }
    }

    /** The installation's operation lock (another operation changing the stack meanwhile is said as a problem). */
    private InstallationLock lock(String project, String doing) {
        try {
            return journal.lock(project, doing);
        } catch (OperationLock.Busy e) {
            throw new BackupProblem(e.getMessage());
        }
    }

    private Restored restoreLocked(Installations.Installation inst, Path file, char[] passphrase, boolean safetyBackup,
                                   boolean migrateForward, boolean startAfterwards, Listener listener) {
        String project = inst.project();
        Journal.Operation op = journal.begin("restore", project);
        Path staging = store.folder(project).resolve(".restoring-" + BackupStore.ID.format(store.clock().instant()));
        CompletableFuture<Void> tidying = CompletableFuture.completedFuture(null);
        try {
            Files.createDirectories(staging);
            // 1. Plan from the manifest; refuse what cannot be restored here before anything else.
            BackupManifest m = BackupArchive.peekManifest(file, passphrase);
            checkRestorable(m, inst.version());
            InstallDirectory dir = new InstallDirectory(inst.directory());
            StackPlan plan = dir.readPlan();
            BackupRecipe recipe = BackupRecipe.of(plan);
            List<String> volumes = recipe.volumes();
            if (m.entries().stream().noneMatch(e -> e.name().equals(recipe.databasePart()))) {
                throw new BackupProblem("this backup is " + recipe.otherKind() + ", and this installation is the other"
                        + " edition; restore it into an installation of its own edition. Nothing was changed.");
            }
            for (BackupManifest.Entry e : m.entries()) {
                if (e.name().startsWith(BackupLayout.VOLUMES) && !volumes.contains(BackupLayout.volumeKey(e.name()))) {
                    throw new BackupProblem("this backup holds a volume '" + BackupLayout.volumeKey(e.name()) + "' that the"
                            + " installed stack does not have; restore it into the version it came from. Nothing was changed.");
                }
            }
            List<String> restoredVolumes = volumes.stream()
                    .filter(v -> m.entries().stream().anyMatch(e -> e.name().equals(BackupLayout.volumeEntry(v)))).toList();
            if (!recipe.ownDatabase() && !restoredVolumes.equals(volumes)) {
                throw new BackupProblem("this backup holds the database but not the files of the single container; it"
                        + " cannot be restored whole. Nothing was changed.");
            }
            // 2. A way back: the current state, as a backup of its own.
            if (safetyBackup) {
                store.checkRoomFor(project);
            }
            BackupCatalogue.Backup safety = safetyBackup ? op.step("safety backup", listener, () -> createLocked(inst,
                    "pre-restore", "taken automatically before restoring " + file.getFileName(), null, Listener.SILENT)) : null;
            StackDeployer d = new StackDeployer(engine, project, dir.path(), inst.version());
            // 3. While the stack keeps running: the whole archive is checked, and restored beside the current data
            // (in the database, which must run: after an engine restart or an update cut short it may not).
            if (recipe.ownDatabase()) {
                op.step("database", listener, () -> databaseUp(d, plan));
            }
            op.step("check and prepare", listener, () -> checkAndPrepare(d, plan, recipe, file, passphrase, m, staging,
                    restoredVolumes));
            // 4. The only downtime: stop the app's services (the object store, which holds nothing in memory and
            // is not written to with the server stopped, stays up), swap the prepared data in, start again.
            op.step("stop", listener, () -> {
                d.stopAppServices(plan, Set.of(StackPlan.STORAGE));
                return null;
            });
            op.step("swap", listener, () -> {
                DockerEngine.OneOffResult r = helpers.inStack(d, plan, null, recipe.script("restore-swap.sh"), restoredVolumes,
                        false, null, Map.of());
                if (r.exitCode() != 0) {
                    throw new BackupProblem("swapping the restored data in failed (exit code " + r.exitCode() + "): "
                            + HelperContainer.tail(r.output()) + (safety == null ? ""
                            : "\nThe state before the restore is in the backup " + safety.id() + "."));
                }
                return null;
            });
            if (startAfterwards) {
                op.step("start", listener, () -> startAndAwaitHealthy(d, plan));
            }
            // Once the app is back: the data the swap set aside is removed (its own step; a failure there is only said).
            // Not while the app starts: dropping a database of gigabytes forces a checkpoint and frees its files, which
            // slowed the start with the data's size (4 GB: 8.1 s against 4.6 s at 1 GB).
            tidying = CompletableFuture.runAsync(() -> tidy(op, d, plan, recipe, restoredVolumes, listener),
                    Thread::startVirtualThread);
            // (the single container brings its own database to its release as it starts)
            if (migrateForward && recipe.ownDatabase() && !m.schemaVersion().equals(installedSchema(dir, inst.version()))) {
                op.step("migrate", listener, () -> {
                    DockerEngine.OneOffResult r = d.runOnce(plan.migrator(),
                            List.of("migrate", "--wait-for-database", "60"), List.of(), Duration.ofMinutes(10));
                    if (r.exitCode() != 0) {
                        throw new BackupProblem("the restored data (Adaptive Startup " + m.appVersion() + ") could not be migrated"
                                + " to " + inst.version() + ": " + HelperContainer.tail(r.output()) + (safety == null ? ""
                                : "\nThe state before the restore is in the backup " + safety.id() + "."));
                    }
                    return null;
                });
            }
            tidying.join();
            // The log is now the backup's: its heads are the anchors from here on.
            anchors.replace(project, m.auditHeads(), "restore of " + file.getFileName());
            op.record("operation", "done", "restored " + file.getFileName() + " (" + m.appVersion() + ", " + m.createdAt() + ")");
            return new Restored(m, safety);
        } catch (IOException e) {
            op.record("operation", "failed", e.getMessage());
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            op.record("operation", "failed", e.getMessage());
            throw e;
        } finally {
            tidying.exceptionally(e -> null).join();
            deleteTree(staging);
        }
    }

    /**
     * Checks every entry of the archive and restores it beside the current data. A plain archive is read
     * twice at once: by the console (every checksum, the inner tars' paths) and by the helper container,
     * which takes the parts straight out of it; the file must not change meanwhile. An encrypted one is
     * decrypted and checked into the staging folder first, and the helper takes the parts from there. What
     * was prepared is removed again unless both succeeded.
     */
    private Void checkAndPrepare(StackDeployer d, StackPlan plan, BackupRecipe recipe, Path file, char[] passphrase,
                                 BackupManifest peeked, Path staging, List<String> volumes) throws IOException {
        boolean plain = passphrase == null;
        FileTime before = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        CompletableFuture<BackupArchive.Checked> check = CompletableFuture.supplyAsync(() -> BackupArchive.read(file, passphrase,
                name -> plain || !(BackupLayout.isDatabase(name) || name.startsWith(BackupLayout.VOLUMES)) ? null
                        : Files.newOutputStream(staging.resolve(name.startsWith(BackupLayout.VOLUMES)
                        ? name.substring(BackupLayout.VOLUMES.length()) : name), StandardOpenOption.CREATE_NEW)),
                Thread::startVirtualThread);
        if (!plain) {
            check.join();
        }
        DockerEngine.OneOffResult prepared = helpers.inStack(d, plan, staging, recipe.script("restore-prepare.sh"), volumes, false,
                plain ? file : null, Map.of("SOURCE", plain ? "archive" : "staged"));
        BackupArchive.Checked checked;
        try {
            checked = check.join();
            if (!checked.manifest().equals(peeked) || Files.size(file) != size || !Files.getLastModifiedTime(file).equals(before)) {
                throw new BackupProblem("the backup file " + file + " changed while it was being restored; nothing was changed");
            }
        } catch (CompletionException e) {
            abandon(d, plan, recipe, volumes);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (BackupProblem e) {
            abandon(d, plan, recipe, volumes);
            throw e;
        }
        if (prepared.exitCode() != 0) {
            throw new BackupProblem("the restore failed inside the database container (exit code " + prepared.exitCode() + "): "
                    + HelperContainer.tail(prepared.output()) + "\nThe current data was left as it was.");
        }
        return null;
    }

    /**
     * Removes the database and files a swap set aside. Best effort: what is left is removed by the next restore,
     * and the restore itself succeeded, so a failure here is only journaled.
     */
    private void tidy(Journal.Operation op, StackDeployer d, StackPlan plan, BackupRecipe recipe, List<String> volumes,
                      Listener listener) {
        try {
            op.step("tidy", listener, () -> {
                DockerEngine.OneOffResult r = helpers.inStack(d, plan, null, recipe.script("restore-swap.sh"), volumes, false,
                        null, Map.of("TIDY", "1"));
                if (r.exitCode() != 0) {
                    throw new BackupProblem("removing the data the restore replaced failed (exit code " + r.exitCode() + "): "
                            + HelperContainer.tail(r.output()) + "; the next restore removes it");
                }
                return null;
            });
        } catch (RuntimeException e) {
            // journaled as the step's failure; the restore stands
        }
    }

    private void abandon(StackDeployer d, StackPlan plan, BackupRecipe recipe, List<String> volumes) {
        helpers.inStack(d, plan, null, recipe.script("restore-swap.sh"), volumes, false, null, Map.of("ABANDON", "1"));
    }

    /**
     * The schema the installed release expects, from the signed release manifest the install kept; null when
     * it is not known (an install from before the console kept it), and then a restore always migrates.
     */
    private static String installedSchema(InstallDirectory dir, String version) {
        Path file = dir.releaseFile(version);
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            // Verified when it was installed; read again here only to skip a migration that would change nothing.
            return DocumentCodec.decodeUntrusted(Files.readString(file, StandardCharsets.UTF_8).strip(),
                    DocumentKind.RELEASE_MANIFEST).body().path("schemaVersion").asText(null);
        } catch (IOException | MalformedDocumentException | RuntimeException e) {
            return null;
        }
    }

    /** A backup restores into the version it came from or a newer one, never an older one. */
    static void checkRestorable(BackupManifest m, String installedVersion) {
        if (Versions.compare(m.appVersion(), installedVersion) > 0) {
            throw new BackupProblem("this backup is from Adaptive Startup " + m.appVersion() + ", newer than the installed "
                    + installedVersion + "; update to " + m.appVersion() + " first, then restore it. Nothing was changed.");
        }
    }

    /** The database service running and healthy: started, or made again from the plan, when it is not. */
    private Void databaseUp(StackDeployer d, StackPlan plan) {
        d.ensureNetworkAndVolumes(plan);
        StackDeployer.Converged c = d.converge(plan.service(StackPlan.DATABASE));
        DockerEngine.HealthOutcome h = engine.awaitHealthy(c.containerId(), Duration.ofSeconds(180));
        if (h != DockerEngine.HealthOutcome.HEALTHY && h != DockerEngine.HealthOutcome.NO_HEALTHCHECK) {
            throw new BackupProblem("the database is not running and did not start: " + h.said() + "; last log lines:\n  "
                    + String.join("\n  ", engine.logs(c.containerId(), 15)) + "\nNothing was changed.");
        }
        return null;
    }

    /**
     * Starts the stack's services side by side, each as soon as those it depends on have started (or are
     * healthy, where it asks for that), and waits until every one is healthy; the first failure is said.
     */
    private Void startAndAwaitHealthy(StackDeployer d, StackPlan plan) {
        Map<String, CompletableFuture<List<ContainerStatus>>> started = new LinkedHashMap<>();
        Map<String, CompletableFuture<List<ContainerStatus>>> healthy = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StackPlan.Service s : plan.services()) {
                CompletableFuture<Void> ready = CompletableFuture.allOf(s.dependsOn().stream()
                        .map(dep -> (dep.healthy() ? healthy : started).get(dep.service()))
                        .filter(Objects::nonNull).toArray(CompletableFuture[]::new));
                CompletableFuture<List<ContainerStatus>> up = ready.thenApplyAsync(v -> {
                    List<ContainerStatus> replicas = d.replicas(s.name());
                    if (replicas.isEmpty()) {
                        throw new BackupProblem("the service " + s.name() + " is missing; run install again to recreate it");
                    }
                    replicas.forEach(c -> engine.start(c.id()));
                    return replicas;
                }, pool);
                started.put(s.name(), up);
                healthy.put(s.name(), up.thenApplyAsync(replicas -> {
                    for (ContainerStatus c : replicas) {
                        DockerEngine.HealthOutcome h = engine.awaitHealthy(c.id(), Duration.ofSeconds(180));
                        if (h != DockerEngine.HealthOutcome.HEALTHY && h != DockerEngine.HealthOutcome.NO_HEALTHCHECK) {
                            throw new BackupProblem(s.name() + " did not become healthy after the restore: " + h.said()
                                    + "; last log lines:\n  " + String.join("\n  ", engine.logs(c.id(), 15)));
                        }
                    }
                    return replicas;
                }, pool));
            }
            FirstFailure.of(healthy.values()).ifPresent(cause -> {
                throw cause instanceof RuntimeException r ? r : new BackupProblem(cause.getMessage(), cause);
            });
        }
        return null;
    }

    private Installations.Installation installation(String project) {
        return installations.find(project).orElseThrow(() -> new BackupProblem("there is no installation '" + project
                + "' on this machine (see `adaptivectl status`)"));
    }

    private static void deleteTree(Path root) {
        try {
            InstallDirectory.deleteTree(root);
        } catch (UncheckedIOException e) {
            // a staging folder left behind holds only copies; the next holder of the lock tidies it
        }
    }
}
