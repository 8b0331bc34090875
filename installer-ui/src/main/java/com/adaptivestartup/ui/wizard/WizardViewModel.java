package com.adaptivestartup.ui.wizard;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The first-run wizard's steps and where the admin is: Next is allowed only when the current step is
 * complete (a usable license; the later steps bind their own conditions as they are built).
 */
public final class WizardViewModel {
    /** The steps, in order; their titles are in the resource bundle under {@code step.<name>}. */
    public enum Step { LICENSE, CHECKS, SETTINGS, INSTALL, DONE }

    private final LicenseStepViewModel license;
    private final SystemCheckViewModel checks;
    private final SettingsViewModel settings;
    private final InstallViewModel install;
    private final ReadOnlyObjectWrapper<Step> current = new ReadOnlyObjectWrapper<>(Step.LICENSE);
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;

    public WizardViewModel(LicenseStepViewModel license, SystemCheckViewModel checks, SettingsViewModel settings,
                           InstallViewModel install) {
        this.license = license;
        this.checks = checks;
        this.settings = settings;
        this.install = install;
        canGoNext = Bindings.createBooleanBinding(() -> switch (current.get()) {
            case LICENSE -> license.usableProperty().get();
            case CHECKS -> checks.passedProperty().get() && !checks.runningProperty().get();
            case SETTINGS -> settings.validProperty().get();
            case INSTALL -> install.resultProperty().get() != null;
            case DONE -> true;   // on into the operator console
        }, current, license.usableProperty(), checks.passedProperty(), checks.runningProperty(), settings.validProperty(),
                install.resultProperty());
        canGoBack = Bindings.createBooleanBinding(() -> switch (current.get()) {
            case CHECKS, SETTINGS -> true;
            case INSTALL -> !install.runningProperty().get() && install.resultProperty().get() == null;
            default -> false;
        }, current, install.runningProperty(), install.resultProperty());
        // Entering a step starts its work: the checks run, the install begins.
        current.subscribe(s -> {
            if (s == Step.CHECKS) {
                checks.run();
            } else if (s == Step.INSTALL) {
                install.start();
            }
        });
    }

    public SystemCheckViewModel checks() {
        return checks;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public InstallViewModel install() {
        return install;
    }

    public List<Step> steps() {
        return List.of(Step.values());
    }

    public LicenseStepViewModel license() {
        return license;
    }

    public ReadOnlyObjectProperty<Step> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public BooleanBinding canGoNextProperty() {
        return canGoNext;
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    public void next() {
        if (current.get() == Step.DONE) {
            finished.set(true);
        } else if (canGoNext.get()) {
            current.set(Step.values()[current.get().ordinal() + 1]);
        }
    }

    private final javafx.beans.property.ReadOnlyBooleanWrapper finished = new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    /** The admin went on from Done: the app shows the operator console in the wizard's place. */
    public javafx.beans.property.ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public void back() {
        if (canGoBack.get()) {
            current.set(Step.values()[current.get().ordinal() - 1]);
        }
    }
}
