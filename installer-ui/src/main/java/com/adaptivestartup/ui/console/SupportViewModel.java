package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.support.SupportBundle;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Dialogs;
import com.adaptivestartup.console.operate.Sizes;
import com.adaptivestartup.ui.Texts;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Support view: build the support bundle, read every file of it exactly as it will be sent (secrets
 * already taken out), then save it where the admin chooses. Nothing is saved that was not shown.
 */
public final class SupportViewModel {
    private final SupportOperations support;
    private final Background background;
    private final Dialogs dialogs;
    private final Texts words;
    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper content = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private SupportBundle.Preview preview;

    public SupportViewModel(SupportOperations support, Background background, Dialogs dialogs, ResourceBundle text) {
        this.support = support;
        this.background = background;
        this.dialogs = dialogs;
        this.words = new Texts(text);
        status.set(words.say("support.status.start"));
    }

    public void build() {
        status.set(words.say("support.status.gathering"));
        ready.set(false);
        background.run(support::preview, p -> {
            preview = p;
            files.setAll(p.entries().stream().map(SupportBundle.Entry::name).toList());
            content.set(null);
            ready.set(true);
            status.set(words.say("support.status.built", p.entries().size(), Sizes.human(p.size())));
        }, e -> status.set(words.say("support.status.buildFailed", words.clause(e.getMessage()))));
    }

    public void show(String file) {
        if (preview != null) {
            preview.entries().stream().filter(e -> e.name().equals(file)).findFirst()
                    .ifPresent(e -> content.set(e.content()));
        }
    }

    /** Saves the bundle just read where the admin chooses. */
    public void askToSave() {
        SupportBundle.Preview p = preview;
        if (p == null) {
            return;
        }
        dialogs.saveFile(words.say("support.save.title"), "adaptive-support-" + p.project() + ".zip").ifPresent(file ->
                background.run(() -> support.save(p, file), f -> status.set(words.say("support.status.saved", f)),
                        e -> status.set(words.say("support.status.saveFailed", words.clause(e.getMessage())))));
    }

    public ObservableList<String> files() {
        return files;
    }

    public ReadOnlyStringProperty contentProperty() {
        return content.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }
}
