package com.adaptivestartup.server.auth;

import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.activity.ActivityLog;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Getting back into an account. "Forgot password?" mails a single-use link (an hour; the same answer whether or
 * not the email has an account, and at most three mails an hour to one account); using it sets the new password
 * and ends every session. An organization's admin resets a member's password (a link by mail, or a one-time
 * password to hand over, to be replaced at the next sign-in) or signs them out everywhere; and the installation's
 * owner resets any account from the console ({@link #ownerReset}), mail or not.
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
    private final OrgAccess access;
    private final ActivityLog activity;
    private final AccountTokens tokens;
    private final Clock clock;

    public PasswordRecovery(Sql sql, SessionStore sessions, PasswordHasher hasher, Outbox outbox, PublicUrl publicUrl,
                            RequestLimit limit, OrgAccess access, ActivityLog activity, Clock clock) {
        this.sql = sql;
        this.users = new UserRepository(sql);
        this.sessions = sessions;
        this.hasher = hasher;
        this.outbox = outbox;
        this.publicUrl = publicUrl;
        this.limit = limit;
        this.access = access;
        this.activity = activity;
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

    /** What an admin's reset did: a link mailed, or a one-time password to hand over (shown only here). */
    public record AdminReset(String method, String email, String oneTimePassword, int sessionsEnded) {
    }

    /**
     * An admin resets a member's password: with {@code byMail}, a link (a day) to the member's address; else a
     * one-time password the member must replace at the next sign-in. Either way the member is signed out
     * everywhere. Only for an account the admin administers wholly: a member who also belongs to an organization
     * the admin does not administer (or a founder, unless the admin is one) is the installation owner's to reset.
     */
    public AdminReset adminReset(Principal p, UUID orgId, UUID userId, boolean byMail) {
        User member = administered(p, orgId, userId, "reset the password of");
        if (byMail && !outbox.enabled()) {
            throw new ApiError(409, "mail_not_configured", "this installation sends no email; choose a one-time"
                    + " password to hand over instead");
        }
        String oneTime = byMail ? null : oneTimePassword();
        String hash = oneTime == null ? null : hasher.hash(oneTime);
        sql.transaction(tx -> {
            if (byMail) {
                mailReset(tx, member, ADMIN_LIFETIME, true);
            } else {
                UserRepository.setPassword(tx, member.id(), hash, true);
                outbox.enqueue(tx, null, "password_changed", member.email(),
                        Letters.passwordChanged(member.name(), clock.instant(), "reset by an admin of your organization"));
            }
            activity.append(tx, orgId, p.userId(), "member.password_reset", "user", member.id().toString(),
                    Map.of("method", byMail ? "mail" : "one-time password"));
            return null;
        });
        int ended = sessions.closeAll(member.id());
        return new AdminReset(byMail ? "mail" : "one-time password", member.email(), oneTime, ended);
    }

    /** An admin signs a member out of every session (a lost laptop); returns how many sessions ended. */
    public int signOutEverywhere(Principal p, UUID orgId, UUID userId) {
        User member = administered(p, orgId, userId, "sign out");
        sql.transaction(tx -> {
            activity.append(tx, orgId, p.userId(), "member.signed_out", "user", member.id().toString(), Map.of());
            return null;
        });
        return sessions.closeAll(member.id());
    }

    private User administered(Principal p, UUID orgId, UUID userId, String what) {
        Role mine = access.require(p, orgId, Role.ADMIN);
        if (userId.equals(p.userId())) {
            throw ApiError.badRequest("for your own account use your profile (your name, top right)");
        }
        Role theirs = access.roleOf(userId, orgId).orElseThrow(() -> ApiError.notFound("the member"));
        User member = users.byId(userId).orElseThrow(() -> ApiError.notFound("the member"));
        if (theirs == Role.FOUNDER && mine != Role.FOUNDER) {
            throw ApiError.forbidden("only a founder can " + what + " a founder");
        }
        for (UUID other : access.orgIdsOf(userId)) {
            if (!other.equals(orgId) && access.roleOf(p.userId(), other).filter(r -> r.atLeast(Role.ADMIN)).isEmpty()) {
                throw ApiError.forbidden(member.email() + " also belongs to an organization you do not administer, so"
                        + " only the installation's owner can " + what + " them (console: adaptivectl admin"
                        + " reset-password --email " + member.email() + ")");
            }
        }
        return member;
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
