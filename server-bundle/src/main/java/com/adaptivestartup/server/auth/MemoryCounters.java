package com.adaptivestartup.server.auth;

import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Short-lived values with an expiry, in this process (the single container has no Redis): the counts that slow
 * password guessing, the fixed windows of costly requests, a sign-in's state while the person is at their identity
 * provider. What Redis does for the stack, for one process; lost on restart, which for these is harmless (a restart
 * forgives failures and ends a sign-in in progress). Thread-safe; {@link #atomically} runs several steps as one.
 */
public final class MemoryCounters {
    private record Entry(String value, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final Clock clock;
    private long nextSweep;

    public MemoryCounters(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code steps} with no other step of any caller in between. */
    public synchronized <T> T atomically(java.util.function.Function<MemoryCounters, T> steps) {
        return steps.apply(this);
    }

    private long now() {
        return clock.millis();
    }

    public synchronized Optional<String> get(String key) {
        sweep();
        Entry e = entries.get(key);
        return e == null || e.expiresAtMillis() <= now() ? Optional.empty() : Optional.of(e.value());
    }

    public synchronized long number(String key) {
        return get(key).map(Long::parseLong).orElse(0L);
    }

    /** Adds one; a new count lives {@code seconds}. Returns the count. */
    public synchronized long increment(String key, long seconds) {
        long n = number(key) + 1;
        Entry old = entries.get(key);
        long expires = n == 1 || old == null ? now() + seconds * 1000 : old.expiresAtMillis();
        entries.put(key, new Entry(Long.toString(n), expires));
        return n;
    }

    /** Takes one off a positive count, its expiry kept. */
    public synchronized void decrement(String key) {
        long n = number(key);
        if (n > 0) {
            entries.put(key, new Entry(Long.toString(n - 1), entries.get(key).expiresAtMillis()));
        }
    }

    public synchronized void put(String key, String value, long seconds) {
        entries.put(key, new Entry(value, now() + seconds * 1000));
    }

    /** Seconds left to live; -2 when absent (as Redis answers). */
    public synchronized long secondsLeft(String key) {
        return get(key).isEmpty() ? -2 : Math.max(0, (entries.get(key).expiresAtMillis() - now() + 999) / 1000);
    }

    public synchronized void delete(String key) {
        entries.remove(key);
    }

    /** The value, removed: a one-time handoff. */
    public synchronized Optional<String> take(String key) {
        Optional<String> value = get(key);
        entries.remove(key);
        return value;
    }

    private void sweep() {
        long now = now();
        if (now < nextSweep) {
            return;
        }
        nextSweep = now + 60_000;
        for (Iterator<Entry> i = entries.values().iterator(); i.hasNext(); ) {
            if (i.next().expiresAtMillis() <= now) {
                i.remove();
            }
        }
    }
}
