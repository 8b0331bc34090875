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
        Label verdict = BoundLabels.verdict("license-verdict", model.verdictProperty(), model.usableProperty());
        Button resetClock = new Button(text.getString("license.clock.reset"));
        resetClock.setId("license-reset-clock");
        resetClock.setOnAction(e -> model.resetClock());
        resetClock.visibleProperty().bind(model.clockResetOfferedProperty());
        resetClock.managedProperty().bind(model.clockResetOfferedProperty());
        Label clockResult = BoundLabels.wrapped("license-clock-result", model.clockResultProperty());
        Label holder = BoundLabels.wrapped("license-holder", model.holderProperty());
        Label countdown = BoundLabels.wrapped("license-countdown", model.countdownProperty());
        Label entitlements = BoundLabels.wrapped("license-entitlements", model.entitlementsProperty());
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
        Label result = BoundLabels.wrapped("license-replace-result", model.replaceResultProperty());
        getChildren().addAll(verdict, resetClock, clockResult, holder, countdown, entitlements, new Label(text.getString("license.replace.title")),
                key, replace, result, heartbeat(model, text));
    }

    /** The opt-in heartbeat, shown only when the license includes it. */
    private static VBox heartbeat(LicenseViewModel model, ResourceBundle text) {
        javafx.scene.control.CheckBox on = new javafx.scene.control.CheckBox(text.getString("license.heartbeat"));
        on.setId("license-heartbeat");
        on.setWrapText(true);
        on.setSelected(model.heartbeatOnProperty().get());
        model.heartbeatOnProperty().addListener((o, was, now) -> on.setSelected(now));
        on.setOnAction(e -> model.heartbeat(on.isSelected()));
        Button send = new Button(text.getString("license.heartbeat.send"));
        send.setId("license-heartbeat-send");
        send.disableProperty().bind(model.heartbeatOnProperty().not());
        send.setOnAction(e -> model.sendHeartbeat());
        VBox box = new VBox(6, on, send, BoundLabels.wrapped("license-standing", model.standingProperty()),
                BoundLabels.wrapped("license-heartbeat-result", model.heartbeatResultProperty()));
        box.setPadding(new Insets(12, 0, 0, 0));
        box.visibleProperty().bind(model.heartbeatOfferedProperty());
        box.managedProperty().bind(model.heartbeatOfferedProperty());
        return box;
    }
}
