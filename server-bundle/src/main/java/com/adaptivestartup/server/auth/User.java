package com.adaptivestartup.server.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** A local account. The password hash is never serialised. */
public record User(UUID id, String email, String name, @JsonIgnore String passwordHash, boolean mustChangePassword,
                   String publicKey, Instant createdAt) {
}
