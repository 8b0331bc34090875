package com.adaptivestartup.ui.console;

import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Texts;
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
    private final DateTimeFormatter day;
    private final Texts words;
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

    /** {@code text}: the console's texts (its locale also words the dates). */
    public LicenseViewModel(LicenseOperations licenses, Background background, Clock clock, ZoneId zone,
                            java.util.ResourceBundle text) {
        this.words = new Texts(text);
        this.day = DateTimeFormatter.ofPattern("d MMMM yyyy", text.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH
                : text.getLocale());
        this.licenses = licenses;
        this.background = background;
        this.clock = clock;
        this.zone = zone;
    }

    public void refresh() {
        background.run(licenses::current, this::show, e -> verdict.set(words.sentence(e.getMessage())));
        background.run(licenses::heartbeat, this::show, e -> heartbeatResult.set(words.sentence(e.getMessage())));
    }

    private void show(LicenseOperations.Heartbeat h) {
        heartbeatOffered.set(h.offered());
        heartbeatOn.set(h.on());
        standing.set(h.standing() != null ? h.standing() : h.on() ? words.say("license.heartbeat.none") : null);
    }

    /** Turns the heartbeat on or off, as the admin ticked it; a refusal puts the tick back. */
    public void heartbeat(boolean on) {
        background.run(() -> licenses.heartbeat(on), h -> {
            show(h);
            heartbeatResult.set(words.say(on ? "license.heartbeat.on" : "license.heartbeat.off"));
        }, e -> {
            heartbeatOn.set(!on);
            heartbeatResult.set(words.sentence(e.getMessage()));
        });
    }

    public void sendHeartbeat() {
        background.run(licenses::sendHeartbeat, h -> {
            show(h);
            heartbeatResult.set(words.say("license.heartbeat.sent"));
        }, e -> heartbeatResult.set(words.sentence(e.getMessage())));
    }

    /** The daily send, while the console runs: quiet unless it brings a new standing. */
    public void sendHeartbeatIfDue() {
        background.run(licenses::sendHeartbeatIfDue, this::show, e -> heartbeatResult.set(words.sentence(e.getMessage())));
    }

    private void show(LicenseVerdict v) {
        verdict.set(v.usable() ? v.message() : words.say("license.notUsable", v.message()));
        usable.set(v.usable());
        clockResetOffered.set(v instanceof LicenseVerdict.ClockSetBack c
                && c.source() == LicenseVerdict.ClockSetBack.Evidence.SEEN_BEFORE);
        v.readLicense().ifPresentOrElse(l -> {
            holder.set(words.say("license.holder", l.customerName(), l.customerId(), l.edition().name().toLowerCase(Locale.ROOT),
                    l.seats()));
            entitlements.set(words.say("license.entitlements", l.features().isEmpty() ? words.say("license.features.none")
                    : String.join(", ", new TreeSet<>(l.features())), l.updateChannel(),
                    l.maxVersion() == null ? "" : words.say("license.upTo", l.maxVersion()),
                    l.updatesUntil() == null ? "" : words.say("license.releasedUntil", day.format(l.updatesUntil()))));
            countdown.set(countdown(l));
            long days = Duration.between(clock.instant(), l.expiresAt()).toDays();
            headline.set(words.say(!v.usable() ? "license.headline.notUsable" : days > 1 ? "license.headline.days"
                    : "license.headline.renew", days));
        }, () -> {
            headline.set(words.say("license.headline.none"));
            holder.set(null);
            entitlements.set(null);
            countdown.set(null);
        });
    }

    String countdown(License l) {
        long days = Duration.between(clock.instant(), l.expiresAt()).toDays();
        String date = day.format(l.expiresAt().atZone(zone));
        return days > 1 ? words.say("license.expires.days", date, days)
                : days >= 0 && clock.instant().isBefore(l.expiresAt()) ? words.say("license.expires.day", date)
                : words.say("license.expired", date);
    }

    public void replace() {
        String key = newKey.get();
        if (key == null || key.isBlank()) {
            replaceResult.set(words.say("license.replace.empty"));
            return;
        }
        background.run(() -> licenses.replace(key), v -> {
            newKey.set("");
            replaceResult.set(words.say("license.replace.done"));
            show(v);
        }, e -> replaceResult.set(words.sentence(e.getMessage())));
    }

    /** The clock check had seen a later time and the admin says the clock is right now: reset it (journaled). */
    public void resetClock() {
        background.run(licenses::resetClock, v -> {
            clockResult.set(words.say("license.clock.done"));
            show(v);
        }, e -> clockResult.set(words.sentence(e.getMessage())));
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
