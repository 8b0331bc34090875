package com.adaptivestartup.ui.console;

import com.adaptivestartup.ui.Background;
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
 * at a time; what failed is said in a sentence.
 */
public final class UpdatesViewModel {
    private final UpdateOperations updates;
    private final Background background;
    private final Consumer<Path> openInstaller;
    private final ReadOnlyObjectWrapper<UpdateOperations.Status> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Asking the update channel\u2026");
    private final ReadOnlyStringWrapper consoleOffer = new ReadOnlyStringWrapper();
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final java.util.List<String> noticeIds = new java.util.ArrayList<>();
    private final javafx.beans.property.StringProperty channel = new javafx.beans.property.SimpleStringProperty("");
    private final javafx.beans.property.StringProperty pinned = new javafx.beans.property.SimpleStringProperty("");
    private final OneAtATime operations;

    /** {@code openInstaller}: hands a downloaded installer to the OS (the view's host services). */
    public UpdatesViewModel(UpdateOperations updates, Background background, Consumer<Path> openInstaller) {
        this.updates = updates;
        this.background = background;
        this.operations = new OneAtATime(background, this::refresh);
        this.openInstaller = openInstaller;
    }

    public void refresh() {
        background.run(updates::check, this::show, e -> {
            summary.set("The update channel cannot be read.");
            operations.problem(e.getMessage());
        });
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void show(UpdateOperations.Status s) {
        status.set(s);
        String offline = s.offline() == null ? "" : " Offline (" + s.offline() + "): showing the channel as last received.";
        String blocked = s.newer().stream().filter(n -> !n.allowed()).map(UpdateOperations.Newer::version).findFirst()
                .map(v -> " " + v + " needs a renewed license.").orElse("");
        String interrupted = s.interrupted() == null ? "" : " " + capitalized(s.interrupted()) + ".";
        summary.set("Adaptive Startup " + s.installed() + " (channel " + s.channel() + "). "
                + (s.pendingConfirmation() ? "Updated: keep this version, or roll back. "
                : s.newest() == null ? "Up to date." : "Version " + s.newest() + " is available"
                + notesOf(s) + ".") + blocked + offline + interrupted);
        noticeIds.clear();
        s.notices().forEach(n -> noticeIds.add(n.id()));
        notices.setAll(s.notices().stream().map(n -> "[" + n.severity().toUpperCase(java.util.Locale.ROOT) + "] " + n.title()
                + (n.body() == null || n.body().isBlank() ? "" : ": " + n.body())).toList());
        channel.set(s.channel());
        pinned.set(s.pinned() == null ? "" : s.pinned());
        consoleOffer.set(s.console() == null ? null : "Console " + s.console().version() + " is available ("
                + com.adaptivestartup.ui.Sizes.human(s.console().installer().size()) + ")" + (s.console().notes().isBlank() ? "" : ": "
                + s.console().notes()) + ". Your settings and your stack are kept.");
    }

    private static String notesOf(UpdateOperations.Status s) {
        return s.newer().stream().filter(n -> n.version().equals(s.newest())).map(UpdateOperations.Newer::notes)
                .filter(n -> n != null && !n.isBlank()).findFirst().map(n -> ": " + n).orElse("");
    }

    /** The sentence the confirmation shows before an update. */
    public String updateWarning() {
        UpdateOperations.Status s = status.get();
        return "Adaptive Startup goes from " + s.installed() + " to " + s.newest() + ". A backup is taken first; the app is"
                + " unavailable for a short while. If anything fails, the console puts " + s.installed() + " and its data back"
                + " by itself.";
    }

    public boolean canUpdate() {
        UpdateOperations.Status s = status.get();
        return s != null && s.newest() != null && !s.pendingConfirmation();
    }

    public void update() {
        String to = status.get().newest();
        operations.run("Update", () -> {
            updates.apply(to, operations.steps());
            return to;
        }, v -> "Updated to " + v + ". Check that all is well, then keep it (or roll back).");
    }

    public void updateFromFile(Path bundle) {
        operations.run("Update from file", () -> {
            updates.applyBundle(bundle, operations.steps());
            return bundle.getFileName().toString();
        }, f -> "Updated from " + f + ". Check that all is well, then keep it (or roll back).");
    }

    /** Saves the channel and the version to stop at (empty: none); a bad value is said and nothing is saved. */
    public void saveSettings() {
        String c = channel.get();
        String p = pinned.get();
        operations.run("Save settings", () -> {
            updates.saveSettings(c, p);
            return "";
        }, x -> "Saved: channel " + c + (p == null || p.isBlank() ? ", no pin." : ", updates stop at " + p.strip() + "."));
    }

    /** Stops offering the newest version (the next newer one will be offered). */
    public void skip() {
        String version = status.get().newest();
        operations.run("Skip", () -> {
            updates.skip(version);
            return version;
        }, v -> v + " will not be offered again.");
    }

    public void dismiss(int index) {
        if (index < 0 || index >= noticeIds.size()) {
            return;
        }
        String id = noticeIds.get(index);
        operations.run("Dismiss", () -> {
            updates.dismiss(id);
            return id;
        }, x -> "The notice will not be shown again.");
    }

    public void keep() {
        operations.run("Keep", () -> {
            updates.confirm();
            return "";
        }, v -> "Kept. The backups taken before the update now follow the normal retention.");
    }

    /** How a rollback would go and what it keeps, for the confirmation; null when there is nothing to roll back. */
    public String rollbackWarning() {
        UpdateOperations.Status s = status.get();
        return s == null ? null : s.rollbackWarning();
    }

    public void rollback() {
        operations.run("Roll back", () -> updates.rollback(operations.steps()), said -> said);
    }

    public void downloadConsole() {
        long total = status.get().console().installer().size();
        Consumer<String> line = operations.progressLine();
        operations.run("Download", () -> {
            long[] lastPercent = {-1};
            Path file = updates.downloadConsole(done -> {
                long percent = done * 100 / total;
                if (percent != lastPercent[0]) {
                    lastPercent[0] = percent;
                    line.accept("Downloading the console: " + percent + "%");
                }
            });
            return file.toString();
        }, file -> {
            openInstaller.accept(Path.of(file));
            return "Downloaded and checked " + file + "; opening it. Close this console when the installer asks.";
        });
    }

    public ReadOnlyObjectProperty<UpdateOperations.Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
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
