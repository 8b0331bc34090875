package com.adaptivestartup.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A member's role in an organization, from most to least powerful. */
public enum Role {
    FOUNDER, ADMIN, MEMBER, VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String s) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(s)).findFirst();
    }

    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }
}
