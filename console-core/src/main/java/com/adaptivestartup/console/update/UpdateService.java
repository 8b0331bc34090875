package com.adaptivestartup.console.update;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.bundle.BundleProblem;
import com.adaptivestartup.console.bundle.BundleReader;
import com.adaptivestartup.console.bundle.OfflineBundles;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.DockerProblem;
import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.license.LicenseStandings;
import com.adaptivestartup.console.outbound.BrainClient;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.release.Versions;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.state.InstallationLock;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.OperationLock;
import com.adaptivestartup.licensing.license.License;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Updates as a transaction, and rollbacks. An update goes version by version along the {@link UpdatePlanner}'s
 * path; each step: pull and check every image of the release (no downtime yet), a backup (held until the
 * update is confirmed), then the install converged onto the new release (the app's containers replaced,
 * the server's migration, every service healthy, the API ready on the release's schema). Any failure from
 * there restores that backup with the app stopped and converges back onto the previous release, so the
 * admin gets exactly the old version and data back, and a sentence that says so. Each step is journaled
 * with what a later console needs to finish the rollback if this one is killed ({@link UpdateRecovery}).
 */
public final class UpdateService {
    static final String OPERATION = "update";
    /** How long an update being undone waits for a Docker engine that stopped answering (restarting). */
    static final Duration ENGINE_WAIT = Duration.ofMinutes(3);
    static final int ROLLBACK_ATTEMPTS = 3;
    static final Duration ROLLBACK_PAUSE = Duration.ofSeconds(10);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private final InstallService installer;
    private final BackupService backups;
    private final Installations installations;
    private final Journal journal;
    private final ChannelReader channels;
    private final LicenseService licenses;
    private final Clock clock;
    private final ZoneId zone;
    private final DockerEngine engine;
    private final LicenseStandings standings;
    private final UpdateSpace space;

    public UpdateService(InstallService installer, BackupService backups, Installations installations,
                         Journal journal, ChannelReader channels, LicenseService licenses, Clock clock, ZoneId zone,
                         DockerEngine engine, LicenseStandings standings) {
        this.installer = installer;
        this.standings = standings;
        this.engine = engine;
        this.space = new UpdateSpace(engine);
        this.backups = backups;
        this.installations = installations;
        this.journal = journal;
        this.channels = channels;
        this.licenses = licenses;
        this.clock = clock;
        this.zone = zone;
    }

    /** A release newer than the installed one. */
    public record Available(String version, String notes, String minUpdateFrom, boolean reversibleMigrations,
                            boolean coveredByLicense, boolean skipped) {
    }

    /** What {@link #check} found. {@code newest} is null when the install is up to date. */
    /** What is new for the stack, the vendor's notices for it, and a newer console when there is one (else null). */
    /** {@code interrupted}: what finishing or undoing an update cut short did first, or null when none was. */
    public record UpdateCheck(String installed, ChannelReader.Read channel, List<Available> newer, String newest,
                              List<String> path, List<ChannelManifest.Notice> notices, ConsoleUpdates.Offer console,
                              String interrupted) {
    }

    /**
     * Finishes or undoes an update that was cut short (the console killed, the machine or the engine restarted: see
     * {@link UpdateRecovery}), told to {@code listener} as the step "interrupted update". Every update operation does
     * this first, and a front end at its start; empty when no update was interrupted.
     */
    public Optional<String> recoverInterrupted(String project, InstallListener listener) {
        Optional<String> said = new UpdateRecovery(this, journal, backups.store().catalogue()).recover(project, listener);
        said.ifPresent(m -> listener.step("interrupted update", m));
        return said;
    }

    /** The update did not happen; {@code rolledBack} says whether everything is back as it was (the message says it too). */
    public static class UpdateFailed extends RuntimeException {
        private final boolean rolledBack;

        public UpdateFailed(String message, boolean rolledBack) {
            super(message);
            this.rolledBack = rolledBack;
        }

        public boolean rolledBack() {
            return rolledBack;
        }
    }

    /** Nothing newer is on offer: not a failure, nothing was changed. */
    public static final class UpToDate extends UpdateFailed {
        public UpToDate(String message) {
            super(message, true);
        }
    }

    public record Applied(String from, String to, List<String> steps, List<BackupCatalogue.Backup> backups) {
    }

    public UpdateCheck check(String project) {
        String interrupted = recoverInterrupted(project, InstallListener.SILENT).orElse(null);
        Installations.Installation inst = installation(project);
        License license = license(inst);
        ChannelReader.Read read = channels.read(project, license.updateChannel());
        UpdateSettings settings = channels.settings(project);
        List<UpdatePlanner.Candidate> candidates = channels.candidates(read);
        List<Available> newer = candidates.stream().filter(c -> Versions.compare(c.version(), inst.version()) > 0)
                .sorted((a, b) -> Versions.compare(b.version(), a.version()))
                .map(c -> new Available(c.version(), c.manifest().notes(), c.manifest().minUpdateFrom(),
                        c.manifest().reversibleMigrations(), license.maxVersion() == null
                        || Versions.compare(c.version(), license.maxVersion()) <= 0, settings.skipped().contains(c.version())))
                .toList();
        String newest = UpdatePlanner.newest(inst.version(), candidates, settings.pinned(), settings.skipped(),
                license.maxVersion()).orElse(null);
        List<String> path = newest == null ? List.of()
                : UpdatePlanner.path(inst.version(), newest, candidates).stream().map(UpdatePlanner.Candidate::version).toList();
        Instant now = clock.instant();
        List<ChannelManifest.Notice> notices = read.trusted().manifest().notices().stream()
                .filter(n -> n.appliesTo(inst.version(), license.edition().name().toLowerCase(java.util.Locale.ROOT), now))
                .filter(n -> !settings.dismissed().contains(n.id()))
                .toList();
        ConsoleUpdates.Offer console = ConsoleUpdates.offer(read.trusted().manifest(), ConsoleUpdates.runningVersion(),
                System.getProperty("os.name", "")).orElse(null);
        return new UpdateCheck(inst.version(), read, newer, newest, path, notices, console, interrupted);
    }

    /**
     * Downloads the newer console's installer into {@code folder} (checked against the signed channel) and
     * returns it, for the admin to open; the running console is not touched.
     */
    public java.nio.file.Path downloadConsole(String project, java.nio.file.Path folder, java.util.function.LongConsumer progress) {
        UpdateCheck check = check(project);
        if (check.console() == null) {
            throw new UpdateFailed("there is no newer console for this computer on the channel", true);
        }
        if (check.channel().trusted().fromLastKnown()) {
            throw new UpdateFailed("the update source cannot be reached (" + check.channel().trusted().offlineReason()
                    + "); the installer cannot be downloaded now", true);
        }
        try {
            return channels.downloadInstaller(check.channel(), check.console().installer(), folder, progress);
        } catch (BrainClient.BrainUnavailable e) {
            throw new UpdateFailed(e.getMessage(), true);
        }
    }

    /** Updates to {@code target} (null: the newest on offer), step by step; throws {@link UpdateFailed} on failure. */
    public Applied apply(String project, String target, InstallListener listener) {
        recoverInterrupted(project, listener);
        try (InstallationLock lock = lock(project)) {
            Installations.Installation inst = installation(project);
            License license = license(inst);
            refuseWhenRevoked(project, license);
            ChannelReader.Read read = channels.read(project, license.updateChannel());
            UpdateSettings settings = channels.settings(project);
            List<UpdatePlanner.Candidate> candidates = channels.candidates(read);
            String to = target != null ? target : UpdatePlanner.newest(inst.version(), candidates, settings.pinned(),
                    settings.skipped(), license.maxVersion()).orElseThrow(() -> new UpToDate("Adaptive Startup "
                    + inst.version() + " is the newest version on offer; nothing to update"));
            if (settings.pinned() != null && Versions.compare(to, settings.pinned()) > 0) {
                throw new UpdateFailed("updates are pinned at " + settings.pinned() + "; unpin first to go to " + to, true);
            }
            if (license.maxVersion() != null && Versions.compare(to, license.maxVersion()) > 0) {
                throw new UpdateFailed("this license covers versions up to " + license.maxVersion() + "; " + to
                        + " needs a renewed license. Nothing was changed.", true);
            }
            List<UpdatePlanner.Candidate> path = UpdatePlanner.path(inst.version(), to, candidates);
            checkSpace(inst, license, to, path.stream().map(UpdatePlanner.Candidate::manifest).toList());
            String from = inst.version();
            List<BackupCatalogue.Backup> taken = new ArrayList<>();
            for (UpdatePlanner.Candidate step : path) {
                taken.add(step(installation(project), step, listener));
            }
            return new Applied(from, to, path.stream().map(UpdatePlanner.Candidate::version).toList(), taken);
        }
    }

    /**
     * Updates from a verified offline bundle: the license and the installed version are checked against it
     * first (nothing is loaded or stopped when they refuse), the images are loaded (no downtime yet), then the
     * same transaction as online: backup, replace, migrate, check, rolled back on any failure.
     */
    public Applied applyBundle(String project, BundleReader.Verified bundle, InstallListener listener) {
        recoverInterrupted(project, listener);
        try (InstallationLock lock = lock(project)) {
            Installations.Installation inst = installation(project);
            refuseWhenRevoked(project, license(inst));
            try {
                OfflineBundles.checkLicense(bundle, license(inst));
                OfflineBundles.checkUpdate(bundle, inst.version());
                checkSpace(inst, license(inst), bundle.release().version(), List.of(bundle.release()));
                installer.loadImages(bundle, listener);
            } catch (BundleProblem e) {
                throw new UpdateFailed(e.getMessage(), true);
            }
            String from = inst.version();
            BackupCatalogue.Backup backup = step(inst, new UpdatePlanner.Candidate(bundle.release(), bundle.signedRelease()),
                    listener);
            return new Applied(from, bundle.release().version(), List.of(bundle.release().version()), List.of(backup));
        }
    }

    /** A license the vendor revoked (its signed standing, from the heartbeat) gets no updates; the stack runs on. */
    private void refuseWhenRevoked(String project, License license) {
        standings.revocation(project, license.licenseId()).ifPresent(s -> {
            throw new UpdateFailed("this license was " + s.describe() + ". Updates are off; the stack keeps running and"
                    + " its data is untouched. Contact the vendor, or replace the license (`adaptivectl license replace`)."
                    + " Nothing was changed.", true);
        });
    }

    /**
     * Refuses, before anything changes, an update the disks have no room for: the images of {@code releases}
     * the engine lacks, and a backup the size of the newest one.
     */
    private void checkSpace(Installations.Installation inst, License license, String to, List<ReleaseManifest> releases) {
        String registry = inst.registry() != null ? inst.registry() : license.registry().url();
        long images = space.missingImages(releases,
                com.adaptivestartup.console.stack.StackSettings.fromJson(inst.settingsJson()).edition().key(), registry);
        java.nio.file.Path folder = backups.store().folder(inst.project());
        long backup = backups.store().list(inst.project()).stream().findFirst().map(b -> b.file().toFile().length())
                .orElse(0L);
        UpdateSpace.problem(to, images, images > 0 ? space.engineFree(inst.project()) : java.util.OptionalLong.empty(),
                backup, UpdateSpace.folderFree(folder), folder).ifPresent(problem -> {
                    throw new UpdateFailed(problem, true);
                });
    }

    /** One version step of an update, as one journaled transaction. */
    private BackupCatalogue.Backup step(Installations.Installation inst, UpdatePlanner.Candidate target, InstallListener listener) {
        String from = inst.version();
        String to = target.version();
        InstallDirectory dir = new InstallDirectory(inst.directory());
        Journal.Operation op = journal.begin(OPERATION, inst.project());
        op.record("plan", "done", from + " -> " + to);
        try {
            dir.saveRelease(to, target.signedText());
            InstallRequest request = request(inst, dir, to);
            InstallService.Prepared prepared = op.step("pull", listener::step, () -> installer.prefetch(request, listener));
            BackupCatalogue.Backup backup = op.step("backup", listener::step, () -> backups.create(inst.project(), "pre-update",
                    "taken automatically before the update from " + from + " to " + to, null, BackupService.Listener.SILENT));
            backups.store().catalogue().hold(backup.id(), "taken before the update from " + from + " to " + to
                    + "; kept until that update is confirmed");
            op.record("backup", "done", backup.id());
            try {
                op.record("deploy", "started", to);
                installer.install(prepared, listener);
                op.record("deploy", "done", to);
            } catch (RuntimeException failed) {
                op.record("deploy", "failed", failed.getMessage());
                String said = DockerProblem.said(failed);
                String cause = engine.answers() || said.startsWith(DockerProblem.LOST) ? said
                        : "the Docker engine stopped answering (restarted?): " + said;
                String why = "the update from " + from + " to " + to + " failed" + (failed instanceof InstallFailed f
                        ? " at step '" + f.step() + "'" : "") + ": " + cause;
                rollBack(op, inst, backup, listener);
                release(backup.id());
                String message = why + "; rolled back to " + from + " with the data as of "
                        + WHEN.format(backup.createdAt().atZone(zone)) + "; nothing lost";
                op.record("operation", "failed", message);
                throw new UpdateFailed(message, true);
            }
            op.record("operation", "done", from + " -> " + to);
            return backup;
        } catch (UpdateFailed e) {
            throw e; // recorded where it was raised; an EngineAway is left unfinished on purpose
        } catch (InstallFailed e) {
            // Before any downtime: the license, the release or an image. Nothing was changed.
            String message = "the update to " + to + " stopped before anything was changed: " + e.getMessage();
            op.record("operation", "failed", message);
            throw new UpdateFailed(message, true);
        } catch (RuntimeException e) {
            op.record("operation", "failed", e.getMessage());
            throw e;
        }
    }

    /**
     * Back to exactly {@code inst}'s version and {@code backup}'s data: the data first, with the app's
     * services left stopped (the newer server must not serve the older schema), then the install converged
     * onto the previous release, which starts everything and checks it. Both are safe to repeat, so a failed
     * attempt is tried again ({@link #ROLLBACK_ATTEMPTS} in all), after waiting for the Docker engine when
     * it is restarting (it answers pings before it can create containers again). If the engine stays away,
     * the update is left unfinished in the journal, to be undone when it is back ({@link UpdateRecovery}).
     * Throws when every attempt failed.
     */
    void rollBack(Journal.Operation op, Installations.Installation inst, BackupCatalogue.Backup backup, InstallListener listener) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ROLLBACK_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                op.record("roll back attempt " + (attempt - 1), "failed", last.getMessage());
                pause(ROLLBACK_PAUSE);
                if (!awaitEngine(ENGINE_WAIT)) {
                    throw new EngineAway("the Docker engine stopped answering while undoing the update to " + inst.version()
                            + " (" + last.getMessage() + ") and has not come back within " + ENGINE_WAIT.toMinutes()
                            + " minutes. Nothing is lost: once it runs again, the console finishes undoing the update (at"
                            + " its next start, or `adaptivectl update recover`).");
                }
            }
            try {
                rollBackOnce(op, inst, backup, listener);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        String message = "rolling back to " + inst.version() + " failed too: " + last.getMessage() + ". The data from before"
                + " the update is in the backup " + backup.id() + " (" + backup.file() + "); run `adaptivectl rollback`"
                + " to try again.";
        op.record("operation", "failed", message);
        throw new UpdateFailed(message, false);
    }

    private void rollBackOnce(Journal.Operation op, Installations.Installation inst, BackupCatalogue.Backup backup,
                              InstallListener listener) {
        op.step("roll back data", listener::step, () -> backups.rollBack(inst.project(), backup, false,
                BackupService.Listener.SILENT));
        InstallDirectory dir = new InstallDirectory(inst.directory());
        op.step("roll back release", listener::step, () -> installer.install(request(inst, dir, inst.version()), listener));
    }

    /** Polls the engine until it answers, for at most {@code longest}. */
    private boolean awaitEngine(Duration longest) {
        long deadline = System.nanoTime() + longest.toNanos();
        while (!engine.answers()) {
            if (System.nanoTime() > deadline || !pause(Duration.ofSeconds(1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The engine went away in the middle of undoing an update: left for {@link UpdateRecovery} to finish. */
    public static final class EngineAway extends UpdateFailed {
        EngineAway(String message) {
            super(message, false);
        }
    }

    /**
     * What a rollback did: {@code dataAsOf} is when the data it left was written up to (now, when the newer
     * data was kept by running migrations down), and the backup of the state it replaced.
     */
    public record RolledBack(String from, String to, Instant dataAsOf, BackupCatalogue.Backup safetyBackup,
                             boolean keptNewerData) {
    }

    /** The backup a rollback would restore: the newest taken before an update from an older version. */
    public Optional<BackupCatalogue.Backup> rollbackPoint(String project) {
        Installations.Installation inst = installation(project);
        return backups.store().list(project).stream()
                .filter(b -> b.kind().equals("pre-update") && Versions.compare(b.appVersion(), inst.version()) < 0)
                .filter(b -> new InstallDirectory(inst.directory()).releaseFile(b.appVersion()).toFile().isFile())
                .findFirst();
    }

    /**
     * How a rollback would go, for the admin to read before saying yes: to {@code to}, either by running the
     * installed release's migrations down (it declares them reversible: what was written since is kept), or
     * by restoring the backup taken before the update ({@code point}: what was written since is not in it).
     */
    public record RollbackPlan(String from, String to, BackupCatalogue.Backup point, boolean runsMigrationsDown,
                               String toSchema) {
        public String describe() {
            return runsMigrationsDown
                    ? "Rolling back goes to Adaptive Startup " + to + " by running " + from + "'s database changes down to"
                    + " schema " + toSchema + ": everything written since the update is kept; only what " + to + " does not"
                    + " know is dropped (see " + from + "'s release notes). A backup of the current state is taken first."
                    : "Rolling back goes to Adaptive Startup " + to + " with the data as of " + point.createdAt() + ". What was"
                    + " written since then is not in it (it is kept in a backup taken first).";
        }
    }

    /** The rollback on offer, or empty when there is no older version to go back to. */
    public Optional<RollbackPlan> rollbackPlan(String project, boolean restoreBackup) {
        Installations.Installation inst = installation(project);
        return rollbackPoint(project).map(point -> {
            InstallDirectory dir = new InstallDirectory(inst.directory());
            ReleaseManifest installed = installer.loadRelease(dir.releaseFile(inst.version()).toString());
            ReleaseManifest older = installer.loadRelease(dir.releaseFile(point.appVersion()).toString());
            boolean down = !restoreBackup && installed.reversibleMigrations() && older.schemaVersion() != null
                    && !older.schemaVersion().equals(installed.schemaVersion());
            return new RollbackPlan(inst.version(), point.appVersion(), point, down, older.schemaVersion());
        });
    }

    /**
     * Back to the version before the last update. When the installed release declares its migrations
     * reversible, they are run down and the data written since is kept; otherwise (or with
     * {@code restoreBackup}) the data is as it was then. Either way the state it replaces is kept in a
     * backup taken first.
     */
    public RolledBack rollback(String project, boolean restoreBackup, InstallListener listener) {
        recoverInterrupted(project, listener);
        try (InstallationLock lock = lock(project)) {
            Installations.Installation inst = installation(project);
            RollbackPlan plan = rollbackPlan(project, restoreBackup).orElseThrow(() -> new UpdateFailed("there is no backup"
                    + " taken before an update to " + inst.version() + ", so there is nothing to roll back to", true));
            BackupCatalogue.Backup point = plan.point();
            Journal.Operation op = journal.begin("rollback", project);
            BackupCatalogue.Backup safety = op.step("backup", listener::step, () -> backups.create(project, "pre-rollback",
                    "taken automatically before rolling back from " + inst.version() + " to " + point.appVersion(), null,
                    BackupService.Listener.SILENT));
            Installations.Installation target = inst.atVersion(point.appVersion());
            if (plan.runsMigrationsDown()) {
                try {
                    op.step("migrate down", listener::step, () -> {
                        new DownMigration(engine).run(project, inst.directory(), inst.version(), plan.toSchema());
                        return null;
                    });
                    InstallDirectory dir = new InstallDirectory(inst.directory());
                    op.step("roll back release", listener::step, () -> installer.install(request(target, dir,
                            target.version()), listener));
                } catch (RuntimeException e) {
                    // Whatever state that left, the backup just taken has the data as it was: back to it, on the
                    // newer release, as the admin had it before asking.
                    rollBack(op, inst, safety, listener);
                    String message = "rolling back to " + target.version() + " by running migrations down failed: "
                            + e.getMessage() + "; " + inst.version() + " runs again with the data as it was; nothing lost";
                    op.record("operation", "failed", message);
                    throw new UpdateFailed(message, true);
                }
                op.record("operation", "done", inst.version() + " -> " + point.appVersion() + " (migrations run down)");
                return new RolledBack(inst.version(), point.appVersion(), clock.instant(), safety, true);
            }
            rollBack(op, target, point, listener);
            op.record("operation", "done", inst.version() + " -> " + point.appVersion());
            return new RolledBack(inst.version(), point.appVersion(), point.createdAt(), safety, false);
        }
    }

    public RolledBack rollback(String project, InstallListener listener) {
        return rollback(project, false, listener);
    }

    /** The admin is happy with the installed version: backups taken before updating to it may be pruned again. */
    /** An update was applied and not confirmed yet: the backups taken before it are held, and rollback is offered. */
    public boolean awaitingConfirmation(String project) {
        Installations.Installation inst = installation(project);
        return backups.store().list(project).stream().anyMatch(b -> b.kind().equals("pre-update") && b.hold() != null
                && Versions.compare(b.appVersion(), inst.version()) < 0);
    }

    /** Lets a pre-update backup go back under retention: its update ended (rolled back, or never began). */
    void release(String backupId) {
        backups.store().catalogue().hold(backupId, null);
    }

    public int confirm(String project) {
        Installations.Installation inst = installation(project);
        List<BackupCatalogue.Backup> held = backups.store().list(project).stream()
                .filter(b -> b.kind().equals("pre-update") && b.hold() != null && Versions.compare(b.appVersion(), inst.version()) < 0)
                .toList();
        held.forEach(b -> backups.store().catalogue().hold(b.id(), null));
        journal.begin("confirm update", project).record("operation", "done", inst.version() + ": " + held.size() + " backups released");
        return held.size();
    }

    InstallationLock lock(String project) {
        try {
            return journal.lock(project, "update or rollback");
        } catch (OperationLock.Busy e) {
            throw new UpdateFailed(e.getMessage(), true);
        }
    }

    InstallRequest request(Installations.Installation inst, InstallDirectory dir, String version) {
        if (inst.licenseText() == null) {
            throw new UpdateFailed("this installation was made by an older console that did not keep its license; run"
                    + " `adaptivectl install` once more with --license (it changes nothing else), then update", true);
        }
        return new InstallRequest(inst.licenseText(), dir.path(), inst.project(), inst.httpPort(), inst.adminEmail(),
                inst.registry(), dir.releaseFile(version).toString());
    }

    Installations.Installation installation(String project) {
        return installations.find(project).orElseThrow(() -> new UpdateFailed("there is no installation '" + project
                + "' on this machine (see `adaptivectl status`)", true));
    }

    private License license(Installations.Installation inst) {
        if (inst.licenseText() == null) {
            throw new UpdateFailed("this installation was made by an older console that did not keep its license; run"
                    + " `adaptivectl install` once more with --license, then check for updates", true);
        }
        var verdict = licenses.verify(inst.licenseText());
        return verdict.readLicense().orElseThrow(() -> new UpdateFailed("the license cannot be read: " + verdict.message(), true));
    }
}
