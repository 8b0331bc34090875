package com.adaptivestartup.ui.console;

import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Logs view: a service's recent lines, following new ones as they come, a search that narrows what is
 * shown (with how many lines match), copy and save of what is shown. Each line begins with its time, on this
 * computer's clock. At most {@value #KEEP} lines are kept (the oldest go), so a chatty service followed for hours
 * does not grow the console's memory.
 */
public final class LogsViewModel {
    static final int KEEP = 5000;
    private static final int TAIL = 500;
    private final LogOperations logs;
    private final Background background;
    private final ObservableList<String> services = FXCollections.observableArrayList();
    private final StringProperty service = new SimpleStringProperty();
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final FilteredList<String> shown = new FilteredList<>(lines);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty following = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper count = new ReadOnlyStringWrapper("");
    private final java.time.ZoneId zone;
    private AutoCloseable follow;

    private final Texts words;
    private final com.adaptivestartup.ui.Dialogs dialogs;

    /** {@code zone}: the one lines' times are shown in. */
    public LogsViewModel(LogOperations logs, Background background, com.adaptivestartup.ui.Dialogs dialogs,
                         java.time.ZoneId zone, java.util.ResourceBundle text) {
        this.dialogs = dialogs;
        this.words = new Texts(text);
        this.logs = logs;
        this.background = background;
        this.zone = zone;
        shown.addListener((javafx.collections.ListChangeListener<String>) c -> count());
        search.addListener((o, a, typed) -> {
            String needle = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(needle.isEmpty() ? null : l -> l.toLowerCase(Locale.ROOT).contains(needle));
            count();
        });
        service.addListener((o, a, b) -> {
            stopFollowing();
            following.set(false);
            load();
        });
        following.addListener((o, a, on) -> {
            if (on) {
                startFollowing();
            } else {
                stopFollowing();
            }
        });
    }

    /** Lists the services and shows the first one's log. */
    public void refresh() {
        background.run(logs::services, list -> {
            services.setAll(list);
            if (service.get() == null && !list.isEmpty()) {
                service.set(list.get(0));
            }
        }, e -> status.set(words.say("logs.unlisted", words.clause(e.getMessage()))));
    }

    private void load() {
        String s = service.get();
        if (s == null) {
            return;
        }
        status.set(words.say("logs.reading", s));
        background.run(() -> logs.tail(s, TAIL), l -> {
            List<String> local = (l.size() > KEEP ? l.subList(l.size() - KEEP, l.size()) : l).stream()
                    .map(this::local).toList();
            lines.setAll(local);
            status.set(words.say("logs.last", l.size(), s));
        }, e -> status.set(words.say("logs.unreadable", s, words.clause(e.getMessage()))));
    }

    private void startFollowing() {
        String s = service.get();
        Consumer<String> append = background.onUiThread(this::append);
        background.run(() -> logs.follow(s, append), handle -> {
            if (!following.get() || !s.equals(service.get())) {
                close(handle);   // switched off, or to another service, while it was starting
                return;
            }
            follow = handle;
            status.set(words.say("logs.following", s));
        }, e -> {
            following.set(false);
            status.set(words.say("logs.unfollowable", s, words.clause(e.getMessage())));
        });
    }

    private void append(String line) {
        lines.add(local(line));
        if (lines.size() > KEEP) {
            lines.remove(0, lines.size() - KEEP);
        }
    }

    private void stopFollowing() {
        if (follow != null) {
            close(follow);
            follow = null;
        }
    }

    private static void close(AutoCloseable handle) {
        try {
            handle.close();
        } catch (Exception e) {
            // the stream is gone either way
        }
    }

    private static final java.util.regex.Pattern STAMP = java.util.regex.Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z) ");
    private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm:ss");

    /** A line from the engine with its time (RFC 3339, UTC) as this computer's local time; a line without one as it is. */
    String local(String line) {
        java.util.regex.Matcher m = STAMP.matcher(line);
        if (!m.find()) {
            return line;
        }
        try {
            return SHOWN.format(java.time.Instant.parse(m.group(1)).atZone(zone)) + "  " + line.substring(m.end());
        } catch (java.time.format.DateTimeParseException e) {
            return line;
        }
    }

    private void count() {
        String needle = search.get() == null ? "" : search.get().strip();
        count.set(lines.isEmpty() ? "" : needle.isEmpty() ? words.say("logs.count", lines.size())
                : words.say("logs.matching", shown.size(), lines.size(), needle));
    }


    /** How many lines are shown: all of them, or how many match the search ("12 of 500 lines match “error”"). */
    public ReadOnlyStringProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** The lines shown (the search applied), for the clipboard. */
    public String shownText() {
        return String.join("\n", shown);
    }

    /** Saves the lines shown (the search applied) where the admin chooses. */
    public void askToSave() {
        dialogs.saveFile(words.say("logs.save.title"), (service.get() == null ? "adaptive" : service.get()) + ".log")
                .ifPresent(this::save);
    }

    private void save(Path file) {
        List<String> copy = List.copyOf(shown);
        background.run(() -> {
            try {
                Files.write(file, copy, StandardCharsets.UTF_8);
                return file;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(words.say("logs.unwritable", file, e.getMessage()), e);
            }
        }, f -> status.set(words.say("logs.saved", copy.size(), f)), e -> status.set(words.sentence(e.getMessage())));
    }

    /** Stops following (the view is closed). */
    public void close() {
        following.set(false);
        stopFollowing();
    }

    public ObservableList<String> services() {
        return services;
    }

    public StringProperty serviceProperty() {
        return service;
    }

    public ObservableList<String> shownLines() {
        return shown;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty followingProperty() {
        return following;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
