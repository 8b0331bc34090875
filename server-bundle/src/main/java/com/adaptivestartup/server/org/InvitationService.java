package com.adaptivestartup.server.org;

import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.auth.Tokens;
import com.adaptivestartup.server.auth.User;
import com.adaptivestartup.server.config.PublicUrl;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Text;
import com.adaptivestartup.server.auth.SessionStore;
import com.adaptivestartup.server.mail.Letters;
import com.adaptivestartup.server.mail.Outbox;
import com.adaptivestartup.server.realtime.LiveUpdates;
import com.adaptivestartup.server.release.Release;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations into an organization: made, listed, revoked and sent again by its admins; opened and accepted by
 * the person invited, and only by them (the signed-in account must have the invited email; without one, the
 * invited email's account is created, or its password checked as a sign-in would). Accepting signs the person
 * in. The token is a bearer secret kept only as its hash; it is shown once, when made or sent again.
 */
public final class InvitationService {
    private static final Duration LIFETIME = Duration.ofDays(7);
    private final Sql sql;
    private final OrgAccess access;
    private final AccountService accounts;
    private final ActivityLog activity;
    private final LiveUpdates live;
    private final Release release;
    private final Clock clock;
    private final PublicUrl publicUrl;
    private final Outbox outbox;

    public InvitationService(Sql sql, OrgAccess access, AccountService accounts, ActivityLog activity, LiveUpdates live,
                             Release release, Clock clock, PublicUrl publicUrl, Outbox outbox) {
        this.publicUrl = publicUrl;
        this.outbox = outbox;
        this.sql = sql;
        this.access = access;
        this.accounts = accounts;
        this.activity = activity;
        this.live = live;
        this.release = release;
        this.clock = clock;
    }

    /**
     * A new or re-sent invitation with its token (the only time the token is told) and the link to send, on the
     * app's public address (null when the stack has none: the web app then uses the admin's own address);
     * {@code mailed}: the link is on its way to the person (the installation sends mail and knows its address).
     */
    public record Issued(UUID id, String email, String role, Instant expiresAt, String token, String link, boolean mailed) {
    }

    private String link(String token) {
        return publicUrl.link("invitation/" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8))
                .orElse(null);
    }

    /** Queues the invitation's mail, when there is a link to send (the installation knows its address). */
    private boolean mail(Sql.Tx tx, Principal p, UUID orgId, String email, String role, Instant expires, String token)
            throws SQLException {
        String link = link(token);
        if (link == null || !outbox.enabled()) {
            return false;
        }
        String org = tx.one("SELECT name FROM organizations WHERE id = ?", r -> r.getString("name"), orgId).orElseThrow();
        String inviter = tx.one("SELECT name, email FROM users WHERE id = ?",
                r -> r.getString("name") + " (" + r.getString("email") + ")", p.userId()).orElse("An admin");
        return outbox.enqueue(tx, orgId, "invitation", email, Letters.invitation(inviter, org, role, link, expires));
    }

    /** An invitation as its organization's admins see it. */
    public record Listed(UUID id, String email, String role, String status, Instant createdAt, Instant expiresAt,
                         String invitedBy, Instant acceptedAt) {
    }

    /** What the invited person sees before accepting. */
    public record Opened(String organization, String role, String email, String status, Instant expiresAt) {
    }

    /** The organization joined and, when the person was not signed in, their new session. */
    public record Accepted(UUID id, String name, String role, String token) {
    }

    public Issued invite(Principal p, UUID orgId, String email, String roleName) {
        access.require(p, orgId, Role.ADMIN);
        AccountService.checkEmail(email);
        String clean = email.strip();
        Role role = OrgService.assignable(roleName);
        if (clean.equalsIgnoreCase(p.email())) {
            throw ApiError.badRequest("you are already a member of this organization");
        }
        if (sql.one("SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? AND lower(u.email) = lower(?)",
                r -> 1, orgId, clean).isPresent()) {
            throw ApiError.conflict("someone with the email " + clean + " is already a member of this organization");
        }
        Optional<Instant> pending = sql.one("SELECT created_at FROM invitations WHERE org_id = ? AND lower(email) = lower(?)"
                        + " AND accepted_at IS NULL AND expires_at > ?" + notRevoked(),
                r -> Sql.instant(r, "created_at"), orgId, clean, clock.instant());
        if (pending.isPresent()) {
            throw ApiError.conflict("there is already a pending invitation for " + clean + " (made "
                    + pending.get().toString().substring(0, 10) + "); send it again or revoke it");
        }
        String token = Tokens.random();
        UUID id = UUID.randomUUID();
        Instant expires = clock.instant().plus(LIFETIME);
        boolean mailed = sql.transaction(tx -> {
            tx.update("INSERT INTO invitations (id, org_id, email, role, token_hash, invited_by, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, orgId, clean, role.wire(), Tokens.sha256Hex(token), p.userId(), expires);
            activity.append(tx, orgId, p.userId(), "member.invited", "invitation", id.toString(),
                    Map.of("email", clean, "role", role.wire()));
            return mail(tx, p, orgId, clean, role.wire(), expires, token);
        });
        return new Issued(id, clean, role.wire(), expires, token, link(token), mailed);
    }

    public List<Listed> list(Principal p, UUID orgId) {
        access.require(p, orgId, Role.ADMIN);
        requireHardening();
        Instant now = clock.instant();
        return sql.list("SELECT i.id, i.email, i.role, i.created_at, i.expires_at, i.accepted_at, i.revoked_at,"
                        + " u.email AS invited_by FROM invitations i LEFT JOIN users u ON u.id = i.invited_by"
                        + " WHERE i.org_id = ? ORDER BY i.created_at DESC LIMIT 500",
                r -> new Listed(Sql.uuid(r, "id"), r.getString("email"), r.getString("role"),
                        status(Sql.instant(r, "accepted_at"), Sql.instant(r, "revoked_at"), Sql.instant(r, "expires_at"), now),
                        Sql.instant(r, "created_at"), Sql.instant(r, "expires_at"), r.getString("invited_by"),
                        Sql.instant(r, "accepted_at")), orgId);
    }

    public void revoke(Principal p, UUID orgId, UUID id) {
        access.require(p, orgId, Role.ADMIN);
        requireHardening();
        sql.transaction(tx -> {
            Listed inv = lockForAdmin(tx, orgId, id);
            if (!inv.status().equals("pending")) {
                throw ApiError.conflict("this invitation is " + inv.status() + "; only a pending one can be revoked");
            }
            tx.update("UPDATE invitations SET revoked_at = ? WHERE id = ?", clock.instant(), id);
            activity.append(tx, orgId, p.userId(), "member.invitation_revoked", "invitation", id.toString(),
                    Map.of("email", inv.email()));
            return null;
        });
    }

    /** A new link for a pending or expired invitation: a new token and a new week; the old link stops working. */
    public Issued resend(Principal p, UUID orgId, UUID id) {
        access.require(p, orgId, Role.ADMIN);
        requireHardening();
        String token = Tokens.random();
        Instant expires = clock.instant().plus(LIFETIME);
        return sql.transaction(tx -> {
            Listed inv = lockForAdmin(tx, orgId, id);
            if (inv.status().equals("accepted") || inv.status().equals("revoked")) {
                throw ApiError.conflict("this invitation is " + inv.status() + "; make a new one instead");
            }
            tx.update("UPDATE invitations SET token_hash = ?, expires_at = ? WHERE id = ?", Tokens.sha256Hex(token), expires, id);
            activity.append(tx, orgId, p.userId(), "member.invitation_resent", "invitation", id.toString(),
                    Map.of("email", inv.email()));
            boolean mailed = mail(tx, p, orgId, inv.email(), inv.role(), expires, token);
            return new Issued(id, inv.email(), inv.role(), expires, token, link(token), mailed);
        });
    }

    /** For the person holding the link: which organization, role and email it is for, and whether it still works. */
    public Opened open(String token) {
        Pending inv = sql.transaction(tx -> find(tx, token, false));
        String org = sql.one("SELECT name FROM organizations WHERE id = ?", r -> r.getString("name"), inv.orgId()).orElseThrow();
        return new Opened(org, inv.role(), inv.email(), status(inv.acceptedAt(), inv.revokedAt(), inv.expiresAt(), clock.instant()),
                inv.expiresAt());
    }

    /**
     * Accepts as the signed-in person (whose email must be the invited one), or, signed out, as the invited
     * email's account: created with this name and password, or, when it exists, its password checked through
     * the sign-in limits. Either way the same answers, so the link does not tell whether an account exists.
     */
    public Accepted accept(Optional<Principal> principal, String token, String name, String password,
                           SessionStore.Origin origin) {
        Accepted joined = sql.transaction(tx -> {
            Pending inv = find(tx, token, true);
            switch (status(inv.acceptedAt(), inv.revokedAt(), inv.expiresAt(), clock.instant())) {
                case "accepted" -> throw ApiError.conflict("this invitation has already been used");
                case "revoked" -> throw new ApiError(410, "revoked", "this invitation was revoked; ask for a new one");
                case "expired" -> throw new ApiError(410, "expired", "this invitation expired; ask for a new one");
                default -> {
                    // pending
                }
            }
            User user;
            String session = null;
            if (principal.isPresent()) {
                if (!principal.get().email().equalsIgnoreCase(inv.email())) {
                    throw ApiError.forbidden("this invitation is for " + inv.email() + "; sign in as that person to accept it");
                }
                user = accounts.me(principal.get());
            } else {
                Optional<User> existing = accounts.byEmail(inv.email());
                user = existing.isPresent() ? accounts.checkPassword(inv.email(), String.valueOf(password), origin.client())
                        : accounts.newAccount(tx, inv.email(), Text.required("name", name, 200), password);
                session = accounts.openSession(user, origin);
            }
            UUID userId = user.id();
            tx.update("INSERT INTO memberships (org_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    inv.orgId(), userId, inv.role());
            if (release.has(Release.Feature.HARDENING)) {
                tx.update("UPDATE invitations SET accepted_at = ?, accepted_by = ? WHERE id = ?", clock.instant(), userId, inv.id());
            } else {
                tx.update("UPDATE invitations SET accepted_at = ? WHERE id = ?", clock.instant(), inv.id());
            }
            activity.append(tx, inv.orgId(), userId, "member.joined", "user", userId.toString(), Map.of("role", inv.role()));
            String orgName = tx.one("SELECT name FROM organizations WHERE id = ?", r -> r.getString("name"), inv.orgId())
                    .orElseThrow();
            return new Accepted(inv.orgId(), orgName, inv.role(), session);
        });
        principal.ifPresent(p -> live.membershipChanged(p.userId()));
        return joined;
    }

    private record Pending(UUID id, UUID orgId, String email, String role, Instant expiresAt, Instant acceptedAt,
                           Instant revokedAt) {
    }

    private Pending find(Sql.Tx tx, String token, boolean forUpdate) throws SQLException {
        String revoked = release.has(Release.Feature.HARDENING) ? "revoked_at" : "NULL::timestamptz AS revoked_at";
        return tx.one("SELECT id, org_id, email, role, expires_at, accepted_at, " + revoked + " FROM invitations"
                        + " WHERE token_hash = ?" + (forUpdate ? " FOR UPDATE" : ""),
                r -> new Pending(Sql.uuid(r, "id"), Sql.uuid(r, "org_id"), r.getString("email"),
                        r.getString("role"), Sql.instant(r, "expires_at"), Sql.instant(r, "accepted_at"),
                        Sql.instant(r, "revoked_at")), Tokens.sha256Hex(String.valueOf(token)))
                .orElseThrow(() -> ApiError.notFound("the invitation"));
    }

    private Listed lockForAdmin(Sql.Tx tx, UUID orgId, UUID id) throws SQLException {
        return tx.one("SELECT email, role, created_at, expires_at, accepted_at, revoked_at FROM invitations"
                        + " WHERE org_id = ? AND id = ? FOR UPDATE",
                r -> new Listed(id, r.getString("email"), r.getString("role"), status(Sql.instant(r, "accepted_at"),
                        Sql.instant(r, "revoked_at"), Sql.instant(r, "expires_at"), clock.instant()),
                        Sql.instant(r, "created_at"), Sql.instant(r, "expires_at"), null, Sql.instant(r, "accepted_at")),
                orgId, id).orElseThrow(() -> ApiError.notFound("the invitation"));
    }

    private String notRevoked() {
        return release.has(Release.Feature.HARDENING) ? " AND revoked_at IS NULL" : "";
    }

    private void requireHardening() {
        if (!release.has(Release.Feature.HARDENING)) {
            throw ApiError.notFound("listing, revoking and re-sending invitations (server 1.2.0 or newer)");
        }
    }

    static String status(Instant acceptedAt, Instant revokedAt, Instant expiresAt, Instant now) {
        if (acceptedAt != null) {
            return "accepted";
        }
        if (revokedAt != null) {
            return "revoked";
        }
        return now.isAfter(expiresAt) ? "expired" : "pending";
    }
}
