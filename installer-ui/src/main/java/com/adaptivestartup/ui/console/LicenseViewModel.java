package com.adaptivestartup.ui.console;

import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.ui.Background;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The License view: the verdict on the installation's license today, who it is for, what it allows, how long
 * it runs (a countdown), and replacing it with a renewed key (checked first; a refused key changes nothing).
 */
public final class LicenseViewModel {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private final LicenseOperations licenses;
    private final Background background;
    private final Clock clock;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper usable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper holder = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper entitlements = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final StringProperty newKey = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper replaceResult = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper heartbeatOffered = new ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.BooleanProperty heartbeatOn = new javafx.beans.property.SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper standing = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper heartbeatResult = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper clockResetOffered = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper clockResult = new ReadOnlyStringWrapper();

    public LicenseViewModel(LicenseOperations licenses, Background background, Clock clock, ZoneId zone) {
        this.licenses = licenses;
        this.background = background;
        this.clock = clock;
        this.zone = zone;
    }

    public void refresh() {
        background.run(licenses::current, this::show, e -> verdict.set(e.getMessage()));
        background.run(licenses::heartbeat, this::show, e -> heartbeatResult.set(e.getMessage()));
    }

    private void show(LicenseOperations.Heartbeat h) {
        heartbeatOffered.set(h.offered());
        heartbeatOn.set(h.on());
        standing.set(h.standing() != null ? h.standing() : h.on() ? "Nothing heard from the vendor yet." : null);
    }

    /** Turns the heartbeat on or off, as the admin ticked it; a refusal puts the tick back. */
    public void heartbeat(boolean on) {
        background.run(() -> licenses.heartbeat(on), h -> {
            show(h);
            heartbeatResult.set(on ? "The heartbeat is on: once a day while the console runs." : "The heartbeat is off.");
        }, e -> {
            heartbeatOn.set(!on);
            heartbeatResult.set(e.getMessage());
        });
    }

    public void sendHeartbeat() {
        background.run(licenses::sendHeartbeat, h -> {
            show(h);
            heartbeatResult.set("Sent.");
        }, e -> heartbeatResult.set(e.getMessage()));
    }

    /** The daily send, while the console runs: quiet unless it brings a new standing. */
    public void sendHeartbeatIfDue() {
        background.run(licenses::sendHeartbeatIfDue, this::show, e -> heartbeatResult.set(e.getMessage()));
    }

    private void show(LicenseVerdict v) {
        verdict.set(v.usable() ? v.message() : "Not usable: " + v.message());
        usable.set(v.usable());
        clockResetOffered.set(v instanceof LicenseVerdict.ClockSetBack c
                && c.source() == LicenseVerdict.ClockSetBack.Evidence.SEEN_BEFORE);
        v.readLicense().ifPresentOrElse(l -> {
            holder.set(l.customerName() + " (" + l.customerId() + "), " + l.edition().name().toLowerCase(Locale.ROOT)
                    + " edition, " + l.seats() + " seats");
            entitlements.set("Features: " + (l.features().isEmpty() ? "none beyond the edition"
                    : String.join(", ", new TreeSet<>(l.features()))) + ". Updates: channel " + l.updateChannel()
                    + (l.maxVersion() == null ? "" : ", up to version " + l.maxVersion())
                    + (l.updatesUntil() == null ? "" : ", released until " + DAY.format(l.updatesUntil())) + ".");
            countdown.set(countdown(l));
            long days = Duration.between(clock.instant(), l.expiresAt()).toDays();
            headline.set(!v.usable() ? "License not usable" : days > 1 ? "Licensed, " + days + " days left"
                    : "Licensed: renew now");
        }, () -> {
            headline.set("No license");
            holder.set(null);
            entitlements.set(null);
            countdown.set(null);
        });
    }

    String countdown(License l) {
        long days = Duration.between(clock.instant(), l.expiresAt()).toDays();
        String date = DAY.format(l.expiresAt().atZone(zone));
        return days > 1 ? "Expires on " + date + ", in " + days + " days."
                : days >= 0 && clock.instant().isBefore(l.expiresAt()) ? "Expires on " + date + ", within a day: renew it now."
                : "Expired on " + date + ".";
    }

    public void replace() {
        String key = newKey.get();
        if (key == null || key.isBlank()) {
            replaceResult.set("Paste the renewed license key first.");
            return;
        }
        background.run(() -> licenses.replace(key), v -> {
            newKey.set("");
            replaceResult.set("The new license is in use.");
            show(v);
        }, e -> replaceResult.set(e.getMessage()));
    }

    /** The clock check had seen a later time and the admin says the clock is right now: reset it (journaled). */
    public void resetClock() {
        background.run(licenses::resetClock, v -> {
            clockResult.set("The clock check was reset to this computer's clock; the reset is in the history.");
            show(v);
        }, e -> clockResult.set(e.getMessage()));
    }

    /** Offered only when the license was refused because the clock is earlier than a time seen before. */
    public ReadOnlyBooleanProperty clockResetOfferedProperty() {
        return clockResetOffered.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty clockResultProperty() {
        return clockResult.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty usableProperty() {
        return usable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty holderProperty() {
        return holder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty entitlementsProperty() {
        return entitlements.getReadOnlyProperty();
    }

    /** The license in a few words, for the console's header: "Licensed, 23 days left", "License not usable". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }

    public StringProperty newKeyProperty() {
        return newKey;
    }

    public ReadOnlyBooleanProperty heartbeatOfferedProperty() {
        return heartbeatOffered.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty heartbeatOnProperty() {
        return heartbeatOn;
    }

    public ReadOnlyStringProperty standingProperty() {
        return standing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty heartbeatResultProperty() {
        return heartbeatResult.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty replaceResultProperty() {
        return replaceResult.getReadOnlyProperty();
    }
}
