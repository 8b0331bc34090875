package com.adaptivestartup.server.auth;

import com.adaptivestartup.server.config.PublicUrl;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.mail.Letters;
import com.adaptivestartup.server.mail.Outbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Getting back into an account. "Forgot password?" mails a single-use link (an hour; the same answer whether or
 * not the email has an account, and at most three mails an hour to one account); using it sets the new password
 * and ends every session. An organization's admin resets a member's password ({@code org/MemberAccounts} decides
 * who may; here a link by mail, or a one-time password to hand over, to be replaced at the next sign-in); and the
 * installation's owner resets any account from the console ({@link #ownerReset}), mail or not.
 */
public final class PasswordRecovery {
    static final Duration SELF_LIFETIME = Duration.ofHours(1);
    static final Duration ADMIN_LIFETIME = Duration.ofHours(24);
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Sql sql;
    private final UserRepository users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final PublicUrl publicUrl;
    private final RequestLimit limit;
    private final AccountTokens tokens;
    private final Clock clock;

    public PasswordRecovery(Sql sql, SessionStore sessions, PasswordHasher hasher, Outbox outbox, PublicUrl publicUrl,
                            RequestLimit limit, Clock clock) {
        this.sql = sql;
        this.users = new UserRepository(sql);
        this.sessions = sessions;
        this.hasher = hasher;
        this.outbox = outbox;
        this.publicUrl = publicUrl;
        this.limit = limit;
        this.tokens = new AccountTokens(clock);
        this.clock = clock;
    }

    /** The one answer to "Forgot password?", whether or not the email has an account. */
    public static final String REQUESTED = "If an account uses that email, a link to choose a new password is on its"
            + " way. It works for an hour; check the spam folder too.";

    /** "Forgot password?": mails a reset link when the email has an account. */
    public void request(String email, String client) {
        if (!outbox.enabled()) {
            throw new ApiError(409, "mail_not_configured", "this installation sends no email, so a password cannot be"
                    + " reset by mail: ask an admin of your organization to reset it");
        }
        if (!limit.allow("reset-request:" + client, 10, WINDOW)) {
            throw new ApiError(429, "too_many_requests", "too many reset requests from your address; wait 15 minutes")
                    .withHeader("Retry-After", String.valueOf(WINDOW.toSeconds()));
        }
        AccountService.checkEmail(email);
        String clean = email.strip();
        Optional<User> user = users.byEmail(clean);
        if (user.isPresent() && limit.allow("reset-account:" + clean.toLowerCase(Locale.ROOT), 3, Duration.ofHours(1))) {
            sql.transaction(tx -> mailReset(tx, user.get(), SELF_LIFETIME, false));
        }
    }

    private boolean mailReset(Sql.Tx tx, User user, Duration lifetime, boolean byAdmin) throws java.sql.SQLException {
        String token = tokens.issue(tx, user.id(), AccountTokens.Purpose.PASSWORD_RESET, null, lifetime);
        String link = publicUrl.link("reset/" + URLEncoder.encode(token, StandardCharsets.UTF_8)).orElse(null);
        return outbox.enqueue(tx, null, "password_reset", user.email(),
                Letters.passwordReset(user.name(), link, token, lifetime, byAdmin));
    }

    /** Uses a reset link: the new password is set, every session ends, and the account's address is told. */
    public void reset(String token, String newPassword, String client) {
        if (!limit.allow("reset-use:" + client, 20, WINDOW)) {
            throw new ApiError(429, "too_many_requests", "too many reset attempts from your address; wait 15 minutes")
                    .withHeader("Retry-After", String.valueOf(WINDOW.toSeconds()));
        }
        AccountService.checkPassword(newPassword);
        String hash = hasher.hash(newPassword);
        UUID userId = sql.transaction(tx -> {
            AccountTokens.Found found = tokens.use(tx, token, AccountTokens.Purpose.PASSWORD_RESET).orElseThrow(() ->
                    new ApiError(410, "link_expired", "this reset link has expired or was already used; ask for a new"
                            + " one with \"Forgot password?\""));
            User user = UserRepository.byId(tx, found.userId()).orElseThrow(() -> ApiError.notFound("the account"));
            UserRepository.setPassword(tx, user.id(), hash, false);
            outbox.enqueue(tx, null, "password_changed", user.email(),
                    Letters.passwordChanged(user.name(), clock.instant(), "reset with a link sent by mail"));
            return user.id();
        });
        sessions.closeAll(userId);
    }

    /**
     * An admin's reset of a member (checked by the caller, {@code org/MemberAccounts}), inside the caller's
     * transaction: with {@code byMail} a link for a day to their address, else a one-time password to replace at the
     * next sign-in, which is returned (the only time it exists outside its hash).
     */
    public String resetByAdmin(Sql.Tx tx, User member, boolean byMail) throws java.sql.SQLException {
        if (byMail) {
            if (!outbox.enabled()) {
                throw new ApiError(409, "mail_not_configured", "this installation sends no email; choose a one-time"
                        + " password to hand over instead");
            }
            mailReset(tx, member, ADMIN_LIFETIME, true);
            return null;
        }
        String oneTime = oneTimePassword();
        UserRepository.setPassword(tx, member.id(), hasher.hash(oneTime), true);
        outbox.enqueue(tx, null, "password_changed", member.email(),
                Letters.passwordChanged(member.name(), clock.instant(), "reset by an admin of your organization"));
        return oneTime;
    }

    /** Ends every session of the account; returns how many. */
    public int signOutEverywhere(UUID userId) {
        return sessions.closeAll(userId);
    }

    /**
     * An account brought from Adaptive Startup Cloud (whose passwords cannot move), inside the import's transaction: a
     * link to choose a password, mailed when this installation sends mail, else returned for the admin to hand over
     * (the only time it exists outside its hash).
     */
    public static Optional<String> welcomeImported(Sql.Tx tx, Clock clock, Outbox outbox, PublicUrl publicUrl, UUID userId,
                                                   String name, String email, Duration lifetime)
            throws java.sql.SQLException {
        String token = new AccountTokens(clock).issue(tx, userId, AccountTokens.Purpose.PASSWORD_RESET, null, lifetime);
        Optional<String> link = publicUrl.link("reset/" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        if (outbox.enabled()) {
            outbox.enqueue(tx, null, "password_reset", email, Letters.welcomeImported(name, link.orElse(null), token,
                    lifetime));
            return Optional.empty();
        }
        return Optional.of(link.orElse("code " + token + " (on the sign-in page: Forgot password?, then I have a code)"));
    }

    /** What the installation owner's reset did: the account and its one-time password. */
    public record OwnerReset(UUID userId, String email, String oneTimePassword) {
    }

    /**
     * The installation owner's reset (the console runs it as a one-off container): a one-time password for the
     * account with this email, to be replaced at its next sign-in. The caller ends the account's sessions.
     */
    public static OwnerReset ownerReset(Sql sql, PasswordHasher hasher, Outbox outbox, Clock clock, String email) {
        AccountService.checkEmail(email);
        User user = new UserRepository(sql).byEmail(email.strip()).orElseThrow(() -> new ApiError(404, "not_found",
                "no account uses the email " + email.strip() + " on this installation"));
        String oneTime = oneTimePassword();
        String hash = hasher.hash(oneTime);
        sql.transaction(tx -> {
            UserRepository.setPassword(tx, user.id(), hash, true);
            outbox.enqueue(tx, null, "password_changed", user.email(),
                    Letters.passwordChanged(user.name(), clock.instant(), "reset by the installation's owner"));
            return null;
        });
        return new OwnerReset(user.id(), user.email(), oneTime);
    }

    /** Four groups of four from letters and digits that cannot be mistaken for each other: 16 characters, 78 bits. */
    static String oneTimePassword() {
        StringBuilder s = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                s.append('-');
            }
            s.append(ONE_TIME_ALPHABET.charAt(RANDOM.nextInt(ONE_TIME_ALPHABET.length())));
        }
        return s.toString();
    }
}
