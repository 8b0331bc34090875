package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.console.LicenseOperations.Heartbeat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LicenseViewModelTest {
    static final Instant NOW = ConsoleFakes.NOW;

    static License license(Instant expires) {
        return ConsoleFakes.license(expires);
    }

    private String refused;
    private final LicenseOperations ops = new LicenseOperations() {
        public LicenseVerdict current() {
            return clockAhead ? new LicenseVerdict.ClockSetBack(license(NOW.plusSeconds(86400 * 30)), NOW,
                    NOW.plusSeconds(86400 * 20), LicenseVerdict.ClockSetBack.Evidence.SEEN_BEFORE)
                    : new LicenseVerdict.Valid(license(NOW.plusSeconds(23 * 86400 + 3600)), NOW);
        }

        public LicenseVerdict resetClock() {
            if (!clockAhead) {
                throw new IllegalStateException("The clock check agrees with this computer's clock; there is nothing to reset.");
            }
            clockAhead = false;
            return current();
        }

        public LicenseVerdict replace(String keyText) {
            if (refused != null) {
                throw new IllegalArgumentException(refused);
            }
            return new LicenseVerdict.Valid(license(NOW.plusSeconds(400 * 86400L)), NOW);
        }

        public Heartbeat heartbeat() {
            return heartbeat;
        }

        public Heartbeat heartbeat(boolean on) {
            if (!heartbeat.offered()) {
                throw new IllegalArgumentException("this license does not include the heartbeat to the vendor; nothing is sent");
            }
            heartbeat = new Heartbeat(true, on, heartbeat.standing());
            return heartbeat;
        }

        public Heartbeat sendHeartbeat() {
            if (brainDown) {
                throw new IllegalStateException("the Brain cannot be reached (http://127.0.0.1:9/v1/heartbeats): Connection refused");
            }
            heartbeat = new Heartbeat(true, heartbeat.on(), "The license is revoked by the vendor on 2026-11-28T12:00:00Z:"
                    + " payment refunded.");
            return heartbeat;
        }

        public Heartbeat sendHeartbeatIfDue() {
            return heartbeat;
        }
    };
    private Heartbeat heartbeat = new Heartbeat(false, false, null);
    private boolean brainDown;
    private boolean clockAhead;
    private final LicenseViewModel model = new LicenseViewModel(ops, Background.SAME_THREAD, Clock.fixed(NOW, ZoneOffset.UTC),
            ZoneOffset.UTC, ConsoleFakes.TEXT);

    @Test
    void showsWhoItIsForWhatItAllowsAndHowLongItRuns() {
        model.refresh();
        assertThat(model.usableProperty().get()).isTrue();
        assertThat(model.verdictProperty().get()).startsWith("Valid license for Acme Corp");
        assertThat(model.holderProperty().get()).isEqualTo("Acme Corp (acme), standard edition, 25 seats");
        assertThat(model.countdownProperty().get()).isEqualTo("Expires on 21 December 2026, in 23 days.");
        assertThat(model.entitlementsProperty().get()).isEqualTo("Features: ai, airgap. Updates: channel stable, up to"
                + " version 1.9.0, released until 30 June 2027.");
        assertThat(model.countdown(license(NOW.plusSeconds(3600)))).isEqualTo("Expires on 28 November 2026, within a day:"
                + " renew it now.");
        assertThat(model.countdown(license(NOW.minusSeconds(86400 * 2)))).isEqualTo("Expired on 26 November 2026.");
    }

    @Test
    void aClockCheckThatRanAheadIsOfferedAResetAndTheResetShowsTheLicenseAgain() {
        clockAhead = true;
        model.refresh();
        assertThat(model.usableProperty().get()).isFalse();
        assertThat(model.verdictProperty().get()).contains("earlier than a time this console has already seen");
        assertThat(model.clockResetOfferedProperty().get()).isTrue();
        model.resetClock();
        assertThat(model.clockResultProperty().get()).contains("reset").contains("history");
        assertThat(model.usableProperty().get()).isTrue();
        assertThat(model.clockResetOfferedProperty().get()).isFalse();
        model.resetClock();
        assertThat(model.clockResultProperty().get()).isEqualTo("The clock check agrees with this computer's clock;"
                + " there is nothing to reset.");
    }

    @Test
    void aRenewedKeyReplacesItAndARefusedOneChangesNothing() {
        model.refresh();
        model.replace();
        assertThat(model.replaceResultProperty().get()).isEqualTo("Paste the renewed license key first.");
        refused = "this key is for the customer globex, but this installation is acme's. The current license is kept";
        model.newKeyProperty().set("ASL1.something");
        model.replace();
        assertThat(model.replaceResultProperty().get()).isEqualTo("This key is for the customer globex, but this installation is acme's. The current license is kept.");
        assertThat(model.countdownProperty().get()).contains("in 23 days");
        refused = null;
        model.replace();
        assertThat(model.replaceResultProperty().get()).isEqualTo("The new license is in use.");
        assertThat(model.countdownProperty().get()).contains("in 400 days");
        assertThat(model.newKeyProperty().get()).isEmpty();
    }

    @Test
    void theHeartbeatShowsOnlyWhenTheLicenseIncludesItAndSaysWhatTheVendorAnswered() {
        model.refresh();
        assertThat(model.heartbeatOfferedProperty().get()).isFalse();
        model.heartbeat(true);
        assertThat(model.heartbeatOnProperty().get()).as("a refusal puts the tick back").isFalse();
        assertThat(model.heartbeatResultProperty().get()).contains("does not include the heartbeat");

        heartbeat = new Heartbeat(true, false, null);
        model.refresh();
        assertThat(model.heartbeatOfferedProperty().get()).isTrue();
        assertThat(model.standingProperty().get()).isNull();
        model.heartbeat(true);
        assertThat(model.heartbeatOnProperty().get()).isTrue();
        assertThat(model.standingProperty().get()).isEqualTo("Nothing heard from the vendor yet.");
        brainDown = true;
        model.sendHeartbeat();
        assertThat(model.heartbeatResultProperty().get()).startsWith("The Brain cannot be reached");
        brainDown = false;
        model.sendHeartbeat();
        assertThat(model.heartbeatResultProperty().get()).isEqualTo("Sent.");
        assertThat(model.standingProperty().get()).isEqualTo("The license is revoked by the vendor on 2026-11-28T12:00:00Z:"
                + " payment refunded.");
    }
}
