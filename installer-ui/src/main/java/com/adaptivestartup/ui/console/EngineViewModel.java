package com.adaptivestartup.ui.console;

import com.adaptivestartup.ui.Background;
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
    static final String NEXT_START = " The console uses it from its next start.";
    private final EngineOperations engines;
    private final Background background;
    private final ReadOnlyStringWrapper chosenBy = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper answers = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper environmentDecides = new ReadOnlyBooleanWrapper(false);
    private final StringProperty address = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public EngineViewModel(EngineOperations engines, Background background) {
        this.engines = engines;
        this.background = background;
    }

    public void refresh() {
        background.run(engines::current, this::show, e -> engine.set(e.getMessage()));
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
            result.set("Type an engine's address (unix:///path/docker.sock, tcp://host:2376, ssh://user@host) or a Docker"
                    + " context's name.");
            return;
        }
        busy.set(true);
        result.set("Reaching " + typed + "…");
        background.run(() -> engines.choose(typed), said -> {
            busy.set(false);
            address.set("");
            result.set("Saved: " + said + "." + NEXT_START);
            refresh();
        }, e -> {
            busy.set(false);
            result.set(e.getMessage());
        });
    }

    public void useThisMachine() {
        background.run(() -> {
            engines.useThisMachine();
            return null;
        }, none -> {
            result.set("The console looks for the engine in this machine's usual places." + NEXT_START);
            refresh();
        }, e -> result.set(e.getMessage()));
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
