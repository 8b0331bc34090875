package com.adaptivestartup.brain.staff;

import com.adaptivestartup.brain.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Who may use the staff page and API: staff members, each with a key of 32 random bytes shown once (only its SHA-256
 * kept, so the database alone signs no one in), and sessions of {@link #SESSION} made at sign-in (their tokens kept as
 * SHA-256 too). Five failed sign-ins for one address within {@link #FAILURE_WINDOW} refuse the next ones until the
 * window has passed.
 */
public final class StaffAccess {
    public static final Duration SESSION = Duration.ofHours(12);
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    private static final int MOST_FAILURES = 5;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource db;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    public StaffAccess(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The outcome of a sign-in: a session token, or why not. */
    public sealed interface SignIn {
        record Signed(String email, String token, Instant expiresAt) implements SignIn {
        }

        record Refused(String reason, boolean tooMany) implements SignIn {
        }
    }

    /** Adds a staff member and returns their key (shown once); refused when the address is taken or not an address. */
    public String add(String email, String by) throws SQLException {
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("a staff member is named by their email address, not \"" + email + "\"");
        }
        String key = "bsk_" + random();
        try (Connection c = db.getConnection()) {
            if (Sql.update(c, "INSERT INTO staff (email, key_hash, created_by) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING",
                    email.toLowerCase(java.util.Locale.ROOT), sha256(key), by) == 0) {
                throw new IllegalArgumentException(email + " is staff already");
            }
        }
        return key;
    }

    /** Whether anyone is staff yet (the first member is made at start from the Brain's settings). */
    public boolean anyone() throws SQLException {
        try (Connection c = db.getConnection()) {
            return Sql.first(c, "SELECT 1 FROM staff LIMIT 1", r -> true).isPresent();
        }
    }

    /** Makes the first staff member with a key of the vendor's choosing (read from a file at start). */
    public void first(String email, String key) throws SQLException {
        if (key == null || key.strip().length() < 32) {
            throw new IllegalArgumentException("the first staff member's key must be at least 32 characters");
        }
        try (Connection c = db.getConnection()) {
            Sql.update(c, "INSERT INTO staff (email, key_hash, created_by) VALUES (?, ?, 'the Brain''s settings')"
                    + " ON CONFLICT DO NOTHING", email.toLowerCase(java.util.Locale.ROOT), sha256(key.strip()));
        }
    }

    public SignIn signIn(String email, String key) throws SQLException {
        String who = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        synchronized (failures) {
            Deque<Instant> recent = failures.computeIfAbsent(who, k -> new ArrayDeque<>());
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(FAILURE_WINDOW))) {
                recent.removeFirst();
            }
            if (recent.size() >= MOST_FAILURES) {
                return new SignIn.Refused("too many failed sign-ins for " + who + "; try again in "
                        + (Duration.between(now, recent.peekFirst().plus(FAILURE_WINDOW)).toMinutes() + 1) + " minutes", true);
            }
        }
        byte[] stored;
        try (Connection c = db.getConnection()) {
            stored = Sql.first(c, "SELECT key_hash FROM staff WHERE email = ?", r -> r.getBytes(1), who).orElse(null);
        }
        byte[] given = sha256(key == null ? "" : key.strip());
        if (stored == null || !MessageDigest.isEqual(stored, given)) {
            synchronized (failures) {
                failures.get(who).addLast(now);
            }
            return new SignIn.Refused("that email and staff key do not match", false);
        }
        String token = "bss_" + random();
        Instant expires = now.plus(SESSION);
        try (Connection c = db.getConnection()) {
            Sql.update(c, "INSERT INTO staff_sessions (token_hash, email, expires_at) VALUES (?, ?, ?)", sha256(token), who,
                    expires);
        }
        return new SignIn.Signed(who, token, expires);
    }

    /** The staff member a session token belongs to, while it lasts. */
    public Optional<String> session(String token) throws SQLException {
        if (token == null || !token.startsWith("bss_")) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection()) {
            return Sql.first(c, "SELECT email FROM staff_sessions WHERE token_hash = ? AND expires_at > ?", r -> r.getString(1),
                    sha256(token), clock.instant());
        }
    }

    public void signOut(String token) throws SQLException {
        try (Connection c = db.getConnection()) {
            Sql.update(c, "DELETE FROM staff_sessions WHERE token_hash = ?", sha256(token == null ? "" : token));
        }
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
