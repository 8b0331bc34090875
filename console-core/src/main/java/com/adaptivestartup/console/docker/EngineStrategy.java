package com.adaptivestartup.console.docker;

import java.util.Optional;

/** One way to find the Docker engine (as Testcontainers does): returns where to try, if it applies here. */
public interface EngineStrategy {
    String name();

    /** The endpoint to try, or empty when this way does not apply on this machine (with the reason). */
    Optional<String> endpoint();

    /** Why this way does not apply, when {@link #endpoint()} is empty. */
    default String notApplicableBecause() {
        return "not applicable on this machine";
    }

    /** What a person can do when this endpoint exists but does not answer. */
    String advice();
}
