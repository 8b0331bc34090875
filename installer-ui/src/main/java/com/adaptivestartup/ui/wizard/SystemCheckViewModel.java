package com.adaptivestartup.ui.wizard;

import com.adaptivestartup.console.preflight.CheckResult;
import com.adaptivestartup.console.preflight.PreflightService;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The system check: console-core's preflight (Docker running and reachable, its memory and CPUs, disk,
 * the port, the license) as a list of pass/warn/fail, each with its fix, and Retry. Install is allowed only
 * when nothing fails.
 */
public final class SystemCheckViewModel {
    private final Function<PreflightService.Request, List<CheckResult>> preflight;
    private final Supplier<PreflightService.Request> request;
    private final Background background;
    private final ObservableList<CheckResult> results = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper passed = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyObjectWrapper<Integer> freePort = new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final java.util.function.IntConsumer usePort;
    private final java.util.function.IntPredicate portFree;
    private final Texts words;

    public SystemCheckViewModel(Function<PreflightService.Request, List<CheckResult>> preflight,
                                Supplier<PreflightService.Request> request, Background background, ResourceBundle text) {
        this(preflight, request, background, port -> { }, port -> false, text);
    }

    /**
     * With the fix for a web port in use made right here: {@code portFree} tells a free port on this computer,
     * {@code usePort} sets it in the settings; {@link #useFreePort} then checks again.
     */
    public SystemCheckViewModel(Function<PreflightService.Request, List<CheckResult>> preflight,
                                Supplier<PreflightService.Request> request, Background background,
                                java.util.function.IntConsumer usePort, java.util.function.IntPredicate portFree,
                                ResourceBundle text) {
        this.words = new Texts(text);
        this.preflight = preflight;
        this.request = request;
        this.background = background;
        this.usePort = usePort;
        this.portFree = portFree;
    }

    private record Checked(List<CheckResult> results, Integer freePort) {
    }

    /** Runs every check again (the Retry button, and each time the step is shown). */
    public void run() {
        if (running.get()) {
            return;
        }
        running.set(true);
        passed.set(false);
        freePort.set(null);
        PreflightService.Request r = request.get();
        background.run(() -> {
            List<CheckResult> found = preflight.apply(r);
            boolean portTaken = found.stream().anyMatch(c -> c.level() == CheckResult.Level.FAIL && c.name().equals("Web port"));
            return new Checked(found, portTaken ? nextFree(r.httpPort()) : null);
        }, checked -> {
            results.setAll(checked.results());
            freePort.set(checked.freePort());
            passed.set(PreflightService.canInstall(checked.results()));
            running.set(false);
        }, e -> {
            results.setAll(CheckResult.fail(words.say("checks.list"), words.say("checks.unrunnable", words.clause(e.getMessage())),
                    words.say("checks.unrunnable.fix")));
            running.set(false);
        });
    }

    /** The first free port after {@code taken} (8081, 8082, ... then 18080 and on), or null when none is. */
    private Integer nextFree(int taken) {
        for (int p : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(taken + 1, taken + 20),
                java.util.stream.IntStream.rangeClosed(18080, 18099)).toArray()) {
            if (p <= 65535 && portFree.test(p)) {
                return p;
            }
        }
        return null;
    }

    /** The web port in use is fixed here: the free port found goes into the settings and everything is checked again. */
    public void useFreePort() {
        Integer p = freePort.get();
        if (p != null && !running.get()) {
            usePort.accept(p);
            run();
        }
    }

    /** A free port to offer when the web port is in use; null otherwise. */
    public javafx.beans.property.ReadOnlyObjectProperty<Integer> freePortProperty() {
        return freePort.getReadOnlyProperty();
    }

    public ObservableList<CheckResult> results() {
        return results;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty passedProperty() {
        return passed.getReadOnlyProperty();
    }
}
