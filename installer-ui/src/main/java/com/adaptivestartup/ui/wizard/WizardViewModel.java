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
    private final ReadOnlyObjectWrapper<Step> current = new ReadOnlyObjectWrapper<>(Step.LICENSE);
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;

    public WizardViewModel(LicenseStepViewModel license) {
        this.license = license;
        canGoNext = Bindings.createBooleanBinding(() -> switch (current.get()) {
            case LICENSE -> license.usableProperty().get();
            case DONE -> false;
            default -> true;
        }, current, license.usableProperty());
        canGoBack = Bindings.createBooleanBinding(() -> current.get() != Step.LICENSE && current.get() != Step.DONE, current);
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
        if (canGoNext.get()) {
            current.set(Step.values()[current.get().ordinal() + 1]);
        }
    }

    public void back() {
        if (canGoBack.get()) {
            current.set(Step.values()[current.get().ordinal() - 1]);
        }
    }
}
