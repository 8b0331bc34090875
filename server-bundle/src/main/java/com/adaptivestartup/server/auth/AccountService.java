package com.adaptivestartup.server.auth;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.mail.Letters;
import com.adaptivestartup.server.mail.Outbox;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Accounts: the first admin, sign-in and sign-out, password changes, the user's signing key. */
public final class AccountService {
    public static final int MIN_PASSWORD = 12;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s.]{2,63}");
    private final Sql sql;
    private final UserRepository users;
    private final SessionStore sessions;
    private final SignInLimiter limiter;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final String dummyHash;
    private final Outbox outbox;
    private final SignInPolicy policy;

    public AccountService(Sql sql, SessionStore sessions, SignInLimiter limiter, PasswordHasher hasher, Outbox outbox,
                          SignInPolicy policy, Clock clock) {
        this.outbox = outbox;
        this.policy = policy;
        this.sql = sql;
        this.users = new UserRepository(sql);
        this.sessions = sessions;
        this.limiter = limiter;
        this.hasher = hasher;
        this.clock = clock;
        this.dummyHash = hasher.hash(Tokens.random());
    }

    public record Created(boolean created, UUID userId, UUID orgId, String message) {
    }

    /**
     * The first admin, run by the console as a one-off container: founder of a new organization, who
     * must change the password at first sign-in. Idempotent: an existing account is left alone.
     */
    public static Created createAdmin(Sql sql, PasswordHasher hasher, Clock clock, String email, String name,
                                      String password, String orgName) {
        checkEmail(email);
        checkPassword(password);
        UserRepository users = new UserRepository(sql);
        Optional<User> existing = users.byEmail(email);
        if (existing.isPresent()) {
            return new Created(false, existing.get().id(), null, "an account for " + email + " already exists; unchanged");
        }
        User user = new User(UUID.randomUUID(), email.strip(), name, hasher.hash(password), true, null,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        UUID orgId = UUID.randomUUID();
        sql.transaction(tx -> {
            UserRepository.insert(tx, user);
            tx.update("INSERT INTO organizations (id, name, created_by) VALUES (?, ?, ?)", orgId, orgName, user.id());
            tx.update("INSERT INTO memberships (org_id, user_id, role) VALUES (?, ?, 'founder')", orgId, user.id());
            return null;
        });
        return new Created(true, user.id(), orgId, "created " + email + " as founder of " + orgName);
    }

    public record Session(String token, User user) {
    }

    /**
     * Signs in. The attempt is counted before the password is checked ({@link SignInLimiter}); {@code client}
     * is the address it came from, as {@code ClientAddress} tells it.
     */
    public Session login(String email, String password, SessionStore.Origin origin) {
        User user = checkPassword(email, password, origin.client());
        policy.passwordRefusal(user).ifPresent(why -> {
            throw new ApiError(403, "sso_required", why);
        });
        return new Session(openSession(user, origin), user);
    }

    /** The account whose email and password these are, through the same limits as a sign-in; else 401 or 429. */
    public User checkPassword(String email, String password, String client) {
        limiter.reserve(email, client).ifPresent(refusal -> {
            throw new ApiError(429, "too_many_attempts", refusal.message())
                    .withHeader("Retry-After", String.valueOf(refusal.retryAfterSeconds()));
        });
        Optional<User> user = users.byEmail(email);
        boolean ok = hasher.matches(password, user.map(User::passwordHash).orElse(dummyHash)) && user.isPresent();
        if (!ok) {
            throw ApiError.unauthorized("the email or password is wrong");
        }
        limiter.succeeded(email, client);
        return user.get();
    }

    /** A new session for the user, opened from {@code origin}; returns its token. */
    public String openSession(User user, SessionStore.Origin origin) {
        return sessions.open(user.id(), user.email(), user.mustChangePassword(), origin);
    }

    /** The account with this email, if there is one (for flows that must not say so to the caller). */
    public Optional<User> byEmail(String email) {
        return users.byEmail(email);
    }

    /** The signed-in user of this request, or 401. */
    public Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() > 200) {
            throw ApiError.unauthorized("sign in first (send 'Authorization: Bearer <token>')");
        }
        return principalOf(header.substring(7).strip())
                .orElseThrow(() -> ApiError.unauthorized("the session has expired or was signed out; sign in again"));
    }

    public Optional<Principal> principalOf(String token) {
        return sessions.resolve(token);
    }

    /** Like {@link #authenticate}, and refuses until a first-time password has been changed. */
    public Principal authenticateActive(Context ctx) {
        Principal p = authenticate(ctx);
        if (p.mustChangePassword()) {
            throw new ApiError(403, "password_change_required", "change your initial password first");
        }
        return p;
    }

    /**
     * Signs out; returns where the browser goes next to end the session at the identity provider too, when the
     * session came from one that offers it.
     */
    public Optional<String> logout(Principal principal) {
        Optional<String> providerLogout = sessions.noteOf(principal, SSO_LOGOUT);
        sessions.close(principal);
        return providerLogout;
    }

    /** The note a single sign-on session keeps: the provider's logout link. */
    public static final String SSO_LOGOUT = "provider_logout";

    public User me(Principal principal) {
        return users.byId(principal.userId()).orElseThrow(() -> ApiError.unauthorized("this account no longer exists"));
    }

    /**
     * Changes the password and signs out every session; returns a new session token (opened from {@code origin}).
     * The account's address is told by mail, when the installation sends mail.
     */
    public String changePassword(Principal principal, String current, String next, SessionStore.Origin origin) {
        User user = me(principal);
        if (!hasher.matches(current, user.passwordHash())) {
            throw ApiError.forbidden("the current password is wrong");
        }
        checkPassword(next);
        if (next.equals(current)) {
            throw ApiError.badRequest("the new password must differ from the current one");
        }
        String hash = hasher.hash(next);
        sql.transaction(tx -> {
            UserRepository.setPassword(tx, user.id(), hash, false);
            // the first change of an initial password is no news to anyone
            if (!user.mustChangePassword()) {
                outbox.enqueue(tx, null, "password_changed", user.email(),
                        Letters.passwordChanged(user.name(), clock.instant(), "changed by its owner"));
            }
            return null;
        });
        sessions.closeAll(user.id());
        return sessions.open(user.id(), user.email(), false, origin);
    }

    /** The signed-in person's new display name. */
    public User rename(Principal principal, String name) {
        String clean = com.adaptivestartup.server.http.Text.required("name", name, 200);
        sql.update("UPDATE users SET name = ? WHERE id = ?", clean, principal.userId());
        return me(principal);
    }

    public void registerPublicKey(Principal principal, String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("publicKey must be base64");
        }
        if (raw.length != 32) {
            throw ApiError.badRequest("publicKey must be a raw 32-byte Ed25519 key, base64 encoded");
        }
        users.setPublicKey(principal.userId(), base64Key);
    }

    /** Creates an account for an accepted invitation, inside the caller's transaction. */
    public User newAccount(Sql.Tx tx, String email, String name, String password) throws java.sql.SQLException {
        checkEmail(email);
        checkPassword(password);
        User user = new User(UUID.randomUUID(), email.strip(), name, hasher.hash(password), false, null,
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        try {
            UserRepository.insert(tx, user);
        } catch (java.sql.SQLException e) {
            if ("23505".equals(com.adaptivestartup.server.db.DataAccessException.sqlState(e))) {
                throw ApiError.conflict("this account could not be created; sign in instead");
            }
            throw e;
        }
        return user;
    }

    public static void checkEmail(String email) {
        if (email == null || !EMAIL.matcher(email.strip()).matches()) {
            throw ApiError.badRequest("'" + email + "' is not an email address");
        }
    }

    public static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 256) {
            throw ApiError.badRequest("a password needs " + MIN_PASSWORD + " to 256 characters");
        }
    }
}
