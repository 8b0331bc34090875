package com.adaptivestartup.brain.distribution;

import java.util.Comparator;
import java.util.regex.Pattern;

/** Release versions as the console reads them: three numbers, compared as numbers. */
final class Versions {
    static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,6}");
    static final Comparator<String> ORDER = Comparator.comparingLong(Versions::rank);

    private Versions() {
    }

    /** The version, or a refusal that says what a version is ({@code what} names the field). */
    static String checked(String version, String what) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException(what + " must be a version such as 1.2.0, not " + quoted(version));
        }
        return version;
    }

    static boolean atMost(String version, String limit) {
        return limit == null || ORDER.compare(version, limit) <= 0;
    }

    private static long rank(String version) {
        String[] p = version.split("\\.");
        return Long.parseLong(p[0]) * 10_000_000_000L + Long.parseLong(p[1]) * 1_000_000L + Long.parseLong(p[2]);
    }

    static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }
}
