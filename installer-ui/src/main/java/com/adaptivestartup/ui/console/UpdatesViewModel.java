package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.operate.Sizes;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Dialogs;
import com.adaptivestartup.ui.Texts;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Updates view: the installed version and what the channel offers (or why it cannot be asked), the
 * vendor's notices, Update now (after a confirmation saying what happens), Keep / Roll back after an
 * update, and a newer console: downloaded, checked against the signed channel, then opened. One operation
 * at a time; what failed is said in a sentence. What cannot be taken back is asked first through {@link Dialogs}.
 */
public final class UpdatesViewModel {
    private final UpdateOperations updates;
    private final Background background;
    private final Dialogs dialogs;
    private final Texts words;
    private final Consumer<Path> openInstaller;
    private final java.time.Clock clock;
    private final ReadOnlyObjectWrapper<UpdateOperations.Status> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary;
    private final ReadOnlyStringWrapper checked = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper consoleOffer = new ReadOnlyStringWrapper();
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final ObservableList<String> pinChoices = FXCollections.observableArrayList("");
    private final java.util.List<String> noticeIds = new java.util.ArrayList<>();
    private final javafx.beans.property.StringProperty channel = new javafx.beans.property.SimpleStringProperty("");
    private final javafx.beans.property.StringProperty pinned = new javafx.beans.property.SimpleStringProperty("");
    private final OneAtATime operations;

    /** {@code openInstaller}: hands a downloaded installer to the OS (the view's host services). */
    public UpdatesViewModel(UpdateOperations updates, Background background, Dialogs dialogs, java.util.ResourceBundle text,
                            java.time.Clock clock, Consumer<Path> openInstaller) {
        this.updates = updates;
        this.background = background;
        this.dialogs = dialogs;
        this.words = new Texts(text);
        this.clock = clock;
        this.operations = new OneAtATime(background, words, this::refresh);
        this.openInstaller = openInstaller;
        this.summary = new ReadOnlyStringWrapper(words.say("updates.asking"));
    }

    public void refresh() {
        background.run(updates::check, this::show, e -> {
            summary.set(words.say("updates.unreadable"));
            operations.problem(words.sentence(e.getMessage()));
        });
    }


    private void show(UpdateOperations.Status s) {
        status.set(s);
        checked.set(words.say("updates.checkedAt", java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(java.time.LocalTime.now(clock))));
        String offline = s.offline() == null ? "" : " " + words.say("updates.offline", s.offline());
        String blocked = s.newer().stream().filter(n -> !n.allowed()).map(UpdateOperations.Newer::version).findFirst()
                .map(v -> " " + words.say("updates.needsLicense", v)).orElse("");
        String interrupted = s.interrupted() == null ? "" : " " + words.sentence(s.interrupted());
        summary.set(words.say("updates.summary", s.installed(), s.channel()) + " "
                + (s.pendingConfirmation() ? words.say("updates.pending") + " "
                : s.newest() == null ? words.say("updates.upToDate") : words.say("updates.available", s.newest(), notesOf(s)))
                + blocked + offline + interrupted);
        noticeIds.clear();
        s.notices().forEach(n -> noticeIds.add(n.id()));
        notices.setAll(s.notices().stream().map(n -> "[" + n.severity().toUpperCase(java.util.Locale.ROOT) + "] " + n.title()
                + (n.body() == null || n.body().isBlank() ? "" : ": " + n.body())).toList());
        channel.set(s.channel());
        java.util.LinkedHashSet<String> versions = new java.util.LinkedHashSet<>();
        versions.add("");   // no limit
        versions.add(s.installed());
        s.newer().forEach(n -> versions.add(n.version()));
        if (s.pinned() != null) {
            versions.add(s.pinned());
        }
        pinChoices.setAll(versions);
        pinned.set(s.pinned() == null ? "" : s.pinned());
        consoleOffer.set(s.console() == null ? null : words.say("updates.consoleOffer", s.console().version(),
                Sizes.human(s.console().installer().size()),
                s.console().notes().isBlank() ? "" : ": " + s.console().notes()));
    }

    private static String notesOf(UpdateOperations.Status s) {
        return s.newer().stream().filter(n -> n.version().equals(s.newest())).map(UpdateOperations.Newer::notes)
                .filter(n -> n != null && !n.isBlank()).findFirst().map(n -> ": " + n).orElse("");
    }

    /** The sentence the confirmation shows before an update. */
    public String updateWarning() {
        UpdateOperations.Status s = status.get();
        return words.say("updates.warning", s.installed(), s.newest());
    }

    public boolean canUpdate() {
        UpdateOperations.Status s = status.get();
        return s != null && s.newest() != null && !s.pendingConfirmation();
    }

    /** Update now, once the admin has read what happens and said yes. */
    public void askToUpdate() {
        if (canUpdate() && dialogs.confirm(words.say("updates.confirm.title"), updateWarning(),
                words.say("updates.now"))) {
            update();
        }
    }

    void update() {
        String to = status.get().newest();
        operations.run(words.say("updates.op.update"), () -> {
            updates.apply(to, operations.steps());
            return to;
        }, v -> words.say("updates.done", v));
    }

    /** An offline bundle chosen by the admin, then what happens said and agreed to, then the update from it. */
    public void askToUpdateFromFile() {
        dialogs.openFile(words.say("updates.fromFile.title"), words.say("updates.fromFile.kind"))
                .filter(file -> dialogs.confirm(words.say("updates.fromFile.title"),
                        words.say("updates.fromFile.warning"), words.say("updates.now")))
                .ifPresent(this::updateFromFile);
    }

    void updateFromFile(Path bundle) {
        operations.run(words.say("updates.op.fromFile"), () -> {
            updates.applyBundle(bundle, operations.steps());
            return bundle.getFileName().toString();
        }, f -> words.say("updates.doneFromFile", f));
    }

    /** Saves the channel and the version to stop at (empty: none); a bad value is said and nothing is saved. */
    public void saveSettings() {
        String c = channel.get();
        String p = pinned.get();
        operations.run(words.say("updates.op.save"), () -> {
            updates.saveSettings(c, p);
            return "";
        }, x -> p == null || p.isBlank() ? words.say("updates.saved", c) : words.say("updates.savedPinned", c, p.strip()));
    }

    /** Stops offering the newest version (the next newer one will be offered). */
    public void skip() {
        String version = status.get().newest();
        operations.run(words.say("updates.op.skip"), () -> {
            updates.skip(version);
            return version;
        }, v -> words.say("updates.skipped", v));
    }

    public void dismiss(int index) {
        if (index < 0 || index >= noticeIds.size()) {
            return;
        }
        String id = noticeIds.get(index);
        operations.run(words.say("updates.op.dismiss"), () -> {
            updates.dismiss(id);
            return id;
        }, x -> words.say("updates.dismissed"));
    }

    public void keep() {
        operations.run(words.say("updates.op.keep"), () -> {
            updates.confirm();
            return "";
        }, v -> words.say("updates.kept"));
    }

    /** How a rollback would go and what it keeps, for the confirmation; null when there is nothing to roll back. */
    public String rollbackWarning() {
        UpdateOperations.Status s = status.get();
        return s == null ? null : s.rollbackWarning();
    }

    /** Roll back, once the admin has read how it goes and what it keeps and said yes. */
    public void askToRollback() {
        String how = rollbackWarning();
        if (how != null && dialogs.confirm(words.say("updates.rollback.title"), how, words.say("updates.rollback"))) {
            rollback();
        }
    }

    void rollback() {
        operations.run(words.say("updates.op.rollback"), () -> updates.rollback(operations.steps()), said -> said);
    }

    public void downloadConsole() {
        long total = status.get().console().installer().size();
        Consumer<String> line = operations.progressLine();
        operations.run(words.say("updates.op.download"), () -> {
            long[] lastPercent = {-1};
            Path file = updates.downloadConsole(done -> {
                long percent = done * 100 / total;
                if (percent != lastPercent[0]) {
                    lastPercent[0] = percent;
                    line.accept(words.say("updates.downloading", percent));
                }
            });
            return file.toString();
        }, file -> {
            openInstaller.accept(Path.of(file));
            return words.say("updates.downloaded", file);
        });
    }

    public ReadOnlyObjectProperty<UpdateOperations.Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** When the channel was last asked ("Checked at 14:02:07."); empty before the first answer. */
    public ReadOnlyStringProperty checkedProperty() {
        return checked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty consoleOfferProperty() {
        return consoleOffer.getReadOnlyProperty();
    }

    public javafx.beans.property.StringProperty channelProperty() {
        return channel;
    }

    public javafx.beans.property.StringProperty pinnedProperty() {
        return pinned;
    }

    /** What updates can stop at: no limit (""), the installed version, and each newer one the channel offers. */
    public ObservableList<String> pinChoices() {
        return pinChoices;
    }

    public ObservableList<String> notices() {
        return notices;
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
}
