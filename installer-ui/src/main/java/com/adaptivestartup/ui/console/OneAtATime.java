package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A view's operations, one at a time, in the background: busy while one runs (a second is ignored), its
 * steps as progress, its outcome as a sentence, or what failed as one; then {@code afterwards} (a refresh).
 */
final class OneAtATime {
    private final Background background;
    private final Texts words;
    private final Runnable afterwards;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();

    OneAtATime(Background background, Texts words, Runnable afterwards) {
        this.background = background;
        this.words = words;
        this.afterwards = afterwards;
    }

    /** Runs {@code work}; {@code said} turns its result into the sentence shown when it succeeds. */
    void run(String what, Supplier<String> work, Function<String, String> said) {
        run(what, work, said, sentence -> { });
    }

    /** As {@link #run(String, Supplier, Function)}; {@code failed} also hears what failed, as the sentence shown. */
    void run(String what, Supplier<String> work, Function<String, String> said, java.util.function.Consumer<String> failed) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        problem.set(null);
        progress.set(what + "\u2026");
        background.run(work, r -> {
            busy.set(false);
            progress.set(said.apply(r));
            afterwards.run();
        }, e -> {
            busy.set(false);
            progress.set(null);
            problem.set(words.say("action.failed", what, words.clause(e.getMessage())));
            failed.accept(problem.get());
            afterwards.run();
        });
    }

    /** Progress lines from the background, shown as they come: "… step" when started, "✓ step" when done. */
    Journal.Progress steps() {
        var onUi = background.<String>onUiThread(progress::set);
        return (step, status) -> onUi.accept((status.equals("started") ? "\u2026 " : "\u2713 ") + step);
    }

    /** A progress line from the background (a download's percentage). */
    java.util.function.Consumer<String> progressLine() {
        return background.onUiThread(progress::set);
    }

    /** A problem outside any operation (a list that cannot be read). */
    void problem(String sentence) {
        problem.set(sentence);
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
