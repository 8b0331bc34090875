package com.adaptivestartup.server.auth;

import com.adaptivestartup.server.config.PublicUrl;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.mail.Letters;
import com.adaptivestartup.server.mail.Outbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person's own account: their sign-in address (a change confirmed from the new address when the installation
 * sends mail, else made at once; the password asked either way) and their sessions (listed with where and when,
 * each ended on its own or all the others at once).
 */
public final class ProfileService {
    static final Duration EMAIL_LIFETIME = Duration.ofHours(24);
    private final Sql sql;
    private final AccountService accounts;
    private final SessionStore sessions;
    private final Outbox outbox;
    private final PublicUrl publicUrl;
    private final AccountTokens tokens;

    public ProfileService(Sql sql, AccountService accounts, SessionStore sessions, Outbox outbox, PublicUrl publicUrl,
                          Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.sessions = sessions;
        this.outbox = outbox;
        this.publicUrl = publicUrl;
        this.tokens = new AccountTokens(clock);
    }

    /**
     * The answer to an email change: {@code pending} (a confirmation went to the new address), or made, with the
     * new session that replaces every old one ({@code token}).
     */
    public record EmailChange(boolean pending, String email, String token) {
    }

    public EmailChange changeEmail(Principal p, String newEmail, String password, SessionStore.Origin origin) {
        AccountService.checkEmail(newEmail);
        String clean = newEmail.strip();
        User me = accounts.checkPassword(p.email(), String.valueOf(password), origin.client());
        if (clean.equalsIgnoreCase(me.email())) {
            throw ApiError.badRequest("that is already your address");
        }
        if (accounts.byEmail(clean).isPresent()) {
            throw ApiError.conflict("another account already uses " + clean);
        }
        if (outbox.enabled()) {
            sql.transaction(tx -> {
                String token = tokens.issue(tx, me.id(), AccountTokens.Purpose.EMAIL_CHANGE, clean, EMAIL_LIFETIME);
                String link = publicUrl.link("confirm-email/" + URLEncoder.encode(token, StandardCharsets.UTF_8)).orElse(null);
                return outbox.enqueue(tx, null, "email_change", clean,
                        Letters.emailChange(me.name(), clean, link, token, EMAIL_LIFETIME));
            });
            return new EmailChange(true, clean, null);
        }
        sql.transaction(tx -> {
            setEmail(tx, me.id(), clean);
            return null;
        });
        sessions.closeAll(me.id());
        return new EmailChange(false, clean, sessions.open(me.id(), clean, false, origin));
    }

    /** Confirms a new address from its mail; every session ends (they carry the old address). */
    public String confirmEmail(String token) {
        record Changed(UUID userId, String oldEmail, String newEmail) {
        }
        Changed changed = sql.transaction(tx -> {
            AccountTokens.Found found = tokens.use(tx, token, AccountTokens.Purpose.EMAIL_CHANGE).orElseThrow(() ->
                    new ApiError(410, "link_expired", "this confirmation link has expired or was already used; change the"
                            + " address again from your profile"));
            User user = UserRepository.byId(tx, found.userId()).orElseThrow(() -> ApiError.notFound("the account"));
            setEmail(tx, user.id(), found.newEmail());
            outbox.enqueue(tx, null, "email_changed", user.email(), Letters.emailChanged(user.name(), found.newEmail()));
            return new Changed(user.id(), user.email(), found.newEmail());
        });
        sessions.closeAll(changed.userId());
        return changed.newEmail();
    }

    private static void setEmail(Sql.Tx tx, UUID userId, String email) throws java.sql.SQLException {
        try {
            tx.update("UPDATE users SET email = ? WHERE id = ?", email, userId);
        } catch (java.sql.SQLException e) {
            if ("23505".equals(com.adaptivestartup.server.db.DataAccessException.sqlState(e))) {
                throw ApiError.conflict("another account already uses " + email);
            }
            throw e;
        }
    }

    /**
     * Whether the person gets the installation's notices by mail; {@code offered}: they may (an admin or founder of
     * an organization).
     */
    public record Notices(boolean offered, boolean installation) {
    }

    public Notices notices(Principal p) {
        boolean admin = sql.one("SELECT 1 FROM memberships WHERE user_id = ? AND role IN ('founder', 'admin') LIMIT 1",
                r -> true, p.userId()).isPresent();
        boolean on = sql.one("SELECT installation_notices FROM users WHERE id = ?", r -> r.getBoolean(1), p.userId())
                .orElse(false);
        return new Notices(admin, admin && on);
    }

    public Notices setNotices(Principal p, boolean installation) {
        if (installation && !notices(p).offered()) {
            throw ApiError.forbidden("the installation's notices are for the admins and founders of an organization");
        }
        sql.update("UPDATE users SET installation_notices = ? WHERE id = ?", installation, p.userId());
        return notices(p);
    }

    /** One of the person's sessions as the profile shows it; {@code current}: the one asking. */
    public record Session(String id, Instant signedInAt, Instant lastActiveAt, String client, String browser,
                          boolean current) {
    }

    public List<Session> sessions(Principal p) {
        // a session opened before 1.2.0 has no record of when or where: those are told as unknown (null, empty)
        return sessions.list(p.userId()).stream().map(s -> new Session(s.id(),
                s.createdEpochSecond() == 0 ? null : Instant.ofEpochSecond(s.createdEpochSecond()),
                Instant.ofEpochSecond(s.lastActiveEpochSecond()), s.client(), Browsers.describe(s.agent()),
                s.id().equals(p.sessionHash()))).toList();
    }

    /** Ends one of the person's sessions (their current one too, which is signing out). */
    public void endSession(Principal p, String id) {
        if (!sessions.close(p.userId(), id)) {
            throw ApiError.notFound("the session");
        }
    }

    /** Ends every other session of the person; returns how many. */
    public int endOtherSessions(Principal p) {
        return sessions.closeOthers(p.userId(), p.sessionHash());
    }
}
