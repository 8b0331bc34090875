package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.support.SupportBundle;
import com.adaptivestartup.ui.Background;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Support view: build the support bundle, read every file of it exactly as it will be sent (secrets
 * already taken out), then save it. Nothing is saved that was not shown.
 */
public final class SupportViewModel {
    private final SupportOperations support;
    private final Background background;
    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper content = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Build the bundle to see what it holds.");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private SupportBundle.Preview preview;

    public SupportViewModel(SupportOperations support, Background background) {
        this.support = support;
        this.background = background;
    }

    public void build() {
        status.set("Gathering the status, the history and the logs\u2026");
        ready.set(false);
        background.run(support::preview, p -> {
            preview = p;
            files.setAll(p.entries().stream().map(SupportBundle.Entry::name).toList());
            content.set(null);
            ready.set(true);
            status.set(p.entries().size() + " files, " + Math.max(1, p.size() / 1000) + " kB, secrets taken out. Read"
                    + " them, then save.");
        }, e -> status.set("The bundle cannot be built: " + e.getMessage()));
    }

    public void show(String file) {
        if (preview != null) {
            preview.entries().stream().filter(e -> e.name().equals(file)).findFirst()
                    .ifPresent(e -> content.set(e.content()));
        }
    }

    public void save(Path file) {
        SupportBundle.Preview p = preview;
        background.run(() -> support.save(p, file), f -> status.set("Saved " + f + ". Send it to Adaptive Startup's support."),
                e -> status.set("The bundle cannot be saved: " + e.getMessage()));
    }

    public String suggestedFileName() {
        return preview == null ? "adaptive-support.zip" : "adaptive-support-" + preview.project() + ".zip";
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
