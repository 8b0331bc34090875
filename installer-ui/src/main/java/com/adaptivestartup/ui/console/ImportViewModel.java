package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.cloudimport.CloudImportService;
import com.adaptivestartup.console.cloudimport.ImportSummary;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Dialogs;
import com.adaptivestartup.console.operate.Sizes;
import com.adaptivestartup.ui.Texts;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.ResourceBundle;
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
 * sends no mail, and the imports made before. Everything runs in the background; a refusal is its sentence. The
 * export is chosen, and the import confirmed, through {@link Dialogs}.
 */
public final class ImportViewModel {
    private final ImportOperations operations;
    private final Background background;
    private final Dialogs dialogs;
    private final Texts words;
    private final DateTimeFormatter when;
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

    public ImportViewModel(ImportOperations operations, Background background, Dialogs dialogs, ZoneId zone,
                           ResourceBundle text) {
        this.operations = operations;
        this.background = background;
        this.dialogs = dialogs;
        this.words = new Texts(text);
        this.zone = zone;
        this.when = DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM, java.time.format.FormatStyle.SHORT)
                .withLocale(words.locale());
    }

    public void refresh() {
        background.run(operations::history, saved -> history.setAll(saved.stream()
                        .map(s -> when.format(s.at().atZone(zone)) + "  " + s.summary().sentence()).toList()),
                e -> history.setAll(List.of(words.sentence(e.getMessage()))));
    }

    /** A dry run: the whole import, kept nowhere; the report tells what an import would do. */
    public void tryIt() {
        start(true);
    }

    /** The export file, chosen by the admin. */
    public void askForExport() {
        dialogs.openFile(words.say("import.choose"), words.say("import.zip"), "*.zip").ifPresent(export::set);
    }

    /** The import, once the admin has said yes: a backup, then all or nothing. */
    public void askToImport() {
        if (export.get() == null || dialogs.confirm(words.say("import.run"), words.say("import.confirm"),
                words.say("import.run"))) {
            start(false);
        }
    }

    private void start(boolean dryRun) {
        Path file = export.get();
        if (file == null) {
            result.set(words.say("import.noExport"));
            return;
        }
        if (busy.get()) {
            return;
        }
        busy.set(true);
        fraction.set(-1);
        progress.set(words.say(dryRun ? "import.trying" : "import.backingUp"));
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
            result.set(words.sentence(e.getMessage()));
            refresh();
        });
    }

    private void show(CloudImportService.Progress p) {
        fraction.set(p.fraction());
        String s = words.say("import.progress.line", Math.round(p.fraction() * 100), p.step(), p.documents(),
                p.documentsPerSecond(), p.files(), Sizes.human(p.fileBytes()), Sizes.human(p.fileBytesTotal()));
        progress.set(p.secondsLeft() == null ? s : s + words.say("import.progress.left", duration(p.secondsLeft())));
    }

    private void done(CloudImportService.Outcome o) {
        busy.set(false);
        fraction.set(1);
        progress.set(null);
        rows.setAll(o.summary().rows());
        invitations.setAll(o.invitations());
        StringBuilder s = new StringBuilder(o.summary().sentence());
        if (o.backupId() != null) {
            s.append(' ').append(words.say("import.backupKept", o.backupId()));
        }
        result.set(s.toString());
        if (!o.invitations().isEmpty()) {
            invitationsNote.set(words.say("import.invitations", o.invitations().size(), o.linksFile()));
        }
        refresh();
    }

    /** Every link, one person a line, for the clipboard. */
    public String linksText() {
        StringBuilder s = new StringBuilder();
        invitations.forEach(i -> s.append(i.name()).append(" <").append(i.email()).append(">\t").append(i.link()).append('\n'));
        return s.toString();
    }

    String duration(long seconds) {
        return seconds < 90 ? words.say("import.seconds", seconds) : seconds < 5400
                ? words.say("import.minutes", Math.round(seconds / 60.0)) : words.say("import.hours", seconds / 3600.0);
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
