package com.adaptivestartup.ui.console;

import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The backups table with its actions, what is going on, and the daily schedule. */
public final class BackupsView extends VBox {

    /** {@code open}: opens a folder as the desktop does (Open folder). */
    public BackupsView(BackupsViewModel model, ResourceBundle text, java.util.function.Consumer<java.nio.file.Path> open) {
        super(12);
        setPadding(new Insets(24));
        Label secrets = new Label(text.getString("backups.secrets"));
        secrets.setWrapText(true);
        secrets.getStyleClass().add("warning");
        TableView<BackupsViewModel.Row> table = new TableView<>(model.rows());
        table.setId("backups");
        table.setAccessibleText(text.getString("backups.table"));
        table.getColumns().add(column(text.getString("backups.when"), BackupsViewModel.Row::when));
        table.getColumns().add(column(text.getString("backups.kind"), BackupsViewModel.Row::kind));
        table.getColumns().add(column(text.getString("backups.version"), BackupsViewModel.Row::version));
        table.getColumns().add(column(text.getString("backups.size"), BackupsViewModel.Row::size));
        table.getColumns().add(column(text.getString("backups.proven"), BackupsViewModel.Row::proven));
        table.getColumns().add(column(text.getString("backups.note"), BackupsViewModel.Row::note));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button now = new Button(text.getString("backups.now"));
        now.setId("backup-now");
        now.getStyleClass().add("accent");
        now.disableProperty().bind(model.busyProperty());
        now.setOnAction(e -> model.backUpNow(null));
        var selected = table.getSelectionModel().selectedItemProperty();
        Button verify = new Button(text.getString("backups.verify"));
        verify.setId("backup-verify");
        verify.disableProperty().bind(model.busyProperty().or(selected.isNull()));
        verify.setOnAction(e -> model.verify(selected.get().id()));
        Button restore = new Button(text.getString("backups.restore"));
        restore.setId("backup-restore");
        restore.disableProperty().bind(model.busyProperty().or(selected.isNull()));
        restore.setOnAction(e -> model.askToRestore(selected.get()));
        Button copy = new Button(text.getString("backups.copy"));
        copy.setId("backup-copy");
        copy.disableProperty().bind(model.busyProperty().or(selected.isNull()));
        copy.setOnAction(e -> model.askToCopy(selected.get()));
        // the selection stays on the same backup when the list is read again (after Verify, a new backup)
        String[] chosen = {null};
        selected.subscribe(row -> {
            if (row != null) {
                chosen[0] = row.id();
            }
        });
        model.rows().addListener((javafx.collections.ListChangeListener<BackupsViewModel.Row>) c ->
                model.rows().stream().filter(r -> r.id().equals(chosen[0])).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r)));
        javafx.scene.control.ProgressBar working = new javafx.scene.control.ProgressBar();
        working.setId("backups-working");
        working.visibleProperty().bind(model.busyProperty());
        working.managedProperty().bind(working.visibleProperty());
        Label progress = new Label();
        progress.setId("backups-progress");
        progress.textProperty().bind(model.progressProperty());
        Label problem = new Label();
        problem.setId("backups-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(model.problemProperty());

        TextField at = new TextField();
        at.setId("schedule-at");
        at.setPrefColumnCount(5);
        at.setAccessibleText(text.getString("backups.schedule.at"));
        at.textProperty().bindBidirectional(model.dailyAtProperty());
        TextField keep = new TextField();
        keep.setId("schedule-keep");
        keep.setPrefColumnCount(3);
        keep.setAccessibleText(text.getString("backups.schedule.keep"));
        keep.textProperty().bindBidirectional(model.keepProperty());
        Button save = new Button(text.getString("backups.schedule.save"));
        save.setId("schedule-save");
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.saveSchedule());
        Label schedule = new Label();
        schedule.setId("schedule-text");
        schedule.textProperty().bind(model.scheduleTextProperty());
        HBox scheduleRow = new HBox(8, new Label(text.getString("backups.schedule.at")), at,
                new Label(text.getString("backups.schedule.keep")), keep, save, schedule);
        scheduleRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.control.CheckBox whenClosed = new javafx.scene.control.CheckBox(text.getString("backups.timer"));
        whenClosed.setId("schedule-when-closed");
        model.whenClosedProperty().subscribe(whenClosed::setSelected);
        whenClosed.setOnAction(e -> model.runWhenClosed(whenClosed.isSelected()));
        whenClosed.disableProperty().bind(model.busyProperty());
        Label whenClosedText = BoundLabels.wrapped("schedule-when-closed-text", model.whenClosedTextProperty());
        whenClosedText.getStyleClass().add("text-muted");
        HBox timerRow = new HBox(8, whenClosed, whenClosedText);
        timerRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label folder = new Label();
        folder.setId("backups-folder");
        folder.setWrapText(true);
        folder.textProperty().bind(model.folderTextProperty());
        Button changeFolder = new Button(text.getString("backups.folder.change"));
        changeFolder.setId("backups-folder-change");
        changeFolder.disableProperty().bind(model.busyProperty());
        changeFolder.setOnAction(e -> model.askForFolder());
        Button openFolder = new Button(text.getString("backups.folder.open"));
        openFolder.setId("backups-folder-open");
        openFolder.setOnAction(e -> {
            if (model.folder() != null) {
                open.accept(model.folder());
            }
        });
        HBox folderRow = new HBox(8, folder, openFolder, changeFolder);
        folderRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        getChildren().addAll(secrets, actionsRow(new HBox(8, now, verify, restore, copy, working, progress)), problem, table, scheduleRow, timerRow, folderRow);
    }

    private static HBox actionsRow(HBox row) {
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    private static TableColumn<BackupsViewModel.Row, String> column(String name,
                                                                  java.util.function.Function<BackupsViewModel.Row, String> value) {
        TableColumn<BackupsViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }
}
