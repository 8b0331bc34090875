package com.adaptivestartup.ui.console;

import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A settings view's actions (the Address and Mail tabs), one at a time in the background: busy while one runs (a
 * second is ignored), then one line saying what it did or, as a sentence, why not.
 */
final class ActionResult {
    private final Background background;
    private final Texts words;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper();

    ActionResult(Background background, Texts words) {
        this.background = background;
        this.words = words;
    }

    <T> void run(Supplier<T> work, Function<T, String> done) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        result.set(words.say("action.working"));
        background.run(work, r -> {
            busy.set(false);
            result.set(done.apply(r));
        }, e -> {
            busy.set(false);
            result.set(words.sentence(e.getMessage()));
        });
    }

    /** Says something without running anything (a value refused before asking). */
    void say(String sentence) {
        result.set(sentence);
    }

    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }
}
