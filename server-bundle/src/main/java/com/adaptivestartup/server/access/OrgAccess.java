package com.adaptivestartup.server.access;

import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one access check every organization-scoped request goes through: not a member means "not found"
 * (nothing about another organization leaks), too low a role means "forbidden" with the reason. It reads
 * memberships and knows nothing else (not the activity log, not the features that call it).
 */
public final class OrgAccess {
    /** The pages of the venture's overview (its profile, ventures themselves, metrics), beside the workspace's. */
    public static final String OVERVIEW = "overview";
    private final Sql sql;
    private final boolean customRoles;

    /** {@code customRoles}: the schema has them (release 1.2.0); before, the built-in role decides every page. */
    public OrgAccess(Sql sql, boolean customRoles) {
        this.sql = sql;
        this.customRoles = customRoles;
    }

    /** The caller's role in the organization, at least {@code minimum}, or an error. */
    public Role require(Principal p, UUID orgId, Role minimum) {
        Role role = roleOf(p.userId(), orgId).orElseThrow(() -> ApiError.notFound("the organization"));
        if (!role.atLeast(minimum)) {
            throw ApiError.forbidden("your role here is " + role.wire() + "; this needs " + minimum.wire() + " or higher");
        }
        return role;
    }

    /**
     * The caller's grant in the organization, allowing {@code action} on the workspace {@code page}, or an error:
     * not a member is "not found", a page their custom role does not include or a right it lacks is "forbidden"
     * with the reason. Before release 1.2.0 (no custom roles) viewing needs a viewer and the rest a member.
     */
    public Grant require(Principal p, UUID orgId, String page, Action action) {
        if (!customRoles) {
            return new Grant(require(p, orgId, action == Action.VIEW ? Role.VIEWER : Role.MEMBER), null);
        }
        Grant grant = grantOf(p.userId(), orgId).orElseThrow(() -> ApiError.notFound("the organization"));
        if (!grant.allows(page, action)) {
            throw ApiError.forbidden(grant.refusal(page, action));
        }
        return grant;
    }

    public Optional<Grant> grantOf(UUID userId, UUID orgId) {
        return sql.one("SELECT m.role, c.id, c.name, c.description, c.allowed_pages, c.can_create, c.can_edit, c.can_delete,"
                + " c.revision FROM memberships m LEFT JOIN custom_roles c ON c.id = m.custom_role_id"
                + " WHERE m.org_id = ? AND m.user_id = ?", r -> new Grant(Role.fromWire(r.getString("role")).orElseThrow(),
                r.getObject("id") == null ? null : customRole(r)), orgId, userId);
    }

    public static CustomRole customRole(java.sql.ResultSet r) throws java.sql.SQLException {
        return new CustomRole(Sql.uuid(r, "id"), r.getString("name"), r.getString("description"),
                List.copyOf(Sql.strings(r, "allowed_pages")), r.getBoolean("can_create"),
                r.getBoolean("can_edit"), r.getBoolean("can_delete"), r.getInt("revision"));
    }

    /** Every member of the organization and whether they may see the workspace {@code page}, in one query. */
    public Map<UUID, Boolean> membersSeeing(UUID orgId, String page) {
        if (!customRoles) {
            return membersOf(orgId).keySet().stream().collect(Collectors.toMap(id -> id, id -> true));
        }
        return sql.list("SELECT m.user_id, (m.role IN ('founder', 'admin') OR m.custom_role_id IS NULL"
                                + " OR " + sql.dialect().arrayHolds("c.allowed_pages") + ") AS sees"
                                + " FROM memberships m LEFT JOIN custom_roles c ON c.id = m.custom_role_id WHERE m.org_id = ?",
                        r -> Map.entry(Sql.uuid(r, "user_id"), r.getBoolean("sees")), page, orgId).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Optional<Role> roleOf(UUID userId, UUID orgId) {
        return sql.one("SELECT role FROM memberships WHERE org_id = ? AND user_id = ?",
                r -> Role.fromWire(r.getString("role")).orElseThrow(), orgId, userId);
    }

    public List<UUID> orgIdsOf(UUID userId) {
        return sql.list("SELECT org_id FROM memberships WHERE user_id = ?", r -> Sql.uuid(r, "org_id"), userId);
    }

    /** Every member of the organization with their role, in one query (the live push re-checks with it). */
    public Map<UUID, Role> membersOf(UUID orgId) {
        return sql.list("SELECT user_id, role FROM memberships WHERE org_id = ?",
                        r -> Map.entry(Sql.uuid(r, "user_id"), Role.fromWire(r.getString("role")).orElseThrow()),
                        orgId).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
