package com.adaptivestartup.console.docker;

import com.adaptivestartup.console.release.Versions;
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
        String candidate = Versions.compare(engineApi, NEWEST_TESTED) < 0 ? engineApi : NEWEST_TESTED;
        String floor = engineMinApi == null || engineMinApi.isBlank() ? OLDEST_SUPPORTED
                : (Versions.compare(engineMinApi, OLDEST_SUPPORTED) > 0 ? engineMinApi : OLDEST_SUPPORTED);
        return Versions.compare(candidate, floor) >= 0 ? Optional.of(candidate) : Optional.empty();
    }
}
