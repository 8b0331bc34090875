package com.adaptivestartup.server.org;

import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Text;
import com.adaptivestartup.server.realtime.LiveUpdates;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Organizations and memberships. Who may do what is {@link OrgAccess}'s; a change of someone's membership
 * reaches their open pages at once (their live sockets reconnect and learn what they may see now).
 */
public final class OrgService {
    private final Sql sql;
    private final OrgAccess access;
    private final ActivityLog activity;
    private final LiveUpdates live;

    public OrgService(Sql sql, OrgAccess access, ActivityLog activity, LiveUpdates live) {
        this.sql = sql;
        this.access = access;
        this.activity = activity;
        this.live = live;
    }

    public record Organization(UUID id, String name, String role) {
    }

    public record Member(UUID userId, String email, String name, String role) {
    }

    public List<Organization> mine(Principal p) {
        return sql.list("SELECT o.id, o.name, m.role FROM organizations o JOIN memberships m ON m.org_id = o.id"
                        + " WHERE m.user_id = ? ORDER BY o.name",
                r -> new Organization(Sql.uuid(r, "id"), r.getString("name"), r.getString("role")), p.userId());
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
        live.membershipChanged(p.userId());
        return new Organization(id, clean, Role.FOUNDER.wire());
    }

    public List<Member> members(Principal p, UUID orgId) {
        access.require(p, orgId, Role.VIEWER);
        return sql.list("SELECT u.id, u.email, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id"
                        + " WHERE m.org_id = ? ORDER BY u.email",
                r -> new Member(Sql.uuid(r, "id"), r.getString("email"), r.getString("name"), r.getString("role")),
                orgId);
    }

    public void changeRole(Principal p, UUID orgId, UUID userId, String roleName) {
        access.require(p, orgId, Role.ADMIN);
        Role role = assignable(roleName);
        Role current = access.roleOf(userId, orgId).orElseThrow(() -> ApiError.notFound("the member"));
        if (current == Role.FOUNDER) {
            throw ApiError.forbidden("the founder's role cannot be changed");
        }
        sql.transaction(tx -> {
            tx.update("UPDATE memberships SET role = ? WHERE org_id = ? AND user_id = ?", role.wire(), orgId, userId);
            activity.append(tx, orgId, p.userId(), "member.role_changed", "user", userId.toString(),
                    Map.of("from", current.wire(), "to", role.wire()));
            return null;
        });
        live.membershipChanged(userId);
    }

    public void remove(Principal p, UUID orgId, UUID userId) {
        access.require(p, orgId, Role.ADMIN);
        Role current = access.roleOf(userId, orgId).orElseThrow(() -> ApiError.notFound("the member"));
        if (current == Role.FOUNDER) {
            throw ApiError.forbidden("the founder cannot be removed");
        }
        sql.transaction(tx -> {
            tx.update("DELETE FROM memberships WHERE org_id = ? AND user_id = ?", orgId, userId);
            activity.append(tx, orgId, p.userId(), "member.removed", "user", userId.toString(), Map.of());
            return null;
        });
        live.membershipChanged(userId);
    }

    /** A role an admin may give: any but founder. */
    static Role assignable(String roleName) {
        return Role.fromWire(roleName).filter(r -> r != Role.FOUNDER)
                .orElseThrow(() -> ApiError.badRequest("role must be admin, member or viewer"));
    }
}
