package com.adaptivestartup.ui.console;

import com.adaptivestartup.ui.Texts;
import java.util.Comparator;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The console at a glance, for its header and the dashboard's summary: the installed version, whether an update is
 * on offer, the license's days left, the last backup (when, how big, whether it was proven) and the engine in use.
 * It asks nothing itself: it follows what the Updates, License, Backups and Engine view models last read.
 */
public final class ConsoleSummary {
    private final Texts words;
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper updates = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper updateWaiting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lastBackup = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper backupMissing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper engineDetail = new ReadOnlyStringWrapper("");

    /**
     * {@code installedVersion}: the installation's as recorded, shown until the update channel is read (and if it
     * cannot be: offline, no source).
     */
    public ConsoleSummary(String installedVersion, UpdatesViewModel updatesModel, BackupsViewModel backups,
                          EngineViewModel engineModel, ResourceBundle text) {
        this.words = new Texts(text);
        version.set(installedVersion == null ? "" : words.say("summary.version", installedVersion));
        updatesModel.statusProperty().subscribe(this::showUpdates);
        backups.listedProperty().subscribe(listed -> showBackups(backups));
        backups.rows().addListener((javafx.collections.ListChangeListener<BackupsViewModel.Row>) c -> showBackups(backups));
        engineModel.engineProperty().subscribe(e -> {
            engineDetail.set(e == null ? "" : e);
            engine.set(e == null || e.isBlank() ? "" : words.say("summary.engine", shortName(e)));
        });
    }

    private void showUpdates(UpdateOperations.Status s) {
        if (s == null) {
            return;
        }
        version.set(words.say("summary.version", s.installed()));
        updateWaiting.set(s.pendingConfirmation() || s.newest() != null);
        updates.set(s.pendingConfirmation() ? words.say("summary.updates.pending")
                : s.newest() == null ? words.say("summary.updates.none")
                : words.say("summary.updates.available", s.newest()));
    }

    private void showBackups(BackupsViewModel backups) {
        if (!backups.listedProperty().get()) {
            return;
        }
        backups.rows().stream().max(Comparator.comparing(BackupsViewModel.Row::when)).ifPresentOrElse(last -> {
            backupMissing.set(false);
            lastBackup.set(words.say("summary.backup.last", last.when(), last.size(), last.proven()));
        }, () -> {
            backupMissing.set(true);
            lastBackup.set(words.say("summary.backup.none"));
        });
    }

    /** "Version 1.1.0"; empty until the installation has been read. */
    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** "Up to date", "Update to 1.2.0 available", or that an update waits to be kept or rolled back. */
    public ReadOnlyStringProperty updatesProperty() {
        return updates.getReadOnlyProperty();
    }

    /** An update is on offer or waits for the admin's word. */
    public ReadOnlyBooleanProperty updateWaitingProperty() {
        return updateWaiting.getReadOnlyProperty();
    }

    /** "Last backup 2026-11-30 02:30, 45 KB, verified ok", or that there is none yet. */
    public ReadOnlyStringProperty lastBackupProperty() {
        return lastBackup.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty backupMissingProperty() {
        return backupMissing.getReadOnlyProperty();
    }

    /** "Engine: Docker 27.3.1, via ssh://admin@docker-host": the engine and where it is, in a few words. */
    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    /** The engine as the Engine section describes it, whole (the header's tooltip). */
    public ReadOnlyStringProperty engineDetailProperty() {
        return engineDetail.getReadOnlyProperty();
    }

    /**
     * "Docker 27.3.1 (Ubuntu 24.04.1 LTS), API 1.47, via the console's engine setting (ssh://admin@host)" as
     * "Docker 27.3.1, via ssh://admin@host"; this machine's own engine as "Docker 27.3.1 on this computer"; a
     * description of another shape as it is.
     */
    static String shortName(String engine) {
        java.util.regex.Matcher docker = java.util.regex.Pattern.compile("^(Docker [^ ,(]+)").matcher(engine);
        if (!docker.find()) {
            return engine;
        }
        java.util.regex.Matcher where = java.util.regex.Pattern.compile("\\(((?:ssh|tcp)://[^)]+)\\)\\s*$").matcher(engine);
        return where.find() ? docker.group(1) + ", via " + where.group(1) : docker.group(1);
    }
}
