package com.adaptivestartup.console.docker;

import java.util.Optional;

/**
 * Picks the Engine API version to pin: the engine's own, capped at the newest we test against, and
 * never below what the engine accepts (Docker 29 refuses clients below 1.44) or what we need (1.41).
 * docker-java does not negotiate and otherwise sends unversioned, deprecated paths.
 */
public final class ApiVersions {
    public static final String OLDEST_SUPPORTED = "1.41";
    public static final String NEWEST_TESTED = "1.47";

    private ApiVersions() {
    }

    /** The version to pin, or empty when there is none both sides accept. */
    public static Optional<String> pin(String engineApi, String engineMinApi) {
        String candidate = compare(engineApi, NEWEST_TESTED) < 0 ? engineApi : NEWEST_TESTED;
        String floor = engineMinApi == null || engineMinApi.isBlank() ? OLDEST_SUPPORTED
                : (compare(engineMinApi, OLDEST_SUPPORTED) > 0 ? engineMinApi : OLDEST_SUPPORTED);
        return compare(candidate, floor) >= 0 ? Optional.of(candidate) : Optional.empty();
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
