package com.adaptivestartup.ui.console;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;

/** The labels the views bind to their view models' text: wrapped, with an id for tests and screen readers. */
final class BoundLabels {
    private BoundLabels() {
    }

    static Label wrapped(String id, ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        return l;
    }

    /** A verdict in a view's title: green while {@code ok}, red when not. */
    static Label verdict(String id, ObservableValue<String> text, ObservableValue<Boolean> ok) {
        Label l = wrapped(id, text);
        l.getStyleClass().addAll("title-4", Boolean.TRUE.equals(ok.getValue()) ? "success" : "danger");
        ok.addListener((o, was, now) -> {
            l.getStyleClass().removeAll("success", "danger");
            l.getStyleClass().add(Boolean.TRUE.equals(now) ? "success" : "danger");
        });
        return l;
    }
}
