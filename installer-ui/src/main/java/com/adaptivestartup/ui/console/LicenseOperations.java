package com.adaptivestartup.ui.console;

import com.adaptivestartup.licensing.license.LicenseVerdict;

/** What the License view asks of console-core for the installation (a fake in tests). */
public interface LicenseOperations {
    LicenseVerdict current();

    /** Verifies the key and keeps it for the installation; throws with a sentence when it is refused. */
    LicenseVerdict replace(String keyText);

    /**
     * Resets the clock check after the clock was ahead once (journaled); throws with a sentence when the license
     * does not verify at this computer's time or there is nothing to reset. Returns the verdict afterwards.
     */
    LicenseVerdict resetClock();

    /**
     * The opt-in heartbeat to the vendor: {@code offered} when the license includes it, {@code on} when the admin
     * turned it on, {@code standing}: the vendor's last signed word on the license, in a sentence (null: none yet).
     */
    record Heartbeat(boolean offered, boolean on, String standing) {
    }

    Heartbeat heartbeat();

    /** Turns it on or off; throws with a sentence when the license does not include it. */
    Heartbeat heartbeat(boolean on);

    /** Sends one now (activating the installation the first time); throws with a sentence when it cannot. */
    Heartbeat sendHeartbeat();

    /** The console's daily send: only when on and a day has passed since the last one. */
    Heartbeat sendHeartbeatIfDue();
}
