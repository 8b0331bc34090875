package com.adaptivestartup.brain;

import java.time.Duration;

/** How long the Brain's workers wait before trying a failed step again: 5 s, doubling with each attempt, at most an hour. */
public final class Retries {
    public static final int FIRST_PAUSE_SECONDS = 5;

    private Retries() {
    }

    public static Duration pauseAfter(int attempts) {
        return Duration.ofSeconds(Math.min(3600, FIRST_PAUSE_SECONDS * (1L << Math.min(attempts - 1, 20))));
    }
}
