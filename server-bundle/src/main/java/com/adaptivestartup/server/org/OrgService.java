package com.adaptivestartup.server.org;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.auth.Tokens;
import com.adaptivestartup.server.auth.User;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Organizations, memberships and invitations, and the one access check every org-scoped request goes
 * through: not a member means "not found" (nothing about another organization leaks), too low a role
 * means "forbidden" with the reason.
 */
public final class OrgService {
    private static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    private final Sql sql;
    private final AccountService accounts;
    private final ActivityLog activity;
    private final Clock clock;

    public OrgService(Sql sql, AccountService accounts, ActivityLog activity, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.activity = activity;
        this.clock = clock;
    }

    public record Organization(UUID id, String name, String role) {
    }

    public record Member(UUID userId, String email, String name, String role) {
    }

    public record Invitation(UUID id, String email, String role, Instant expiresAt, String token) {
    }

    /** The caller's role in the organization, at least {@code minimum}, or an error. */
    public Role require(Principal p, UUID orgId, Role minimum) {
        Role role = roleOf(p.userId(), orgId).orElseThrow(() -> ApiError.notFound("the organization"));
        if (!role.atLeast(minimum)) {
            throw ApiError.forbidden("your role here is " + role.wire() + "; this needs " + minimum.wire() + " or higher");
        }
        return role;
    }

    public Optional<Role> roleOf(UUID userId, UUID orgId) {
        return sql.one("SELECT role FROM memberships WHERE org_id = ? AND user_id = ?",
                r -> Role.fromWire(r.getString("role")).orElseThrow(), orgId, userId);
    }

    public List<UUID> orgIdsOf(UUID userId) {
        return sql.list("SELECT org_id FROM memberships WHERE user_id = ?", r -> r.getObject("org_id", UUID.class), userId);
    }

    public List<Organization> mine(Principal p) {
        return sql.list("SELECT o.id, o.name, m.role FROM organizations o JOIN memberships m ON m.org_id = o.id"
                        + " WHERE m.user_id = ? ORDER BY o.name",
                r -> new Organization(r.getObject("id", UUID.class), r.getString("name"), r.getString("role")), p.userId());
    }

    public Organization create(Principal p, String name) {
        String clean = Text.required("name", name, 200);
        UUID id = UUID.randomUUID();
        sql.transaction(tx -> {
            tx.update("INSERT INTO organizations (id, name, created_by) VALUES (?, ?, ?)", id, clean, p.userId());
            tx.update("INSERT INTO memberships (org_id, user_id, role) VALUES (?, ?, 'founder')", id, p.userId());
            activity.append(tx, id, p.userId(), "org.created", "organization", id.toString(), Map.of("name", clean));
            return null;
        });
        return new Organization(id, clean, Role.FOUNDER.wire());
    }

    public List<Member> members(Principal p, UUID orgId) {
        require(p, orgId, Role.VIEWER);
        return sql.list("SELECT u.id, u.email, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id"
                        + " WHERE m.org_id = ? ORDER BY u.email",
                r -> new Member(r.getObject("id", UUID.class), r.getString("email"), r.getString("name"), r.getString("role")),
                orgId);
    }

    public void changeRole(Principal p, UUID orgId, UUID userId, String roleName) {
        require(p, orgId, Role.ADMIN);
        Role role = Role.fromWire(roleName).filter(r -> r != Role.FOUNDER)
                .orElseThrow(() -> ApiError.badRequest("role must be admin, member or viewer"));
        Role current = roleOf(userId, orgId).orElseThrow(() -> ApiError.notFound("the member"));
        if (current == Role.FOUNDER) {
            throw ApiError.forbidden("the founder's role cannot be changed");
        }
        sql.transaction(tx -> {
            tx.update("UPDATE memberships SET role = ? WHERE org_id = ? AND user_id = ?", role.wire(), orgId, userId);
            activity.append(tx, orgId, p.userId(), "member.role_changed", "user", userId.toString(),
                    Map.of("from", current.wire(), "to", role.wire()));
            return null;
        });
    }

    public void remove(Principal p, UUID orgId, UUID userId) {
        require(p, orgId, Role.ADMIN);
        Role current = roleOf(userId, orgId).orElseThrow(() -> ApiError.notFound("the member"));
        if (current == Role.FOUNDER) {
            throw ApiError.forbidden("the founder cannot be removed");
        }
        sql.transaction(tx -> {
            tx.update("DELETE FROM memberships WHERE org_id = ? AND user_id = ?", orgId, userId);
            activity.append(tx, orgId, p.userId(), "member.removed", "user", userId.toString(), Map.of());
            return null;
        });
    }

    /** Creates an invitation; its token is returned once, to be sent to the invitee. */
    public Invitation invite(Principal p, UUID orgId, String email, String roleName) {
        require(p, orgId, Role.ADMIN);
        AccountService.checkEmail(email);
        Role role = Role.fromWire(roleName).filter(r -> r != Role.FOUNDER)
                .orElseThrow(() -> ApiError.badRequest("role must be admin, member or viewer"));
        String token = Tokens.random();
        UUID id = UUID.randomUUID();
        Instant expires = clock.instant().plus(INVITATION_LIFETIME);
        sql.transaction(tx -> {
            tx.update("INSERT INTO invitations (id, org_id, email, role, token_hash, invited_by, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, orgId, email.strip(), role.wire(), Tokens.sha256Hex(token),
                    p.userId(), expires);
            activity.append(tx, orgId, p.userId(), "member.invited", "invitation", id.toString(),
                    Map.of("email", email.strip(), "role", role.wire()));
            return null;
        });
        return new Invitation(id, email.strip(), role.wire(), expires, token);
    }

    private record Pending(UUID id, UUID orgId, String email, String role, Instant expiresAt, Instant acceptedAt) {
    }

    /**
     * Accepts an invitation: as the signed-in user (principal present), or by creating an account with
     * the invitation's email and the given name and password.
     */
    public Organization accept(Optional<Principal> principal, String token, String name, String password) {
        String hash = Tokens.sha256Hex(String.valueOf(token));
        return sql.transaction(tx -> {
            Pending inv = tx.one("SELECT id, org_id, email, role, expires_at, accepted_at FROM invitations"
                            + " WHERE token_hash = ? FOR UPDATE",
                    r -> new Pending(r.getObject("id", UUID.class), r.getObject("org_id", UUID.class), r.getString("email"),
                            r.getString("role"), Sql.instant(r, "expires_at"), Sql.instant(r, "accepted_at")), hash)
                    .orElseThrow(() -> ApiError.notFound("the invitation"));
            if (inv.acceptedAt() != null) {
                throw ApiError.conflict("this invitation has already been used");
            }
            if (clock.instant().isAfter(inv.expiresAt())) {
                throw new ApiError(410, "expired", "this invitation expired; ask for a new one");
            }
            UUID userId;
            if (principal.isPresent()) {
                userId = principal.get().userId();
            } else {
                User user = accounts.newAccount(tx, inv.email(), Text.required("name", name, 200), password);
                userId = user.id();
            }
            tx.update("INSERT INTO memberships (org_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    inv.orgId(), userId, inv.role());
            tx.update("UPDATE invitations SET accepted_at = ? WHERE id = ?", clock.instant(), inv.id());
            activity.append(tx, inv.orgId(), userId, "member.joined", "user", userId.toString(), Map.of("role", inv.role()));
            String orgName = tx.one("SELECT name FROM organizations WHERE id = ?", r -> r.getString("name"), inv.orgId())
                    .orElseThrow();
            return new Organization(inv.orgId(), orgName, inv.role());
        });
    }
}
