package com.adaptivestartup.ui.console;

import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Build the support bundle, read each of its files, save it. */
public final class SupportView extends VBox {

    public SupportView(SupportViewModel model, ResourceBundle text) {
        super(12);
        setPadding(new Insets(24));
        Button build = new Button(text.getString("support.build"));
        build.setId("support-build");
        build.getStyleClass().add("accent");
        build.setOnAction(e -> model.build());
        Button save = new Button(text.getString("support.save"));
        save.setId("support-save");
        save.disableProperty().bind(model.readyProperty().not());
        save.setOnAction(e -> model.askToSave());
        Label status = new Label();
        status.setId("support-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        HBox bar = new HBox(8, build, save, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        ListView<String> files = new ListView<>(model.files());
        files.setId("support-files");
        files.setAccessibleText(text.getString("support.files"));
        files.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> model.show(f));
        TextArea content = new TextArea();
        content.setId("support-content");
        content.setEditable(false);
        content.setAccessibleText(text.getString("support.content"));
        content.textProperty().bind(model.contentProperty());
        SplitPane split = new SplitPane(files, content);
        split.setDividerPositions(0.25);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label intro = new Label(text.getString("support.intro"));
        intro.setWrapText(true);
        getChildren().addAll(intro, bar, split);
    }
}
