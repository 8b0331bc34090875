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
    private final Sql sql;

    public OrgAccess(Sql sql) {
        this.sql = sql;
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

    /** Every member of the organization with their role, in one query (the live push re-checks with it). */
    public Map<UUID, Role> membersOf(UUID orgId) {
        return sql.list("SELECT user_id, role FROM memberships WHERE org_id = ?",
                        r -> Map.entry(r.getObject("user_id", UUID.class), Role.fromWire(r.getString("role")).orElseThrow()),
                        orgId).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
