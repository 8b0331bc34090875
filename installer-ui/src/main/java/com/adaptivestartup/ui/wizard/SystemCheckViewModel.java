package com.adaptivestartup.ui.wizard;

import com.adaptivestartup.console.preflight.CheckResult;
import com.adaptivestartup.console.preflight.PreflightService;
import com.adaptivestartup.ui.Background;
import java.util.List;
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

    public SystemCheckViewModel(Function<PreflightService.Request, List<CheckResult>> preflight,
                                Supplier<PreflightService.Request> request, Background background) {
        this.preflight = preflight;
        this.request = request;
        this.background = background;
    }

    /** Runs every check again (the Retry button, and each time the step is shown). */
    public void run() {
        if (running.get()) {
            return;
        }
        running.set(true);
        passed.set(false);
        PreflightService.Request r = request.get();
        background.run(() -> preflight.apply(r), found -> {
            results.setAll(found);
            passed.set(PreflightService.canInstall(found));
            running.set(false);
        }, e -> {
            results.setAll(CheckResult.fail("System check", "could not run: " + e.getMessage(), "try again"));
            running.set(false);
        });
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
