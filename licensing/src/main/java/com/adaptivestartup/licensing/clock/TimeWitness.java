package com.adaptivestartup.licensing.clock;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the latest time this installation has seen, so a clock set back to stretch a license is
 * noticed. The console keeps it in its state database; nothing offline is tamper-proof, this only
 * makes the easy trick visible.
 */
public interface TimeWitness {

    /** The latest time observed so far, if any. */
    Optional<Instant> latestSeen();

    /** Records {@code now} if it is later than what was seen before. */
    void observe(Instant now);
}
