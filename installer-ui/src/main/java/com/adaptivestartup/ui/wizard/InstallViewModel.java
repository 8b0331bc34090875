package com.adaptivestartup.ui.wizard;

import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The install with live progress: console-core's install run in the background, each step as a row
 * (started, done) and each image's download as MB done of total, delivered on the UI thread. Cancel stops it
 * at the next step or during a download (a first install is then taken down again). On failure: the reason,
 * the last log lines, and Retry (install converges, so running it again is safe).
 */
public final class InstallViewModel {
    /** One line of progress. */
    public record Row(String step, String status) {
    }

    /** One image's download; {@code bytesPerSecond} since its first bytes (0 until there is a second reading). */
    public record Download(String service, long current, long total, long bytesPerSecond) {
    }

    private final BiFunction<InstallRequest, InstallListener, InstallResult> installer;
    private final Supplier<InstallRequest> request;
    private final Background background;
    private final Texts words;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Download> downloads = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(false);
    private final java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper();
    private final ObservableList<String> lastLogLines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<InstallResult> result = new ReadOnlyObjectWrapper<>();

    public InstallViewModel(BiFunction<InstallRequest, InstallListener, InstallResult> installer,
                            Supplier<InstallRequest> request, Background background, ResourceBundle text) {
        this.words = new Texts(text);
        this.installer = installer;
        this.request = request;
        this.background = background;
    }

    public void start() {
        if (running.get() || result.get() != null) {
            return;
        }
        running.set(true);
        cancel.set(false);
        cancelling.set(false);
        failure.set(null);
        lastLogLines.clear();
        rows.clear();
        downloads.clear();
        downloadIndex.clear();
        firstSeen.clear();
        Consumer<Row> step = background.onUiThread(this::step);
        Consumer<Download> pull = background.onUiThread(this::pull);
        InstallRequest r = request.get();
        background.run(() -> installer.apply(r, new InstallListener() {
            public void step(String name, String message) {
                step.accept(new Row(name, message));
            }

            public void pull(String service, long current, long total) {
                pull.accept(new Download(service, current, total, 0));
            }

            public boolean cancelled() {
                return cancel.get();
            }
        }), done -> {
            running.set(false);
            result.set(done);
        }, e -> {
            running.set(false);
            cancelling.set(false);
            failure.set(cancel.get() ? words.say("install.cancelled")
                    : e instanceof InstallFailed f ? words.say("install.failedAt", f.step(), words.clause(f.getMessage()))
                    : words.say("install.failed", words.clause(e.getMessage())));
            if (e instanceof InstallFailed f) {
                lastLogLines.setAll(f.lastLogLines());
            }
        });
    }

    /** Asks the install to stop; it does at its next step, or during a download. */
    public void cancel() {
        if (running.get()) {
            cancel.set(true);
            cancelling.set(true);
            step(new Row("cancel", "stopping at the next step\u2026"));
        }
    }

    private void step(Row row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).step().equals(row.step())) {
                rows.set(i, row);
                return;
            }
        }
        rows.add(row);
    }

    private final Map<String, Integer> downloadIndex = new LinkedHashMap<>();
    private final Map<String, long[]> firstSeen = new LinkedHashMap<>();
    private java.util.function.LongSupplier nanoTime = System::nanoTime;

    /** For tests: the clock the download rates are measured with. */
    void clock(java.util.function.LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    private void pull(Download reported) {
        long now = nanoTime.getAsLong();
        long[] first = firstSeen.computeIfAbsent(reported.service(), k -> new long[] {now, reported.current()});
        long elapsed = now - first[0];
        Download d = new Download(reported.service(), reported.current(), reported.total(),
                elapsed < 500_000_000L ? 0 : (reported.current() - first[1]) * 1_000_000_000L / elapsed);
        Integer i = downloadIndex.get(d.service());
        if (i != null && i < downloads.size()) {
            downloads.set(i, d);
        } else {
            downloadIndex.put(d.service(), downloads.size());
            downloads.add(d);
        }
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<Download> downloads() {
        return downloads;
    }

    public ObservableList<String> lastLogLines() {
        return lastLogLines;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<InstallResult> resultProperty() {
        return result.getReadOnlyProperty();
    }
}
