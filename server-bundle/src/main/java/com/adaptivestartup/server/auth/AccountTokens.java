package com.adaptivestartup.server.auth;

import com.adaptivestartup.server.db.Sql;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use secrets mailed to a person (a password reset, an email change to confirm): random, kept only as their
 * SHA-256, ending at a set time, and used at most once. Issuing one ends the earlier ones of the same purpose, so
 * only the newest mail works.
 */
final class AccountTokens {
    enum Purpose {
        PASSWORD_RESET("password_reset"), EMAIL_CHANGE("email_change");

        final String wire;

        Purpose(String wire) {
            this.wire = wire;
        }
    }

    private final Clock clock;

    AccountTokens(Clock clock) {
        this.clock = clock;
    }

    /** A new token for the user (the only time it exists outside the mail). */
    String issue(Sql.Tx tx, UUID userId, Purpose purpose, String newEmail, Duration lifetime) throws SQLException {
        tx.update("UPDATE account_tokens SET expires_at = least(expires_at, ?) WHERE user_id = ? AND purpose = ?"
                + " AND used_at IS NULL", clock.instant(), userId, purpose.wire);
        String token = Tokens.random();
        tx.update("INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", Tokens.sha256Hex(token), userId, purpose.wire, newEmail,
                clock.instant(), clock.instant().plus(lifetime));
        return token;
    }

    /** What a token was for, when it is one of this purpose, unused and not expired. */
    record Found(UUID userId, String newEmail) {
    }

    /** Uses the token (inside the caller's transaction, which then does what it was for); empty when it does not work. */
    Optional<Found> use(Sql.Tx tx, String token, Purpose purpose) throws SQLException {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Tokens.sha256Hex(token.strip());
        Optional<Found> found = tx.one("SELECT user_id, new_email FROM account_tokens WHERE token_hash = ? AND purpose = ?"
                        + " AND used_at IS NULL AND expires_at > ? FOR UPDATE",
                r -> new Found(Sql.uuid(r, "user_id"), r.getString("new_email")), hash, purpose.wire,
                clock.instant());
        if (found.isPresent()) {
            tx.update("UPDATE account_tokens SET used_at = ? WHERE token_hash = ?", clock.instant(), hash);
        }
        return found;
    }
}
