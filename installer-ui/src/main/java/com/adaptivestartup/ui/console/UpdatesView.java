package com.adaptivestartup.ui.console;

import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** What the channel offers, the update actions, a newer console, and the vendor's notices. */
public final class UpdatesView extends VBox {

    public UpdatesView(UpdatesViewModel model, ResourceBundle text) {
        super(12);
        setPadding(new Insets(24));
        Label summary = new Label();
        summary.setId("updates-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());

        BooleanBinding pending = Bindings.createBooleanBinding(() -> model.statusProperty().get() != null
                && model.statusProperty().get().pendingConfirmation(), model.statusProperty());
        Button update = new Button(text.getString("updates.now"));
        update.setId("update-now");
        update.getStyleClass().add("accent");
        update.disableProperty().bind(model.busyProperty().or(Bindings.createBooleanBinding(() -> !model.canUpdate(),
                model.statusProperty())));
        update.setOnAction(e -> model.askToUpdate());
        Button keep = new Button(text.getString("updates.keep"));
        keep.setId("update-keep");
        keep.visibleProperty().bind(pending);
        keep.managedProperty().bind(pending);
        keep.disableProperty().bind(model.busyProperty());
        keep.setOnAction(e -> model.keep());
        Button rollback = new Button(text.getString("updates.rollback"));
        rollback.setId("update-rollback");
        rollback.visibleProperty().bind(pending);
        rollback.managedProperty().bind(pending);
        rollback.disableProperty().bind(model.busyProperty());
        rollback.setOnAction(e -> model.askToRollback());
        Button fromFile = new Button(text.getString("updates.fromFile"));
        fromFile.setId("update-from-file");
        fromFile.disableProperty().bind(model.busyProperty().or(pending));
        fromFile.setOnAction(e -> model.askToUpdateFromFile());
        Button skip = new Button(text.getString("updates.skip"));
        skip.setId("update-skip");
        skip.disableProperty().bind(update.disableProperty());
        skip.setOnAction(e -> model.skip());
        Button check = new Button(text.getString("updates.check"));
        check.setId("update-check");
        check.disableProperty().bind(model.busyProperty());
        check.setOnAction(e -> model.refresh());
        Label checked = new Label();
        checked.setId("updates-checked");
        checked.getStyleClass().add("text-muted");
        checked.textProperty().bind(model.checkedProperty());
        Label progress = new Label();
        progress.setId("updates-progress");
        progress.textProperty().bind(model.progressProperty());
        Label problem = new Label();
        problem.setId("updates-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(model.problemProperty());

        Label offer = new Label();
        offer.setId("console-offer");
        offer.setWrapText(true);
        offer.textProperty().bind(model.consoleOfferProperty());
        Button download = new Button(text.getString("updates.console.download"));
        download.setId("console-download");
        download.disableProperty().bind(model.busyProperty());
        download.setOnAction(e -> model.downloadConsole());
        HBox consoleRow = new HBox(8, offer, download);
        consoleRow.setAlignment(Pos.CENTER_LEFT);
        consoleRow.getStyleClass().add("console-offer");
        consoleRow.visibleProperty().bind(model.consoleOfferProperty().isNotNull());
        consoleRow.managedProperty().bind(consoleRow.visibleProperty());

        ListView<String> notices = new ListView<>(model.notices());
        notices.setId("notices");
        notices.setAccessibleText(text.getString("updates.notices"));
        notices.setPlaceholder(new Label(text.getString("updates.notices.none")));
        VBox.setVgrow(notices, Priority.ALWAYS);
        Button dismiss = new Button(text.getString("updates.notices.dismiss"));
        dismiss.setId("notice-dismiss");
        dismiss.disableProperty().bind(notices.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        dismiss.setOnAction(e -> model.dismiss(notices.getSelectionModel().getSelectedIndex()));
        HBox noticesTitle = new HBox(8, new Label(text.getString("updates.notices")), dismiss);
        noticesTitle.setAlignment(Pos.CENTER_LEFT);

        javafx.scene.control.TextField channel = new javafx.scene.control.TextField();
        channel.setId("update-channel");
        channel.setPrefColumnCount(10);
        channel.setAccessibleText(text.getString("updates.settings.channel"));
        channel.textProperty().bindBidirectional(model.channelProperty());
        javafx.scene.control.ComboBox<String> pin = new javafx.scene.control.ComboBox<>(model.pinChoices());
        pin.setId("update-pin");
        pin.setAccessibleText(text.getString("updates.settings.pin"));
        pin.setConverter(new javafx.util.StringConverter<>() {
            public String toString(String version) {
                return version == null || version.isEmpty() ? text.getString("updates.settings.pin.none") : version;
            }

            public String fromString(String shown) {
                return shown == null || shown.equals(text.getString("updates.settings.pin.none")) ? "" : shown;
            }
        });
        pin.valueProperty().bindBidirectional(model.pinnedProperty());
        Button save = new Button(text.getString("updates.settings.save"));
        save.setId("update-settings-save");
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> model.saveSettings());
        HBox settings = new HBox(8, new Label(text.getString("updates.settings.channel")), channel,
                new Label(text.getString("updates.settings.pin")), pin, save);
        settings.setAlignment(Pos.CENTER_LEFT);

        HBox actions = new HBox(8, update, skip, fromFile, keep, rollback, check, progress);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(summary, checked, actions, problem, consoleRow, settings, noticesTitle, notices);
    }
}
