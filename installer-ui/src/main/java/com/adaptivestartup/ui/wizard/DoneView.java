package com.adaptivestartup.ui.wizard;

import com.adaptivestartup.console.install.InstallResult;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Installed: open the app, and the admin's initial password shown once, with a copy button. */
public final class DoneView extends VBox {

    public DoneView(InstallResult result, ResourceBundle text, Consumer<String> openBrowser) {
        super(12);
        Label running = new Label(text.getString("done.running").replace("{version}", result.version())
                .replace("{url}", result.url()));
        running.setId("done-running");
        Button open = new Button(text.getString("done.open"));
        open.setId("done-open");
        open.getStyleClass().add("accent");
        open.setOnAction(e -> openBrowser.accept(result.url()));
        // the address to copy too, for a browser on another computer (or where none opens here)
        Button copyAddress = new Button(text.getString("done.copy.address"));
        copyAddress.setId("done-copy-address");
        copyAddress.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(result.url());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Label backups = new Label(text.getString("done.backups"));
        backups.setId("done-backups");
        backups.setWrapText(true);
        getChildren().addAll(running, new HBox(8, open, copyAddress), backups);
        if (result.adminPassword() != null) {
            Label who = new Label(text.getString("done.password").replace("{email}", result.adminEmail()));
            who.setWrapText(true);
            TextField password = new TextField(result.adminPassword());
            password.setId("done-password");
            password.setEditable(false);
            password.setAccessibleText(text.getString("done.password.field"));
            Button copy = new Button(text.getString("done.copy"));
            copy.setId("done-copy");
            copy.setOnAction(e -> {
                ClipboardContent c = new ClipboardContent();
                c.putString(result.adminPassword());
                Clipboard.getSystemClipboard().setContent(c);
            });
            getChildren().addAll(who, new HBox(8, password, copy));
        }
    }
}
