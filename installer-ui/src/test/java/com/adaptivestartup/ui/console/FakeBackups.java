package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupProblem;
import com.adaptivestartup.console.backup.BackupSchedule;
import com.adaptivestartup.console.state.Journal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Backups kept in a list, made and checked as console-core would say they were; records what was asked. */
public final class FakeBackups implements BackupOperations {
    final List<BackupCatalogue.Backup> backups = new ArrayList<>();
    final List<String> asked = new ArrayList<>();
    BackupSchedule schedule;
    private Instant clock = Instant.parse("2026-11-28T02:30:00Z");

    public FakeBackups withOne(String kind, String note) {
        backups.add(0, backup(kind, note));
        return this;
    }

    /** An encrypted backup (its passphrase: {@link #PASSPHRASE}). */
    public FakeBackups withEncrypted() {
        BackupCatalogue.Backup b = backup("manual", "encrypted");
        backups.add(0, new BackupCatalogue.Backup(b.id(), b.project(), b.file(), b.kind(), b.appVersion(), b.schemaVersion(),
                b.createdAt(), b.size(), b.sha256(), true, b.note(), null, null, null));
        return this;
    }

    public java.nio.file.Path copy(String id, java.nio.file.Path folder, java.util.function.LongConsumer bytesSoFar) {
        asked.add("copy " + id + " to " + folder);
        bytesSoFar.accept(24_100_000);
        bytesSoFar.accept(48_200_000);
        return folder.resolve(id + ".tar");
    }

    private BackupCatalogue.Backup backup(String kind, String note) {
        clock = clock.plusSeconds(3600);
        String id = clock.toString().replaceAll("[-:TZ]", "").substring(0, 14) + "-" + kind;
        return new BackupCatalogue.Backup(id, "adaptive", Path.of("/backups/" + id + ".tar"), kind, "1.1.0", "5", clock,
                48_200_000, "sha", false, note, null, null, null);
    }

    public List<BackupCatalogue.Backup> list() {
        return List.copyOf(backups);
    }

    public BackupCatalogue.Backup create(String note, Journal.Progress progress) {
        asked.add("create");
        progress.step("dump", "started");
        progress.step("dump", "done");
        progress.step("archive", "done");
        BackupCatalogue.Backup b = backup("manual", note);
        backups.add(0, b);
        return b;
    }

    public void verify(String id) {
        asked.add("verify " + id);
        for (int i = 0; i < backups.size(); i++) {
            BackupCatalogue.Backup b = backups.get(i);
            if (b.id().equals(id)) {
                backups.set(i, new BackupCatalogue.Backup(b.id(), b.project(), b.file(), b.kind(), b.appVersion(),
                        b.schemaVersion(), b.createdAt(), b.size(), b.sha256(), b.encrypted(), b.note(),
                        new BackupCatalogue.Proof(clock, "ok"), null, null));
            }
        }
    }

    /** The passphrase of encrypted backups here. */
    static final String PASSPHRASE = "correct horse battery staple";

    public void restore(String id, char[] passphrase, Journal.Progress progress) {
        asked.add("restore " + id);
        BackupCatalogue.Backup listed = backups.stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
        if (listed != null && listed.encrypted() && (passphrase == null || !new String(passphrase).equals(PASSPHRASE))) {
            throw new BackupProblem("the passphrase does not open this backup (or the file is damaged); nothing was changed");
        }
        if (id.contains("broken")) {
            throw new BackupProblem("the backup's entry database.dump has the wrong checksum; nothing was changed");
        }
        progress.step("swap", "done");
        backups.add(0, backup("pre-restore", "taken automatically before restoring"));
    }

    java.nio.file.Path folder = Path.of("/home/admin/.local/share/adaptive-startup-console/backups");

    public java.nio.file.Path folder() {
        return folder;
    }

    public java.nio.file.Path chooseFolder(java.nio.file.Path chosen) {
        asked.add("folder " + chosen);
        if (chosen.startsWith("/mnt/readonly")) {
            throw new BackupProblem("backups cannot be written in " + chosen + " (Read-only file system); choose another folder");
        }
        folder = chosen;
        return chosen;
    }

    public Optional<BackupSchedule> schedule() {
        return Optional.ofNullable(schedule);
    }

    public BackupSchedule schedule(LocalTime dailyAt, int keep) {
        asked.add("schedule " + dailyAt + " keep " + keep);
        schedule = new BackupSchedule("adaptive", dailyAt, ZoneOffset.UTC, keep, clock);
        return schedule;
    }

    /** This computer's timer: off until turned on; {@code timerRefusal} the scheduler's refusal, when set. */
    com.adaptivestartup.console.backup.BackupTimer.Status timer = new com.adaptivestartup.console.backup.BackupTimer.Status(
            false, null);
    String timerRefusal;

    public com.adaptivestartup.console.backup.BackupTimer.Status timer() {
        return timer;
    }

    public String timer(boolean on) {
        asked.add("timer " + (on ? "on" : "off"));
        if (timerRefusal != null) {
            throw new BackupProblem(timerRefusal);
        }
        timer = new com.adaptivestartup.console.backup.BackupTimer.Status(on, on ? "/home/ana/.config/systemd/user/"
                + "adaptive-backup-adaptive.timer" : null);
        return on ? "the daily backup also runs when the console is closed: systemd asks every hour" : "the timer is off";
    }

    /** Whether the daily backup is due (a test says). */
    boolean due;

    public boolean due() {
        return due;
    }

    public Optional<com.adaptivestartup.console.backup.ScheduledBackups.Ran> runDue(Journal.Progress progress) {
        if (!due) {
            return Optional.empty();
        }
        due = false;
        asked.add("run due");
        BackupCatalogue.Backup b = backup("scheduled", "daily at 02:30");
        backups.add(0, b);
        BackupCatalogue.Backup oldest = backups.remove(backups.size() - 1);
        return Optional.of(new com.adaptivestartup.console.backup.ScheduledBackups.Ran(b, List.of(
                new com.adaptivestartup.console.backup.Retention.Decision(oldest, false, "older than the 1 kept"))));
    }
}
