package com.adaptivestartup.ui.console;

import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** The license's verdict, holder, entitlements and countdown, and a place to paste a renewed key. */
public final class LicenseView extends VBox {

    public LicenseView(LicenseViewModel model, ResourceBundle text) {
        super(10);
        setPadding(new Insets(24));
        Label verdict = label("license-verdict", model.verdictProperty());
        verdict.getStyleClass().add("title-4");
        model.usableProperty().addListener((o, a, ok) -> {
            verdict.getStyleClass().removeAll("success", "danger");
            verdict.getStyleClass().add(ok ? "success" : "danger");
        });
        Label holder = label("license-holder", model.holderProperty());
        Label countdown = label("license-countdown", model.countdownProperty());
        Label entitlements = label("license-entitlements", model.entitlementsProperty());
        TextArea key = new TextArea();
        key.setId("license-new-key");
        key.setPromptText(text.getString("license.replace.prompt"));
        key.setAccessibleText(text.getString("license.replace.prompt"));
        key.setPrefRowCount(4);
        key.setWrapText(true);
        key.textProperty().bindBidirectional(model.newKeyProperty());
        Button replace = new Button(text.getString("license.replace"));
        replace.setId("license-replace");
        replace.setOnAction(e -> model.replace());
        Label result = label("license-replace-result", model.replaceResultProperty());
        getChildren().addAll(verdict, holder, countdown, entitlements, new Label(text.getString("license.replace.title")),
                key, replace, result);
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        return l;
    }
}
