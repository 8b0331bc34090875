package com.adaptivestartup.ui.app;

import com.adaptivestartup.ui.Dialogs;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link Dialogs} as JavaFX dialogs over the console's window (modal to it, so they never hide behind it). */
public final class FxDialogs implements Dialogs {
    private final Supplier<Window> owner;

    public FxDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String title, String what, String go) {
        ButtonType goButton = new ButtonType(go, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, what, goButton, ButtonType.CANCEL);
        alert.setHeaderText(title);
        alert.initOwner(owner.get());
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return alert.showAndWait().filter(goButton::equals).isPresent();
    }

    @Override
    public Optional<Path> openFile(String title, String kind, String... patterns) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (patterns.length > 0) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, patterns));
        }
        return path(chooser.showOpenDialog(owner.get()));
    }

    @Override
    public Optional<Path> folder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return path(chooser.showDialog(owner.get()));
    }

    @Override
    public Optional<Path> saveFile(String title, String suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggested);
        return path(chooser.showSaveDialog(owner.get()));
    }

    private static Optional<Path> path(File file) {
        return Optional.ofNullable(file).map(File::toPath);
    }
}
