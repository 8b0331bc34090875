package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.operate.StackService;
import com.adaptivestartup.ui.Background;
import java.time.Duration;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console's dashboard: the stack's overall state (healthy, degraded, down) and a card per service
 * (state, health, version, uptime, restarts), refreshed by the caller's timer and after every action;
 * Start, Stop and Restart per service, run in the background, with what failed said in a sentence.
 */
public final class DashboardViewModel {
    /** One service's card. */
    public record Card(String service, String state, String health, String version, String uptime, long restarts) {
        public boolean running() {
            return state.equals("running");
        }
    }

    private final StackControl stack;
    private final Background background;
    private final ObservableList<Card> cards = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper overall = new ReadOnlyStringWrapper("unknown");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private boolean refreshing;

    public DashboardViewModel(StackControl stack, Background background) {
        this.stack = stack;
        this.background = background;
    }

    /** Asks the engine again; a refresh still on its way is not doubled. */
    public void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        background.run(stack::status, s -> {
            refreshing = false;
            cards.setAll(s.services().stream().map(DashboardViewModel::card).toList());
            overall.set(s.overall());   // after the cards: whoever watches the overall state sees its services
        }, e -> {
            refreshing = false;
            overall.set("unknown");
            problem.set("The stack's state cannot be read: " + e.getMessage());
        });
    }

    public void start(String service) {
        act(service, stack::start, "start");
    }

    public void stop(String service) {
        act(service, stack::stop, "stop");
    }

    public void restart(String service) {
        act(service, stack::restart, "restart");
    }

    private void act(String service, Consumer<String> action, String verb) {
        busy.set(true);
        problem.set(null);
        background.run(() -> {
            action.accept(service);
            return service;
        }, s -> {
            busy.set(false);
            refresh();
        }, e -> {
            busy.set(false);
            problem.set("Could not " + verb + " " + service + ": " + e.getMessage());
            refresh();
        });
    }

    static Card card(StackService.ServiceStatus s) {
        return new Card(s.service(), s.state(), s.health(), s.version(), uptime(s.uptime()), s.restarts());
    }

    static String uptime(Duration d) {
        if (d == null) {
            return "not running";
        }
        long m = d.toMinutes();
        return m < 1 ? "up " + d.toSeconds() + " s" : m < 120 ? "up " + m + " min" : m < 2880 ? "up " + d.toHours() + " h"
                : "up " + d.toDays() + " days";
    }

    public ObservableList<Card> cards() {
        return cards;
    }

    public ReadOnlyStringProperty overallProperty() {
        return overall.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
