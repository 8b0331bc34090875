package com.adaptivestartup.ui.console;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;

/**
 * The dashboard's summary: the last backup, what updates offer, the license's days left, and what the installation
 * takes on disk (a warning when little room is left for backups), one tile each.
 */
public final class SummaryTiles extends FlowPane {

    public SummaryTiles(ConsoleSummary summary, ObservableValue<String> license, ObservableValue<String> disk,
                        ObservableValue<Boolean> diskLow) {
        super(10, 10);
        setId("summary");
        Label backup = tile("summary-backup", summary.lastBackupProperty());
        summary.backupMissingProperty().subscribe(missing -> style(backup, missing ? "warning" : null));
        Label updates = tile("summary-updates", summary.updatesProperty());
        summary.updateWaitingProperty().subscribe(waiting -> style(updates, waiting ? "accent" : null));
        Label space = tile("summary-disk", disk);
        diskLow.subscribe(low -> style(space, low ? "warning" : null));
        getChildren().addAll(backup, updates, tile("summary-license", license), space);
    }

    private static Label tile(String id, ObservableValue<String> value) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(value);
        l.setPadding(new Insets(6, 10, 6, 10));
        l.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 6; -fx-background-radius: 6;");
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static void style(Label l, String kind) {
        l.getStyleClass().setAll(kind == null ? java.util.List.of("label") : java.util.List.of("label", kind));
    }
}
