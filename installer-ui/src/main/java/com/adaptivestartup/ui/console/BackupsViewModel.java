package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.operate.Sizes;
import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupSchedule;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Backups view: the list (time, kind, version, size, what was proven of it), Back up now with its
 * steps, Verify, Restore (after a confirmation that says what will be replaced), and the daily schedule.
 * One operation at a time; what failed is said in a sentence.
 */
public final class BackupsViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** One backup as listed. */
    public record Row(String id, String when, String kind, String version, String size, String proven, String note,
                      boolean encrypted, long bytes) {
    }

    private final BackupOperations backups;
    private final Background background;
    private final ZoneId zone;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final OneAtATime operations;
    private final ReadOnlyStringWrapper scheduleText = new ReadOnlyStringWrapper();
    private final StringProperty dailyAt = new SimpleStringProperty("02:30");
    private final StringProperty keep = new SimpleStringProperty("7");
    private final ReadOnlyStringWrapper folderText = new ReadOnlyStringWrapper();
    private final javafx.beans.property.ReadOnlyBooleanWrapper listed = new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    private final com.adaptivestartup.ui.Dialogs dialogs;
    private java.nio.file.Path folder;

    private final Texts words;
    private final javafx.beans.property.ReadOnlyBooleanWrapper whenClosed = new javafx.beans.property.ReadOnlyBooleanWrapper();
    private final javafx.beans.property.ReadOnlyStringWrapper whenClosedText = new javafx.beans.property.ReadOnlyStringWrapper();
    private final javafx.beans.property.ReadOnlyStringWrapper failedSafety = new javafx.beans.property.ReadOnlyStringWrapper();

    public BackupsViewModel(BackupOperations backups, Background background, com.adaptivestartup.ui.Dialogs dialogs,
                            java.util.ResourceBundle text, ZoneId zone) {
        this.words = new Texts(text);
        this.backups = backups;
        this.dialogs = dialogs;
        this.background = background;
        this.operations = new OneAtATime(background, words, this::refresh);
        this.zone = zone;
    }

    private record Listing(List<BackupCatalogue.Backup> backups, Optional<BackupSchedule> schedule, java.nio.file.Path folder,
                           com.adaptivestartup.console.backup.BackupTimer.Status timer) {
    }

    public void refresh() {
        background.run(() -> new Listing(backups.list(), backups.schedule(), backups.folder(), backups.timer()), r -> {
            folder = r.folder();
            folderText.set(words.say("backups.folder.now", r.folder()));
            rows.setAll(r.backups().stream().map(this::row).toList());
            listed.set(true);
            scheduleText.set(r.schedule().map(s -> words.say("backups.schedule.now", s.dailyAt().toString(), s.keep(),
                    WHEN.format(s.nextRun().atZone(zone)))).orElse(words.say("backups.schedule.none")));
            whenClosed.set(r.timer().on());
            whenClosedText.set(r.timer().on() ? words.say("backups.timer.on", r.timer().where())
                    : r.timer().where() == null ? words.say("backups.timer.off")
                    : words.say("backups.timer.notEnabled", r.timer().where()));
        }, e -> operations.problem(words.say("backups.unlisted", words.clause(e.getMessage()))));
    }

    Row row(BackupCatalogue.Backup b) {
        String proven = b.restoreTested() != null ? words.say("backups.proven.restoreTested", b.restoreTested().result())
                : b.verified() != null ? words.say("backups.proven.verified", b.verified().result()) : words.say("backups.proven.none");
        return new Row(b.id(), WHEN.format(b.createdAt().atZone(zone)), b.kind(), b.appVersion(),
                Sizes.human(b.size()), proven, b.note() == null ? "" : b.note(), b.encrypted(), b.size());
    }

    public void backUpNow(String note) {
        operations.run(words.say("backups.op.create"), () -> backups.create(note, operations.steps()).id(),
                id -> words.say("backups.created", id), this::dataAtRisk);
    }

    public void verify(String id) {
        operations.run(words.say("backups.op.verify"), () -> {
            backups.verify(id);
            return id;
        }, x -> words.say("backups.verified", x));
    }

    /**
     * Takes the daily backup when it is due (the console asks every minute while it runs) and prunes to the schedule;
     * quiet when it is not due or another backup operation is running. A failure shows, and is notified, as any other.
     */
    public void runIfDue() {
        if (operations.busyProperty().get()) {
            return;
        }
        background.run(backups::due, due -> {
            if (due) {
                operations.run(words.say("backups.op.daily"), () -> backups.runDue(operations.steps())
                        .map(r -> words.say("backups.daily.done", r.backup().id(), r.pruned().size()))
                        .orElse(null), said -> said, this::dataAtRisk);
            }
        }, e -> operations.problem(words.say("backups.schedule.unreadable", words.clause(e.getMessage()))));
    }

    /** The sentence the confirmation shows before a restore. */
    public String restoreWarning(Row row) {
        return words.say("backups.restore.warning", row.when(), row.version());
    }

    /**
     * Restores {@code row} once the admin has read what it replaces and said yes; an encrypted backup's passphrase is
     * asked for then (a wrong one is said, and nothing is changed).
     */
    public void askToRestore(Row row) {
        if (!dialogs.confirm(words.say("backups.restore.title"), restoreWarning(row), words.say("backups.restore"))) {
            return;
        }
        if (!row.encrypted()) {
            restore(row.id(), null);
            return;
        }
        dialogs.secret(words.say("backups.passphrase.title"), words.say("backups.passphrase.what"))
                .ifPresent(passphrase -> restore(row.id(), passphrase));
    }

    void restore(String id) {
        restore(id, null);
    }

    private void restore(String id, char[] passphrase) {
        operations.run(words.say("backups.op.restore"), () -> {
            try {
                backups.restore(id, passphrase, operations.steps());
            } finally {
                if (passphrase != null) {
                    java.util.Arrays.fill(passphrase, '\0');
                }
            }
            return id;
        }, x -> words.say("backups.restored", x), this::dataAtRisk);
    }

    private void dataAtRisk(String sentence) {
        failedSafety.set(null);   // the same failure twice is told twice
        failedSafety.set(sentence);
    }

    /**
     * A backup (made now or the daily one) or a restore that failed, as the sentence shown: what the desktop
     * notification and the admins' mail tell. A verify or a copy that failed is only shown.
     */
    public ReadOnlyStringProperty failedSafetyProperty() {
        return failedSafety.getReadOnlyProperty();
    }

    /**
     * Copies {@code row} to a folder the admin chooses (an external disk, a network share), with its progress; the
     * copy is checked against the backup before it is given its name.
     */
    public void askToCopy(Row row) {
        dialogs.folder(words.say("backups.copy.where")).ifPresent(folder -> copy(row, folder));
    }

    void copy(Row row, java.nio.file.Path folder) {
        java.util.function.Consumer<String> line = operations.progressLine();
        operations.run(words.say("backups.op.copy"), () -> {
            long[] shown = {-1};
            return backups.copy(row.id(), folder, done -> {
                long percent = done * 100 / Math.max(1, row.bytes());
                if (percent != shown[0]) {
                    shown[0] = percent;
                    line.accept(words.say("backups.copying", row.id(), percent, Sizes.human(done),
                            row.size()));
                }
            }).toString();
        }, copy -> words.say("backups.copied", copy));
    }

    /** The folder backups are written to now, as last listed (for Open folder); null before the first listing. */
    public java.nio.file.Path folder() {
        return folder;
    }

    /**
     * The daily backup also when the console is closed (true): this computer's scheduler asks every hour; or only while
     * it is open (false).
     */
    public void runWhenClosed(boolean on) {
        operations.run(words.say("backups.op.timer"), () -> backups.timer(on), words::sentence);
    }

    /** This computer's scheduler runs the daily backup when the console is closed (as last listed). */
    public ReadOnlyBooleanProperty whenClosedProperty() {
        return whenClosed.getReadOnlyProperty();
    }

    /** Where that timer is, or that there is none. */
    public ReadOnlyStringProperty whenClosedTextProperty() {
        return whenClosedText.getReadOnlyProperty();
    }

    public void saveSchedule() {
        String at = dailyAt.get();
        String n = keep.get();
        operations.run(words.say("backups.op.schedule"), () -> {
            int k;
            try {
                k = Integer.parseInt(n.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(words.say("backups.keep.number"));
            }
            return backups.schedule(BackupSchedule.parseTime(at), k).dailyAt().toString();
        }, t -> words.say("backups.schedule.saved", t));
    }

    /** The folder chosen by the admin, then {@link #chooseFolder}; nothing when they cancel. */
    public void askForFolder() {
        dialogs.folder(words.say("backups.folder.where")).ifPresent(this::chooseFolder);
    }

    /** Writes backups to {@code folder} from now on (another disk, a network share), once it is found writable. */
    public void chooseFolder(java.nio.file.Path folder) {
        operations.run(words.say("backups.op.folder"), () -> backups.chooseFolder(folder).toString(),
                f -> words.say("backups.folder.changed", f));
    }


    public ReadOnlyStringProperty folderTextProperty() {
        return folderText.getReadOnlyProperty();
    }

    /** The backups have been listed at least once (before, an empty list says nothing). */
    public ReadOnlyBooleanProperty listedProperty() {
        return listed.getReadOnlyProperty();
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return operations.busyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return operations.progressProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return operations.problemProperty();
    }

    public ReadOnlyStringProperty scheduleTextProperty() {
        return scheduleText.getReadOnlyProperty();
    }

    public StringProperty dailyAtProperty() {
        return dailyAt;
    }

    public StringProperty keepProperty() {
        return keep;
    }
}
