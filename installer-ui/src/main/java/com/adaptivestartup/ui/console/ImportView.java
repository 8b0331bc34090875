package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.cloudimport.CloudImportService;
import com.adaptivestartup.console.cloudimport.ImportSummary;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Cloud import tab: choose the export, Try it or Import, the progress, the report table by table (a row's
 * reasons under the table), the people's links when the stack sends no mail, and the imports made before.
 */
public final class ImportView extends VBox {

    public ImportView(ImportViewModel model, ResourceBundle text) {
        super(10);
        setPadding(new Insets(24));
        Label intro = new Label(text.getString("import.intro"));
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);

        Label file = new Label();
        file.setId("import-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> model.exportProperty().get() == null
                ? text.getString("import.none") : model.exportProperty().get().toString(), model.exportProperty()));
        Button choose = button("import-choose", text.getString("import.choose"), model::askForExport);
        CheckBox removeDeleted = new CheckBox(text.getString("import.removeDeleted"));
        removeDeleted.setId("import-remove-deleted");
        removeDeleted.selectedProperty().bindBidirectional(model.removeDeletedProperty());
        CheckBox other = new CheckBox(text.getString("import.otherDeployment"));
        other.setId("import-other-deployment");
        other.selectedProperty().bindBidirectional(model.otherDeploymentProperty());

        Button tryIt = button("import-try", text.getString("import.try"), model::tryIt);
        Button importNow = button("import-run", text.getString("import.run"), model::askToImport);
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {choose, tryIt, importNow, removeDeleted, other}) {
            c.disableProperty().bind(model.busyProperty());
        }

        ProgressBar bar = new ProgressBar();
        bar.setId("import-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.fractionProperty());
        bar.visibleProperty().bind(model.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        bar.setAccessibleText(text.getString("import.progress"));
        Label progress = BoundLabels.wrapped("import-progress-text", model.progressProperty());
        Label result = BoundLabels.wrapped("import-result", model.resultProperty());
        progress.setMinHeight(Region.USE_PREF_SIZE);
        result.setMinHeight(Region.USE_PREF_SIZE);

        TableView<ImportSummary.Row> rows = new TableView<>(model.rows());
        rows.setId("import-rows");
        rows.setAccessibleText(text.getString("import.rows"));
        rows.setPlaceholder(new Label(text.getString("import.rows.empty")));
        rows.getColumns().add(column(text.getString("import.col.table"), ImportSummary.Row::table, 170));
        rows.getColumns().add(column(text.getString("import.col.into"), ImportSummary.Row::into, 140));
        rows.getColumns().add(column(text.getString("import.col.read"), r -> String.valueOf(r.read()), 65));
        rows.getColumns().add(column(text.getString("import.col.created"), r -> String.valueOf(r.created()), 65));
        rows.getColumns().add(column(text.getString("import.col.updated"), r -> String.valueOf(r.updated()), 90));
        rows.getColumns().add(column(text.getString("import.col.unchanged"), r -> String.valueOf(r.unchanged()), 100));
        rows.getColumns().add(column(text.getString("import.col.skipped"), r -> String.valueOf(r.skipped()), 85));
        rows.getColumns().add(column(text.getString("import.col.deleted"), r -> r.deletedInCloud() == 0 ? ""
                : r.deletedInCloud() + (r.removed() > 0 ? " (" + r.removed() + " removed)" : ""), 170));
        rows.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rows.setPrefHeight(240);
        rows.setMinHeight(150);
        Label why = new Label();
        why.setId("import-why");
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        why.textProperty().bind(Bindings.createStringBinding(() -> {
            ImportSummary.Row r = rows.getSelectionModel().getSelectedItem();
            return r == null ? text.getString("import.why.hint") : r.why().isEmpty() ? text.getString("import.why.none")
                    : String.join("\n", r.why());
        }, rows.getSelectionModel().selectedItemProperty()));

        Label note = BoundLabels.wrapped("import-invitations-note", model.invitationsNoteProperty());
        note.setMinHeight(Region.USE_PREF_SIZE);
        TableView<CloudImportService.Invitation> people = new TableView<>(model.invitations());
        people.setId("import-invitations");
        people.setAccessibleText(text.getString("import.people"));
        people.getColumns().add(column(text.getString("import.col.name"), CloudImportService.Invitation::name, 160));
        people.getColumns().add(column(text.getString("import.col.email"), CloudImportService.Invitation::email, 220));
        people.getColumns().add(column(text.getString("import.col.link"), CloudImportService.Invitation::link, 420));
        people.setPrefHeight(140);
        people.setMinHeight(110);
        people.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button copy = button("import-copy-links", text.getString("import.copyLinks"), () -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.linksText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        VBox peopleBox = new VBox(6, note, people, copy);
        peopleBox.visibleProperty().bind(Bindings.isNotEmpty(model.invitations()));
        peopleBox.managedProperty().bind(peopleBox.visibleProperty());

        ListView<String> history = new ListView<>(model.history());
        history.setId("import-history");
        history.setAccessibleText(text.getString("import.history"));
        history.setPrefHeight(110);
        history.setMinHeight(80);
        history.setPlaceholder(new Label(text.getString("import.history.empty")));
        VBox.setVgrow(rows, Priority.ALWAYS);
        getChildren().addAll(intro, new HBox(12, choose, file), removeDeleted, other, new HBox(12, tryIt, importNow), bar,
                progress, result, rows, why, peopleBox, new Label(text.getString("import.history")), history);
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static Button button(String id, String name, Runnable action) {
        Button b = new Button(name);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
