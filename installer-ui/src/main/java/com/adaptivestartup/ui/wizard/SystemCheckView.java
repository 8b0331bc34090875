package com.adaptivestartup.ui.wizard;

import com.adaptivestartup.console.preflight.CheckResult;
import java.util.ResourceBundle;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Each check as a row: a mark, what was found, and for a warning or failure what to do; Retry below. */
public final class SystemCheckView extends VBox {

    public SystemCheckView(SystemCheckViewModel model, ResourceBundle text) {
        super(12);
        ListView<CheckResult> list = new ListView<>(model.results());
        list.setId("checks");
        list.setAccessibleText(text.getString("checks.list"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(CheckResult r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setText(null);
                    return;
                }
                String mark = switch (r.level()) {
                    case PASS -> "\u2713";
                    case WARN -> "!";
                    case FAIL -> "\u2717";
                };
                setText(mark + "  " + r.name() + ": " + r.found() + (r.fix() == null ? "" : "\n     " + r.fix()));
                getStyleClass().removeAll("success", "warning", "danger");
                getStyleClass().add(switch (r.level()) {
                    case PASS -> "success";
                    case WARN -> "warning";
                    case FAIL -> "danger";
                });
            }
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.runningProperty());
        Button retry = new Button(text.getString("checks.retry"));
        retry.setId("retry");
        retry.disableProperty().bind(model.runningProperty());
        retry.setOnAction(e -> model.run());
        Label summary = new Label();
        summary.setId("checks-summary");
        summary.textProperty().bind(javafx.beans.binding.Bindings.when(model.runningProperty())
                .then(text.getString("checks.running")).otherwise(javafx.beans.binding.Bindings.when(model.passedProperty())
                        .then(text.getString("checks.passed")).otherwise(text.getString("checks.failed"))));
        // the web port in use is fixed here, not on a later step the admin cannot reach
        Button usePort = new Button();
        usePort.setId("use-free-port");
        usePort.textProperty().bind(model.freePortProperty().map(p -> text.getString("checks.useport")
                .replace("{port}", String.valueOf(p))));
        usePort.visibleProperty().bind(model.freePortProperty().isNotNull());
        usePort.managedProperty().bind(usePort.visibleProperty());
        usePort.disableProperty().bind(model.runningProperty());
        usePort.setOnAction(e -> model.useFreePort());
        getChildren().addAll(list, usePort, new HBox(8, retry, busy, summary));
    }
}
