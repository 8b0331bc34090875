package com.adaptivestartup.ui.console;

import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A service's log: the service, a search, Follow, Copy and Save, and the lines. */
public final class LogsView extends VBox {

    public LogsView(LogsViewModel model, ResourceBundle text) {
        super(12);
        setPadding(new Insets(24));
        ComboBox<String> service = new ComboBox<>(model.services());
        service.setId("logs-service");
        service.setAccessibleText(text.getString("logs.service"));
        service.valueProperty().bindBidirectional(model.serviceProperty());
        TextField search = new TextField();
        search.setId("logs-search");
        search.setPromptText(text.getString("logs.search"));
        search.setAccessibleText(text.getString("logs.search"));
        search.textProperty().bindBidirectional(model.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        ToggleButton follow = new ToggleButton(text.getString("logs.follow"));
        follow.setId("logs-follow");
        follow.selectedProperty().bindBidirectional(model.followingProperty());
        Button copy = new Button(text.getString("logs.copy"));
        copy.setId("logs-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.shownText());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        Button save = new Button(text.getString("logs.save"));
        save.setId("logs-save");
        save.setOnAction(e -> model.askToSave());
        HBox bar = new HBox(8, new Label(text.getString("logs.service")), service, search, follow, copy, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        ListView<String> lines = new ListView<>(model.shownLines());
        lines.setId("logs-lines");
        lines.setAccessibleText(text.getString("logs.lines"));
        lines.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        lines.setStyle("-fx-font-family: monospace; -fx-font-size: 12px;");
        lines.getItems().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (model.followingProperty().get()) {
                lines.scrollTo(lines.getItems().size() - 1);
            }
        });
        VBox.setVgrow(lines, Priority.ALWAYS);
        Label status = new Label();
        status.setId("logs-status");
        status.textProperty().bind(model.statusProperty());
        Label count = new Label();
        count.setId("logs-count");
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(model.countProperty());
        getChildren().addAll(bar, new javafx.scene.layout.HBox(16, status, count), lines);
    }
}
