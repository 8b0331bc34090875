package com.adaptivestartup.console.license;

import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import com.adaptivestartup.licensing.clock.TimeWitness;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.licensing.license.LicenseVerifier;
import com.adaptivestartup.licensing.machine.MachineFingerprint;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** The console's one door to licenses: what the CLI and the UI call to judge a key or file. */
public final class LicenseService {
    private final LicenseVerifier verifier;
    private final LicenseVerifier withoutClockCheck;
    private final Supplier<Optional<MachineFingerprint>> thisMachine;

    public LicenseService(TrustedKeys trustedKeys, Clock clock, TimeWitness witness,
                          Supplier<Optional<MachineFingerprint>> thisMachine) {
        this.thisMachine = thisMachine;
        this.verifier = new LicenseVerifier(trustedKeys, clock, witness, thisMachine,
                LicenseVerifier.DEFAULT_CLOCK_TOLERANCE);
        this.withoutClockCheck = new LicenseVerifier(trustedKeys, clock, new InMemoryTimeWitness(), thisMachine,
                LicenseVerifier.DEFAULT_CLOCK_TOLERANCE);
    }

    public LicenseVerdict verify(String keyOrFileText) {
        return verifier.verify(keyOrFileText);
    }

    /**
     * The verdict as if this console had never seen a time: what the license says at the clock's time alone (the
     * clock check's reset asks this first). Records nothing.
     */
    public LicenseVerdict verifyIgnoringTimesSeen(String keyOrFileText) {
        return withoutClockCheck.verify(keyOrFileText);
    }

    /** What the customer sends the vendor for a machine-bound license. */
    public Optional<MachineFingerprint> thisMachine() {
        return thisMachine.get();
    }
}
