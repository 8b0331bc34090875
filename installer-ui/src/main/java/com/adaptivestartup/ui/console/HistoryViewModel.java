package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.state.History;
import com.adaptivestartup.ui.Background;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The History view: every operation on the installation, newest first, with its outcome and last word. */
public final class HistoryViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One operation as listed. */
    public record Row(String when, String operation, String outcome, String detail) {
    }

    private final Supplier<List<History.Operation>> history;
    private final Background background;
    private final ZoneId zone;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();

    public HistoryViewModel(Supplier<List<History.Operation>> history, Background background, ZoneId zone) {
        this.history = history;
        this.background = background;
        this.zone = zone;
    }

    public void refresh() {
        background.run(history, ops -> {
            problem.set(null);
            rows.setAll(ops.stream().map(this::row).toList());
        }, e -> problem.set("The history cannot be read: " + e.getMessage()));
    }

    Row row(History.Operation o) {
        String when;
        try {
            when = WHEN.format(Instant.parse(o.started()).atZone(zone));
        } catch (java.time.format.DateTimeParseException e) {
            when = o.started();
        }
        String outcome = switch (o.outcome()) {
            case "done" -> "done";
            case "failed" -> "failed";
            default -> "did not finish";
        };
        return new Row(when, o.name(), outcome, o.detail());
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
