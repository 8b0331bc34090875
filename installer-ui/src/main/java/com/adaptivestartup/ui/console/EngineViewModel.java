package com.adaptivestartup.ui.console;

import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Engine view: which Docker engine the console uses and where that choice comes from, and choosing another (an
 * address or a context, saved only once it answers) or this machine's own. A choice the environment makes
 * (DOCKER_HOST, DOCKER_CONTEXT) wins over the setting, and the view says so. The console uses a new choice from its
 * next start: what is running keeps the engine it has.
 */
public final class EngineViewModel {
    private final EngineOperations engines;
    private final Texts words;
    private final Background background;
    private final ReadOnlyStringWrapper chosenBy = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper answers = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper environmentDecides = new ReadOnlyBooleanWrapper(false);
    private final StringProperty address = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public EngineViewModel(EngineOperations engines, Background background, ResourceBundle text) {
        this.engines = engines;
        this.words = new Texts(text);
        this.background = background;
    }

    public void refresh() {
        background.run(engines::current, this::show, e -> engine.set(words.sentence(e.getMessage())));
    }

    private void show(EngineOperations.Current current) {
        chosenBy.set(current.chosenBy());
        engine.set(current.engine());
        answers.set(current.answers());
        environmentDecides.set(current.environmentDecides());
    }

    /** Saves the address or context typed, once that engine answers. */
    public void choose() {
        String typed = address.get() == null ? "" : address.get().strip();
        if (typed.isEmpty()) {
            result.set(words.say("engine.typeAddress"));
            return;
        }
        busy.set(true);
        result.set(words.say("engine.reaching", typed));
        background.run(() -> engines.choose(typed), said -> {
            busy.set(false);
            address.set("");
            result.set(words.say("engine.saved", said));
            refresh();
        }, e -> {
            busy.set(false);
            result.set(words.sentence(e.getMessage()));
        });
    }

    public void useThisMachine() {
        background.run(() -> {
            engines.useThisMachine();
            return null;
        }, none -> {
            result.set(words.say("engine.thisMachine"));
            refresh();
        }, e -> result.set(words.sentence(e.getMessage())));
    }

    public ReadOnlyStringProperty chosenByProperty() {
        return chosenBy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty answersProperty() {
        return answers.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty environmentDecidesProperty() {
        return environmentDecides.getReadOnlyProperty();
    }

    public StringProperty addressProperty() {
        return address;
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
