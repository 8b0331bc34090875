package com.adaptivestartup.server.auth;

import java.util.UUID;

/** The signed-in user of a request. */
public record Principal(UUID userId, String email, boolean mustChangePassword, String sessionHash) {
}
