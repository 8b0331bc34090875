package com.adaptivestartup.console.docker;

/** Credentials for one registry; the password never appears in {@link #toString()}. */
public record RegistryAuth(String registry, String username, String password) {
    @Override
    public String toString() {
        return "RegistryAuth[" + username + "@" + registry + ", password=(hidden)]";
    }
}
