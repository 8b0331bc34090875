package com.adaptivestartup.licensing.license;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The commercial edition a license grants. */
public enum Edition {
    TRIAL, STANDARD, ENTERPRISE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Edition> fromWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName().equals(name)).findFirst();
    }
}
