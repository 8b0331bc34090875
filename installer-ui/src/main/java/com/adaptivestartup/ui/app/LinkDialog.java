package com.adaptivestartup.ui.app;

import java.util.ResourceBundle;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Where no browser could be opened: says so, and gives the link to copy into a browser on any computer. */
final class LinkDialog {
    private LinkDialog() {
    }

    static void show(Window owner, ResourceBundle text, String url, String why) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle(text.getString("open.failed.title"));
        alert.setHeaderText(text.getString("open.failed.header"));
        TextField link = new TextField(url);
        link.setId("open-failed-link");
        link.setEditable(false);
        link.setAccessibleText(text.getString("open.failed.link"));
        Label reason = new Label(Character.toUpperCase(why.charAt(0)) + why.substring(1) + ".");
        reason.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(8, reason, link));
        ButtonType copy = new ButtonType(text.getString("open.failed.copy"), ButtonBar.ButtonData.LEFT);
        alert.getButtonTypes().setAll(copy, ButtonType.CLOSE);
        alert.showAndWait().filter(copy::equals).ifPresent(b -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(url);
            Clipboard.getSystemClipboard().setContent(c);
        });
    }
}
