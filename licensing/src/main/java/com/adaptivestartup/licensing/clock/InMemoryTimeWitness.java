package com.adaptivestartup.licensing.clock;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link TimeWitness} that forgets on exit: for tests and one-shot tools. */
public final class InMemoryTimeWitness implements TimeWitness {
    private final AtomicReference<Instant> latest = new AtomicReference<>();

    @Override
    public Optional<Instant> latestSeen() {
        return Optional.ofNullable(latest.get());
    }

    @Override
    public void observe(Instant now) {
        latest.accumulateAndGet(now, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }
}
