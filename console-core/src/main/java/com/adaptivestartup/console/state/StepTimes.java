package com.adaptivestartup.console.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where an operation's time went: each step's duration, heard as the steps start and end, and the time
 * between two named moments (how long the app was unavailable during a restore: from "stop" starting to
 * "start" ending). Passes every step on to the progress it wraps.
 */
public final class StepTimes implements Journal.Progress {
    /** One step: its name and how long it took, in seconds (to the millisecond). */
    public record Step(String step, double seconds) {
    }

    private final Journal.Progress next;
    private final LongSupplier nanos;
    private final Map<String, Long> started = new LinkedHashMap<>();
    private final Map<String, Long> ended = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();

    public StepTimes(Journal.Progress next) {
        this(next, System::nanoTime);
    }

    StepTimes(Journal.Progress next, LongSupplier nanos) {
        this.next = next;
        this.nanos = nanos;
    }

    @Override
    public synchronized void step(String step, String status) {
        long now = nanos.getAsLong();
        if (status.equals("started")) {
            started.put(step, now);
        } else if (status.equals("done") && started.containsKey(step)) {
            ended.put(step, now);
            steps.add(new Step(step, seconds(now - started.get(step))));
        }
        next.step(step, status);
    }

    /** The steps that ended, in the order they ended. */
    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    public synchronized boolean ended(String step) {
        return ended.containsKey(step);
    }

    /** Seconds from {@code from} starting to {@code to} ending, or -1 when either did not happen. */
    public synchronized double between(String from, String to) {
        Long a = started.get(from);
        Long b = ended.get(to);
        return a == null || b == null ? -1 : seconds(b - a);
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }
}
