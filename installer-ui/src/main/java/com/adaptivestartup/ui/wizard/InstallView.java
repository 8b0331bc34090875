package com.adaptivestartup.ui.wizard;

import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The install's steps as they happen, a bar per image download, Cancel, and on failure the reason, the logs and Retry. */
public final class InstallView extends VBox {

    public InstallView(InstallViewModel model, ResourceBundle text) {
        super(10);
        ListView<InstallViewModel.Download> downloads = new ListView<>(model.downloads());
        downloads.setId("downloads");
        downloads.setFixedCellSize(30);
        downloads.prefHeightProperty().bind(Bindings.size(model.downloads()).multiply(30).add(4));
        downloads.setMinHeight(0);
        downloads.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(InstallViewModel.Download d, boolean empty) {
                super.updateItem(d, empty);
                if (empty || d == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                ProgressBar bar = new ProgressBar(d.total() == 0 ? 0 : (double) d.current() / d.total());
                bar.setPrefWidth(220);
                setGraphic(new HBox(8, new Label(d.service()), bar,
                        new Label(String.format("%.1f / %.1f MB", d.current() / 1e6, d.total() / 1e6)
                                + (d.bytesPerSecond() > 0 ? String.format("  \u00b7  %.1f MB/s", d.bytesPerSecond() / 1e6) : ""))));
                setText(null);
            }
        });
        ListView<InstallViewModel.Row> steps = new ListView<>(model.rows());
        steps.setId("install-steps");
        steps.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(InstallViewModel.Row r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : (r.status().equals("started") ? "\u2026 " : "\u2713 ") + r.step());
            }
        });
        Label failure = new Label();
        failure.setId("install-failure");
        failure.setWrapText(true);
        failure.getStyleClass().add("danger");
        failure.textProperty().bind(model.failureProperty());
        TextArea logs = new TextArea();
        logs.setId("install-logs");
        logs.setEditable(false);
        logs.setPrefRowCount(6);
        logs.setMinHeight(120);
        logs.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", model.lastLogLines()),
                model.lastLogLines()));
        logs.visibleProperty().bind(Bindings.isNotEmpty(model.lastLogLines()));
        logs.managedProperty().bind(logs.visibleProperty());
        Button retry = new Button(text.getString("install.retry"));
        retry.setId("install-retry");
        retry.visibleProperty().bind(model.failureProperty().isNotNull());
        retry.setOnAction(e -> model.start());
        VBox.setVgrow(steps, javafx.scene.layout.Priority.ALWAYS);
        Button cancel = new Button(text.getString("install.cancel"));
        cancel.setId("install-cancel");
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(model.runningProperty());
        cancel.disableProperty().bind(model.cancellingProperty());
        cancel.setOnAction(e -> model.cancel());
        getChildren().addAll(downloads, steps, failure, logs, retry, cancel);
    }
}
