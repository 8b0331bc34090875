package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.state.History;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The History view: every operation on the installation, newest first, with its outcome and last word. */
public final class HistoryViewModel {

    /** One operation as listed. */
    public record Row(String when, String operation, String outcome, String detail) {
    }

    private final Supplier<List<History.Operation>> history;
    private final Background background;
    private final ZoneId zone;
    private final Texts words;
    private final DateTimeFormatter when;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();

    public HistoryViewModel(Supplier<List<History.Operation>> history, Background background, ZoneId zone,
                            ResourceBundle text) {
        this.history = history;
        this.background = background;
        this.zone = zone;
        this.words = new Texts(text);
        this.when = DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM).withLocale(words.locale());
    }

    public void refresh() {
        background.run(history, ops -> {
            problem.set(null);
            rows.setAll(ops.stream().map(this::row).toList());
        }, e -> problem.set(words.say("history.unreadable", words.clause(e.getMessage()))));
    }

    Row row(History.Operation o) {
        String started;
        try {
            started = when.format(Instant.parse(o.started()).atZone(zone));
        } catch (java.time.format.DateTimeParseException e) {
            started = o.started();
        }
        String outcome = switch (o.outcome()) {
            case "done" -> words.say("history.outcome.done");
            case "failed" -> words.say("history.outcome.failed");
            default -> words.say("history.outcome.unfinished");
        };
        return new Row(started, o.name(), outcome, o.detail());
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
