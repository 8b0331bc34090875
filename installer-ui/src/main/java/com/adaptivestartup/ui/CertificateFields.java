package com.adaptivestartup.ui;

import com.adaptivestartup.console.stack.WebAddress;
import java.util.ResourceBundle;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The HTTPS port and where the certificate comes from (made here, or the company's own: a certificate file with
 * its key file, or a .pfx/.p12 file with its password), shared by the wizard and the console's Address tab: rows
 * added to the caller's grid, so they line up with its other fields. Shown only while there is an address; the
 * company's files enabled only while "our own" is chosen.
 */
public final class CertificateFields {
    private final GridPane grid;
    private final BooleanBinding noAddress;

    /** Adds the rows to {@code grid} from {@code firstRow} on (twelve rows: each field, and errors under two). */
    public CertificateFields(GridPane grid, int firstRow, CertificateChoice values, StringBinding portError,
                             StringBinding certificateError, BooleanBinding noAddress, ResourceBundle text) {
        this.grid = grid;
        this.noAddress = noAddress;
        int at = firstRow;
        TextField port = new TextField();
        port.setId("https-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(values.httpsPortProperty());
        row(at, text.getString("settings.https.port"), port, "https-port-error", portError);

        ToggleGroup group = new ToggleGroup();
        RadioButton local = radio("certificate-local", text.getString("settings.certificate.local"),
                WebAddress.CertificateSource.LOCAL, group);
        RadioButton own = radio("certificate-own", text.getString("settings.certificate.own"),
                WebAddress.CertificateSource.OWN, group);
        RadioButton acme = radio("certificate-acme", text.getString("settings.certificate.acme"),
                WebAddress.CertificateSource.ACME, group);
        java.util.function.Function<WebAddress.CertificateSource, RadioButton> button = s ->
                s == WebAddress.CertificateSource.OWN ? own : s == WebAddress.CertificateSource.ACME ? acme : local;
        group.selectToggle(button.apply(values.sourceProperty().get()));
        values.sourceProperty().addListener((o, was, now) -> group.selectToggle(button.apply(now)));
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                values.sourceProperty().set((WebAddress.CertificateSource) now.getUserData());
            }
        });
        row(at + 2, text.getString("settings.certificate"), new HBox(16, local, own, acme), null, null);

        BooleanBinding notOwn = values.sourceProperty().isNotEqualTo(WebAddress.CertificateSource.OWN);
        TextField file = field("certificate-file", values.certificateFileProperty(), notOwn);
        file.setPromptText(text.getString("settings.certificate.file.prompt"));
        file.setPrefColumnCount(28);
        row(at + 4, text.getString("settings.certificate.file"), file, "certificate-error", certificateError);
        shown(chooser("certificate-file-choose", text, values.certificateFileProperty(), notOwn), 2, at + 4);
        row(at + 6, text.getString("settings.certificate.keyfile"), field("key-file", values.keyFileProperty(), notOwn), null, null);
        shown(chooser("key-file-choose", text, values.keyFileProperty(), notOwn), 2, at + 6);
        PasswordField password = new PasswordField();
        password.setId("pfx-password");
        password.textProperty().bindBidirectional(values.pfxPasswordProperty());
        password.disableProperty().bind(notOwn);
        row(at + 8, text.getString("settings.certificate.password"), password, null, null);

        BooleanBinding notAcme = values.sourceProperty().isNotEqualTo(WebAddress.CertificateSource.ACME);
        TextField directory = field("acme-directory", values.acmeDirectoryProperty(), notAcme);
        directory.setPromptText(text.getString("settings.acme.directory.prompt"));
        row(at + 9, text.getString("settings.acme.directory"), directory, null, null);
        row(at + 10, text.getString("settings.acme.email"), field("acme-email", values.acmeEmailProperty(), notAcme), null, null);
        row(at + 11, text.getString("settings.acme.root"), field("acme-root", values.acmeRootFileProperty(), notAcme), null, null);
        shown(chooser("acme-root-choose", text, values.acmeRootFileProperty(), notAcme), 2, at + 11);
    }

    /** Adds a node that shows (and takes room) only while there is an address. */
    private void shown(Node node, int column, int row) {
        node.visibleProperty().bind(noAddress.not());
        node.managedProperty().bind(noAddress.not());
        grid.add(node, column, row);
    }

    private static RadioButton radio(String id, String name, WebAddress.CertificateSource source, ToggleGroup group) {
        RadioButton b = new RadioButton(name);
        b.setId(id);
        b.setUserData(source);
        b.setToggleGroup(group);
        return b;
    }

    private static TextField field(String id, StringProperty value, BooleanBinding disabled) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        f.disableProperty().bind(disabled);
        return f;
    }

    private Button chooser(String id, ResourceBundle text, StringProperty into, BooleanBinding disabled) {
        Button choose = new Button(text.getString("settings.bundle.choose"));
        choose.setId(id);
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.disableProperty().bind(disabled);
        choose.setOnAction(e -> {
            java.io.File f = new javafx.stage.FileChooser().showOpenDialog(grid.getScene().getWindow());
            if (f != null) {
                into.set(f.getAbsolutePath());
            }
        });
        return choose;
    }

    private void row(int at, String name, Node field, String errorId, StringBinding error) {
        Label label = new Label(name);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setLabelFor(field);
        field.setAccessibleText(name);
        shown(label, 0, at);
        shown(field, 1, at);
        if (error != null) {
            Label problem = new Label();
            problem.setId(errorId);
            problem.getStyleClass().add("danger");
            problem.textProperty().bind(error);
            shown(problem, 1, at + 1);
        }
    }
}
