package com.adaptivestartup.ui.wizard;

import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The wizard's first step: the license key as the admin pastes or types it (or drops a .lic file, whose
 * text lands here too), and the verdict on it, checked as they type, off the UI thread. A verdict that
 * arrives for text that has changed since is dropped.
 */
public final class LicenseStepViewModel {
    private final Function<String, LicenseVerdict> verifier;
    private final Background background;
    private final ResourceBundle text;
    private final StringProperty key = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper usable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
    private long generation;

    public LicenseStepViewModel(Function<String, LicenseVerdict> verifier, Background background, ResourceBundle text) {
        this.verifier = verifier;
        this.background = background;
        this.text = text;
        verdict.set(text.getString("license.prompt"));
        key.addListener((obs, old, now) -> check(now));
    }

    private void check(String keyText) {
        long mine = ++generation;
        usable.set(false);
        if (keyText == null || keyText.isBlank()) {
            checking.set(false);
            verdict.set(text.getString("license.prompt"));
            return;
        }
        checking.set(true);
        background.run(() -> verifier.apply(keyText), v -> {
            if (mine == generation) {
                checking.set(false);
                usable.set(v.usable());
                verdict.set(v.message());
            }
        }, e -> {
            if (mine == generation) {
                checking.set(false);
                verdict.set(text.getString("license.unreadable") + " " + new Texts(text).clause(e.getMessage()));
            }
        });
    }

    /** The largest file taken as a license: a key is a few kB; anything far larger was dropped by mistake. */
    static final long MAX_FILE = 64 * 1024;

    /**
     * A file dropped on the key: read in the background and put in place of the key (then checked as typed
     * text is); a file too large to be a license, or unreadable, is said and the key is left as it was.
     */
    public void dropped(java.nio.file.Path file) {
        background.run(() -> {
            try {
                long size = java.nio.file.Files.size(file);
                if (size > MAX_FILE) {
                    throw new IllegalArgumentException(Texts.say(text, "license.file.tooLarge", file.getFileName(),
                            size / 1024));
                }
                return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.nio.charset.MalformedInputException e) {
                throw new IllegalArgumentException(Texts.say(text, "license.file.notText", file.getFileName()));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(Texts.say(text, "license.file.unreadable", file.getFileName(),
                        new Texts(text).clause(e.getMessage())));
            }
        }, key::set, e -> verdict.set(e.getMessage()));
    }

    public StringProperty keyProperty() {
        return key;
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty usableProperty() {
        return usable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }
}
