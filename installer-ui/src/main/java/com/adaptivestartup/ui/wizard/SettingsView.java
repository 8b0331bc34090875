package com.adaptivestartup.ui.wizard;

import java.util.ResourceBundle;
import com.adaptivestartup.console.stack.Edition;
import com.adaptivestartup.ui.CertificateFields;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * The edition (the full stack, or a small business's one container), the install folder, the web port, the admin's email, the AI key, an offline bundle, and the address people will
 * use with its HTTPS port and certificate, each with its error under it.
 */
public final class SettingsView extends GridPane {

    public SettingsView(SettingsViewModel model, ResourceBundle text) {
        setHgap(12);
        setVgap(4);
        edition(model, text);
        row(2, "settings-dir", text.getString("settings.dir"), model.installDirProperty(), model.installDirError());
        row(4, "settings-port", text.getString("settings.port"), model.httpPortProperty(), model.httpPortError());
        row(6, "settings-email", text.getString("settings.email"), model.adminEmailProperty(), model.adminEmailError());
        javafx.scene.control.PasswordField ai = new javafx.scene.control.PasswordField();
        ai.setId("settings-ai-key");
        ai.setPromptText(text.getString("settings.ai.prompt"));
        ai.setAccessibleText(text.getString("settings.ai"));
        ai.textProperty().bindBidirectional(model.aiKeyProperty());
        Label aiLabel = new Label(text.getString("settings.ai"));
        aiLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        aiLabel.setLabelFor(ai);
        add(aiLabel, 0, 10);
        add(ai, 1, 10);
        TextField bundle = row(8, "settings-bundle", text.getString("settings.bundle"), model.bundleFileProperty(),
                model.bundleFileError());
        bundle.setPromptText(text.getString("settings.bundle.prompt"));
        bundle.setPrefColumnCount(28);
        javafx.scene.control.Button choose = new javafx.scene.control.Button(text.getString("settings.bundle.choose"));
        choose.setId("settings-bundle-choose");
        choose.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        choose.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle(text.getString("settings.bundle"));
            java.io.File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.bundleFileProperty().set(file.getAbsolutePath());
            }
        });
        add(choose, 2, 8);
        https(model, text);
    }

    /** The address (this machine's names offered), then the HTTPS port and where the certificate comes from. */
    private void https(SettingsViewModel model, ResourceBundle text) {
        javafx.scene.control.ComboBox<String> address = new javafx.scene.control.ComboBox<>(model.addressSuggestions());
        address.setId("settings-address");
        address.setEditable(true);
        address.setPrefWidth(420);
        address.setPromptText(text.getString("settings.address.prompt"));
        address.setAccessibleText(text.getString("settings.address"));
        address.getEditor().setId("settings-address-text");
        address.getEditor().setAccessibleText(text.getString("settings.address"));
        address.getEditor().textProperty().bindBidirectional(model.addressProperty());
        Label label = new Label(text.getString("settings.address"));
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.setLabelFor(address);
        Label problem = new Label();
        problem.setId("settings-address-error");
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(model.addressError());
        add(label, 0, 12);
        add(address, 1, 12);
        add(problem, 1, 13);
        BooleanBinding noAddress = Bindings.createBooleanBinding(() -> model.addressProperty().get().isBlank(),
                model.addressProperty());
        new CertificateFields(this, 14, model.certificate(), model.httpsPortError(), model.certificateError(), noAddress,
                text);
    }

    /** The full stack or one container, each with what it is for in a few words; the error under it. */
    private void edition(SettingsViewModel model, ResourceBundle text) {
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        javafx.scene.layout.HBox choices = new javafx.scene.layout.HBox(16);
        for (Edition e : Edition.values()) {
            javafx.scene.control.RadioButton choice = new javafx.scene.control.RadioButton(
                    text.getString("settings.edition." + e.key()));
            choice.setId("settings-edition-" + e.key());
            choice.setToggleGroup(group);
            choice.setUserData(e);
            choice.setSelected(model.editionProperty().get() == e);
            choice.setTooltip(new javafx.scene.control.Tooltip(text.getString("settings.edition." + e.key() + ".about")));
            choices.getChildren().add(choice);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.editionProperty().set((Edition) now.getUserData());
            }
        });
        Label label = new Label(text.getString("settings.edition"));
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label problem = new Label();
        problem.setId("settings-edition-error");
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(model.editionError());
        add(label, 0, 0);
        add(choices, 1, 0);
        add(problem, 1, 1);
    }

    private TextField row(int at, String id, String name, StringProperty value, StringBinding error) {
        Label label = new Label(name);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
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
        return field;
    }
}
