package com.adaptivestartup.console.state;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Crash testing: with {@code ADAPTIVE_CRASH_AFTER=<operation>/<step>/<status>[#n]} in its environment the
 * console stops dead (as {@code kill -9} would: no shutdown hooks, nothing flushed) right after the journal
 * has recorded that entry (its n-th such entry; the first by default). Tests use it to cut an operation at every step and prove the next console finishes
 * or undoes it; no one else sets it. Like etcd's failpoints, it costs one comparison when unset.
 */
public final class CrashPoint {
    public static final String VARIABLE = "ADAPTIVE_CRASH_AFTER";
    /** The exit status of a process killed by SIGKILL, so the crash reads the same to whoever waits on it. */
    public static final int KILLED = 137;
    private static final Optional<String> TARGET = Optional.ofNullable(System.getenv(VARIABLE)).filter(s -> !s.isBlank());
    private static final AtomicInteger SEEN = new AtomicInteger();

    private CrashPoint() {
    }

    public static String of(String operation, String step, String status) {
        return operation + "/" + step + "/" + status;
    }

    static void after(String operation, String step, String status) {
        if (TARGET.isEmpty()) {
            return;
        }
        String[] target = TARGET.get().split("#", 2);
        int nth = target.length == 2 ? Integer.parseInt(target[1]) : 1;
        if (target[0].equals(of(operation, step, status)) && SEEN.incrementAndGet() == nth) {
            System.err.println("crash point " + TARGET.get() + " reached: stopping dead");
            Runtime.getRuntime().halt(KILLED);
        }
    }
}
