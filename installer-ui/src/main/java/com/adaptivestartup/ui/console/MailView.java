package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.stack.MailServer;
import java.util.ResourceBundle;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The Mail tab: the mail server's form, Save, Stop sending mail, Send a test email, and how delivery stands. */
public final class MailView extends VBox {

    public MailView(MailViewModel model, ResourceBundle text) {
        super(10);
        setPadding(new Insets(24));
        Label summary = BoundLabels.wrapped("mail-summary", model.summaryProperty());
        Label delivery = BoundLabels.wrapped("mail-delivery", model.deliveryProperty());

        TextField host = field("mail-host", model.hostProperty(), "smtp.acme.com", 30);
        TextField port = field("mail-port", model.portProperty(), "587", 6);
        ChoiceBox<MailServer.Security> security = new ChoiceBox<>();
        security.setId("mail-security");
        security.getItems().setAll(MailServer.Security.values());
        security.valueProperty().bindBidirectional(model.securityProperty());
        security.setConverter(new StringConverter<>() {
            public String toString(MailServer.Security s) {
                return s == null ? "" : s.words();
            }

            public MailServer.Security fromString(String s) {
                return null;
            }
        });
        TextField username = field("mail-username", model.usernameProperty(), text.getString("mail.username.prompt"), 30);
        PasswordField password = new PasswordField();
        password.setId("mail-password");
        password.setPromptText(text.getString("mail.password.prompt"));
        password.textProperty().bindBidirectional(model.passwordProperty());
        TextField from = field("mail-from", model.fromProperty(), "Adaptive Startup <adaptive@acme.com>", 30);

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(6);
        row(form, 0, text.getString("mail.host"), host);
        row(form, 1, text.getString("mail.port"), port);
        row(form, 2, text.getString("mail.security"), security);
        row(form, 3, text.getString("mail.username"), username);
        row(form, 4, text.getString("mail.password"), password);
        row(form, 5, text.getString("mail.from"), from);

        Button save = button("mail-save", text.getString("mail.save"), model::save);
        Button clear = button("mail-clear", text.getString("mail.clear"), model::askToClear);
        clear.visibleProperty().bind(model.configuredProperty());
        clear.managedProperty().bind(clear.visibleProperty());
        TextField testTo = field("mail-test-to", model.testToProperty(), "you@acme.com", 24);
        Button test = button("mail-test", text.getString("mail.test"), model::sendTest);
        HBox testRow = new HBox(8, new Label(text.getString("mail.test.to")), testTo, test);
        testRow.visibleProperty().bind(model.configuredProperty());
        testRow.managedProperty().bind(testRow.visibleProperty());
        for (Button b : new Button[] {save, clear, test}) {
            b.disableProperty().bind(model.busyProperty());
        }
        Label result = BoundLabels.wrapped("mail-result", model.resultProperty());
        getChildren().addAll(summary, form, new HBox(12, save, clear), testRow, delivery, result);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static void row(GridPane grid, int row, String name, Control control) {
        Label label = new Label(name);
        label.setLabelFor(control);
        control.setAccessibleText(name);
        grid.add(label, 0, row);
        grid.add(control, 1, row);
    }

    private static Button button(String id, String name, Runnable action) {
        Button b = new Button(name);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
