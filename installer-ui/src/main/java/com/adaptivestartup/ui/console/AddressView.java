package com.adaptivestartup.ui.console;

import com.adaptivestartup.ui.CertificateFields;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Address tab: the link people use (open, copy), the certificate and its warning, the address form with the
 * HTTPS port and the certificate's source, and Apply, Renew now, Back to plain HTTP, Export authority and Trust on
 * this computer.
 */
public final class AddressView extends VBox {

    public AddressView(AddressViewModel model, ResourceBundle text, Consumer<String> openBrowser) {
        super(10);
        setPadding(new Insets(24));
        Label summary = BoundLabels.wrapped("address-summary", model.summaryProperty());
        Label certificate = BoundLabels.wrapped("address-certificate", model.certificateProperty());

        TextField host = new TextField();
        host.setId("address-host");
        host.setPromptText(text.getString("settings.address.prompt"));
        host.setAccessibleText(text.getString("address.host"));
        host.setPrefColumnCount(30);
        host.textProperty().bindBidirectional(model.hostProperty());
        Label hostLabel = new Label(text.getString("address.host"));
        hostLabel.setLabelFor(host);
        javafx.scene.layout.GridPane fields = new javafx.scene.layout.GridPane();
        fields.setHgap(12);
        fields.setVgap(4);
        fields.add(hostLabel, 0, 0);
        fields.add(host, 1, 0);
        new CertificateFields(fields, 1, model.certificate(), null, null,
                Bindings.createBooleanBinding(() -> model.hostProperty().get().isBlank(), model.hostProperty()), text);

        Button apply = button("address-apply", text.getString("address.apply"), model::apply);
        apply.textProperty().bind(Bindings.when(model.hasAddressProperty()).then(text.getString("address.change"))
                .otherwise(text.getString("address.apply")));
        Button renew = button("address-renew", text.getString("address.renew"), model::renew);
        renew.visibleProperty().bind(model.madeHereProperty());
        renew.managedProperty().bind(renew.visibleProperty());
        Button clear = button("address-clear", text.getString("address.clear"), model::askToClear);
        clear.visibleProperty().bind(model.hasAddressProperty());
        clear.managedProperty().bind(clear.visibleProperty());
        Button export = button("address-export-ca", text.getString("address.export"), model::askToExport);
        Button trust = button("address-trust-ca", text.getString("address.trust"), model::askToTrust);
        for (Button b : new Button[] {export, trust}) {
            b.visibleProperty().bind(model.hasAuthorityProperty());
            b.managedProperty().bind(b.visibleProperty());
        }
        for (Button b : new Button[] {apply, renew, clear, export, trust}) {
            b.disableProperty().bind(model.busyProperty());
        }
        Label result = BoundLabels.wrapped("address-result", model.resultProperty());
        // the certificate's warning is the link's (as on the dashboard), said once
        getChildren().addAll(new AddressLink(model, text, openBrowser), summary, certificate,
                fields, new HBox(12, apply, renew, clear), new HBox(12, export, trust), result);
    }

    private static Button button(String id, String name, Runnable action) {
        Button b = new Button(name);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** The link people use, to open or copy, with the certificate's warning under it: on the dashboard too. */
    public static final class AddressLink extends VBox {
        public AddressLink(AddressViewModel model, ResourceBundle text, Consumer<String> openBrowser) {
            super(4);
            Hyperlink link = new Hyperlink();
            link.setId("address-link");
            link.textProperty().bind(model.linkProperty());
            link.setOnAction(e -> openBrowser.accept(model.linkProperty().get()));
            Button copy = new Button(text.getString("address.copy"));
            copy.setId("address-copy");
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(model.linkProperty().get());
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            });
            copy.disableProperty().bind(model.linkProperty().isEmpty());
            Label warning = BoundLabels.wrapped("address-link-warning", model.warningProperty());
            warning.getStyleClass().add("warning");
            warning.managedProperty().bind(warning.textProperty().isNotEmpty());
            getChildren().addAll(new HBox(8, new Label(text.getString("address.people")), link, copy), warning);
        }
    }
}
