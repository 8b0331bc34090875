package com.adaptivestartup.ui.wizard;

import java.util.ResourceBundle;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The license step: a text area to paste into (or drop a .lic file on) and the verdict under it. */
public final class LicenseStepView extends VBox {

    public LicenseStepView(LicenseStepViewModel model, ResourceBundle text) {
        super(12);
        Label intro = new Label(text.getString("license.intro"));
        intro.setWrapText(true);
        TextArea key = new TextArea();
        key.setId("license-key");
        key.setPromptText(text.getString("license.placeholder"));
        key.setAccessibleText(text.getString("license.key"));
        key.setWrapText(true);
        key.setPrefRowCount(8);
        key.textProperty().bindBidirectional(model.keyProperty());
        key.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        key.setOnDragDropped(e -> {
            var files = e.getDragboard().getFiles();
            if (!files.isEmpty()) {
                model.dropped(files.get(0).toPath());
            }
            e.setDropCompleted(!files.isEmpty());
            e.consume();
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.checkingProperty());
        Label verdict = new Label();
        verdict.setId("license-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(model.verdictProperty());
        verdict.setAccessibleText(text.getString("license.verdict"));
        model.usableProperty().addListener((obs, was, is) -> verdict.getStyleClass().setAll("label", is ? "success" : "danger"));
        javafx.scene.control.Button choose = new javafx.scene.control.Button(text.getString("license.choose"));
        choose.setId("license-choose");
        choose.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle(text.getString("license.choose"));
            chooser.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter(
                    text.getString("license.choose.kind"), "*.lic", "*.txt"),
                    new javafx.stage.FileChooser.ExtensionFilter(text.getString("license.choose.any"), "*"));
            java.io.File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.dropped(file.toPath());
            }
        });
        getChildren().addAll(intro, key, choose, new HBox(8, busy, verdict));
    }
}
