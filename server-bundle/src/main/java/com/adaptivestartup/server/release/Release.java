package com.adaptivestartup.server.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Which release this build is. One source tree builds 1.0.0, 1.1.0 and 1.2.0: the release decides how
 * far the schema migrates and which endpoints exist, so updates and rollbacks have real versions to move
 * between.
 *
 * @param version      e.g. {@code 1.1.0}
 * @param schemaTarget the last migration this release applies, e.g. {@code 5}
 */
public record Release(String version, int schemaTarget) {
    /** The schema each release expects. A new release adds its line here and its migrations. */
    private static final Map<String, Integer> SCHEMA_BY_RELEASE = Map.of("1.0.0", 4, "1.1.0", 5, "1.2.0", 9);

    public static Release of(String version) {
        Integer target = SCHEMA_BY_RELEASE.get(version);
        if (target == null) {
            throw new IllegalArgumentException("unknown release " + version + "; known: " + SCHEMA_BY_RELEASE.keySet());
        }
        return new Release(version, target);
    }

    /** The release this jar was built as (server.release in the build). */
    public static Release current() {
        try (InputStream in = Release.class.getResourceAsStream("/release.properties")) {
            Properties p = new Properties();
            p.load(in);
            return of(p.getProperty("release"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean atLeast(String other) {
        return compare(version, other) >= 0;
    }

    /** What each release brought that code must know about (its schema has it): one place to look. */
    public enum Feature {
        /** Metrics have units; a per-venture metrics summary. */
        METRIC_UNITS("1.1.0"),
        /**
         * The security review's fixes that need schema 6: a keyed activity chain, approvals recorded once,
         * invitations revocable and bound to who accepted them, a ceiling on a venture's documents.
         */
        HARDENING("1.2.0"),
        /**
         * The founder's workspace (schema 7): canvases, goals, roadmap, customers, market, competitors, financials,
         * journey and calendar as records of their own; the venture's profile, and restore after delete.
         */
        WORKSPACE("1.2.0"),
        /**
         * Accounts a company can run (schema 8): mail through an outbox, password recovery, profile and sessions,
         * admins resetting members' passwords.
         */
        ACCOUNTS("1.2.0"),
        /** Bringing a company's data from Adaptive Startup Cloud (schema 9): the Convex import's map and archive. */
        CONVEX_IMPORT("1.2.0");

        private final String since;

        Feature(String since) {
            this.since = since;
        }
    }

    public boolean has(Feature feature) {
        return atLeast(feature.since);
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
