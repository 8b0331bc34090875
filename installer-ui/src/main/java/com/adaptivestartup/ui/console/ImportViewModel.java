package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.cloudimport.CloudImportService;
import com.adaptivestartup.console.cloudimport.ImportSummary;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Sentences;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Bring your data from Adaptive Startup Cloud": the export chosen, Try it (a dry run that keeps nothing) and Import
 * (a backup first, all or nothing), the progress the stack's backend tells (documents, files, a rate, the time
 * left), the report table by table with why anything was skipped, the people to hand a link to when the stack
 * sends no mail, and the imports made before. Everything runs in the background; a refusal is its sentence.
 */
public final class ImportViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ROOT);
    private final ImportOperations operations;
    private final Background background;
    private final ZoneId zone;
    private final ObjectProperty<Path> export = new SimpleObjectProperty<>();
    private final BooleanProperty removeDeleted = new SimpleBooleanProperty(false);
    private final BooleanProperty otherDeployment = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper invitationsNote = new ReadOnlyStringWrapper();
    private final ObservableList<ImportSummary.Row> rows = FXCollections.observableArrayList();
    private final ObservableList<CloudImportService.Invitation> invitations = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();

    public ImportViewModel(ImportOperations operations, Background background, ZoneId zone) {
        this.operations = operations;
        this.background = background;
        this.zone = zone;
    }

    public void refresh() {
        background.run(operations::history, saved -> history.setAll(saved.stream()
                        .map(s -> WHEN.format(s.at().atZone(zone)) + "  " + s.summary().sentence()).toList()),
                e -> history.setAll(List.of(Sentences.of(e.getMessage()))));
    }

    /** A dry run: the whole import, kept nowhere; the report tells what an import would do. */
    public void tryIt() {
        start(true);
    }

    /** The import (the view asks first): a backup, then all or nothing. */
    public void importNow() {
        start(false);
    }

    private void start(boolean dryRun) {
        Path file = export.get();
        if (file == null) {
            result.set("Choose the export first: the .zip file Adaptive Startup Cloud's export made.");
            return;
        }
        if (busy.get()) {
            return;
        }
        busy.set(true);
        fraction.set(-1);
        progress.set(dryRun ? "Trying the import, keeping nothing\u2026" : "Taking a backup first\u2026");
        result.set(null);
        rows.clear();
        invitations.clear();
        invitationsNote.set(null);
        Consumer<CloudImportService.Progress> told = background.onUiThread(this::show);
        CloudImportService.Options options = new CloudImportService.Options(dryRun, removeDeleted.get(), otherDeployment.get());
        background.run(() -> operations.run(file, options, told), this::done, e -> {
            busy.set(false);
            fraction.set(0);
            progress.set(null);
            result.set(Sentences.of(e.getMessage()));
            refresh();
        });
    }

    private void show(CloudImportService.Progress p) {
        fraction.set(p.fraction());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.0f %% \u00b7 %s \u00b7 %,d documents (%,d a second)"
                        + " \u00b7 %,d files, %s of %s", p.fraction() * 100, p.step(), p.documents(), p.documentsPerSecond(),
                p.files(), megabytes(p.fileBytes()), megabytes(p.fileBytesTotal())));
        if (p.secondsLeft() != null) {
            s.append(" \u00b7 about ").append(duration(p.secondsLeft())).append(" left");
        }
        progress.set(s.toString());
    }

    private void done(CloudImportService.Outcome o) {
        busy.set(false);
        fraction.set(1);
        progress.set(null);
        rows.setAll(o.summary().rows());
        invitations.setAll(o.invitations());
        StringBuilder s = new StringBuilder(o.summary().sentence());
        if (o.backupId() != null) {
            s.append(" A backup was taken before it (").append(o.backupId()).append("); it is kept until you release it"
                    + " in Backups.");
        }
        result.set(s.toString());
        if (!o.invitations().isEmpty()) {
            invitationsNote.set(o.invitations().size() + " people need a link to choose their password: this installation"
                    + " sends no mail. Hand each person their own link; each works once, for 14 days. They are also in "
                    + o.linksFile() + ", readable only by you.");
        }
        refresh();
    }

    /** Every link, one person a line, for the clipboard. */
    public String linksText() {
        StringBuilder s = new StringBuilder();
        invitations.forEach(i -> s.append(i.name()).append(" <").append(i.email()).append(">\t").append(i.link()).append('\n'));
        return s.toString();
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }

    static String duration(long seconds) {
        return seconds < 90 ? seconds + " seconds" : seconds < 5400 ? Math.round(seconds / 60.0) + " minutes"
                : String.format(Locale.ROOT, "%.1f hours", seconds / 3600.0);
    }

    public ObjectProperty<Path> exportProperty() {
        return export;
    }

    public BooleanProperty removeDeletedProperty() {
        return removeDeleted;
    }

    public BooleanProperty otherDeploymentProperty() {
        return otherDeployment;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** From 0 to 1; -1 while nothing can be measured yet (the backup). */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty invitationsNoteProperty() {
        return invitationsNote.getReadOnlyProperty();
    }

    public ObservableList<ImportSummary.Row> rows() {
        return rows;
    }

    public ObservableList<CloudImportService.Invitation> invitations() {
        return invitations;
    }

    public ObservableList<String> history() {
        return history;
    }
}
