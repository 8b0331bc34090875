package com.adaptivestartup.console.docker;

import java.nio.file.Path;
import java.util.Optional;

/** One way to find the Docker engine (as Testcontainers does): returns where to try, if it applies here. */
public interface EngineStrategy {
    String name();

    /** The endpoint to try, or empty when this way does not apply on this machine (with the reason). */
    Optional<Endpoint> endpoint();

    /** Why this way does not apply, when {@link #endpoint()} is empty. */
    default String notApplicableBecause() {
        return "not applicable on this machine";
    }

    /** What a person can do when this endpoint exists but does not answer. */
    String advice();

    /**
     * An engine's address and, for TCP with TLS, the folder holding {@code ca.pem}, {@code cert.pem} and
     * {@code key.pem} (as DOCKER_CERT_PATH and Docker contexts keep them); null for none.
     */
    record Endpoint(String address, Path tls) {
        public static Endpoint plain(String address) {
            return new Endpoint(address, null);
        }

        @Override
        public String toString() {
            return tls == null ? address : address + " (TLS)";
        }
    }
}
