package com.adaptivestartup.ui.wizard;

import java.util.ResourceBundle;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** The install folder, the web port and the admin's email, each with its error under it. */
public final class SettingsView extends GridPane {

    public SettingsView(SettingsViewModel model, ResourceBundle text) {
        setHgap(12);
        setVgap(4);
        row(0, "settings-dir", text.getString("settings.dir"), model.installDirProperty(), model.installDirError());
        row(2, "settings-port", text.getString("settings.port"), model.httpPortProperty(), model.httpPortError());
        row(4, "settings-email", text.getString("settings.email"), model.adminEmailProperty(), model.adminEmailError());
    }

    private void row(int at, String id, String name, StringProperty value, StringBinding error) {
        Label label = new Label(name);
        TextField field = new TextField();
        field.setId(id);
        field.setAccessibleText(name);
        field.setPrefColumnCount(36);
        field.textProperty().bindBidirectional(value);
        label.setLabelFor(field);
        Label problem = new Label();
        problem.setId(id + "-error");
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(error);
        add(label, 0, at);
        add(field, 1, at);
        add(problem, 1, at + 1);
    }
}
