package com.adaptivestartup.server.org;

import com.adaptivestartup.server.access.CustomRole;
import com.adaptivestartup.server.access.Grant;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.db.DataAccessException;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Text;
import com.adaptivestartup.server.realtime.LiveUpdates;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An organization's custom roles (release 1.2.0): admins define them and give them to members and viewers; the
 * access check applies them on every workspace route. A role in use cannot be deleted, and a change to a role or
 * to who holds it reaches its holders' open pages at once (they reconnect and learn what they may see now).
 */
public final class CustomRoles {
    private static final String COLUMNS = "id, name, description, allowed_pages, can_create, can_edit, can_delete, revision";
    private final Sql sql;
    private final OrgAccess access;
    private final ActivityLog activity;
    private final LiveUpdates live;
    private final List<String> pages;

    public CustomRoles(Sql sql, OrgAccess access, ActivityLog activity, LiveUpdates live, List<String> pages) {
        this.sql = sql;
        this.access = access;
        this.activity = activity;
        this.live = live;
        this.pages = List.copyOf(pages);
    }

    /** A new role or a change; absent fields of a change stay as they are. */
    public record Draft(String name, String description, List<String> allowedPages, Boolean canCreate, Boolean canEdit,
                        Boolean canDelete, Integer revision) {
    }

    /** What the caller may do here, for the page to show only that: their role, their custom role, the pages. */
    public record MyAccess(String role, CustomRole customRole, List<String> pages) {
    }

    public MyAccess mine(Principal p, UUID orgId) {
        Grant grant = access.grantOf(p.userId(), orgId).orElseThrow(() -> ApiError.notFound("the organization"));
        return new MyAccess(grant.role().wire(), grant.role().atLeast(Role.ADMIN) ? null : grant.customRole(), pages);
    }

    /** A role with the members who hold it. */
    public record Listed(@com.fasterxml.jackson.annotation.JsonUnwrapped CustomRole role, List<UUID> holders) {
    }

    public List<Listed> list(Principal p, UUID orgId) {
        access.require(p, orgId, Role.VIEWER);
        Map<UUID, List<UUID>> holders = sql.list("SELECT custom_role_id, user_id FROM memberships"
                        + " WHERE org_id = ? AND custom_role_id IS NOT NULL",
                        r -> Map.entry(Sql.uuid(r, 1), Sql.uuid(r, 2)), orgId).stream()
                .collect(java.util.stream.Collectors.groupingBy(Map.Entry::getKey,
                        java.util.stream.Collectors.mapping(Map.Entry::getValue, java.util.stream.Collectors.toList())));
        return sql.list("SELECT " + COLUMNS + " FROM custom_roles WHERE org_id = ? ORDER BY lower(name)",
                OrgAccess::customRole, orgId).stream()
                .map(role -> new Listed(role, holders.getOrDefault(role.id(), List.of()))).toList();
    }

    public CustomRole create(Principal p, UUID orgId, Draft draft) {
        access.require(p, orgId, Role.ADMIN);
        String name = Text.required("name", draft.name(), 80);
        String description = draft.description() == null ? "" : Text.optional("description", draft.description(), 500);
        String[] allowed = pages(draft.allowedPages() == null ? List.of() : draft.allowedPages());
        UUID id = UUID.randomUUID();
        return nameTaken(() -> sql.transaction(tx -> {
            tx.update("INSERT INTO custom_roles (id, org_id, name, description, allowed_pages, can_create, can_edit, can_delete)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, orgId, name, description, allowed, flag(draft.canCreate()),
                    flag(draft.canEdit()), flag(draft.canDelete()));
            activity.append(tx, orgId, p.userId(), "role.created", "role", id.toString(), Map.of("name", name));
            return find(tx, orgId, id);
        }));
    }

    public CustomRole update(Principal p, UUID orgId, UUID id, Draft draft) {
        access.require(p, orgId, Role.ADMIN);
        String name = draft.name() == null ? null : Text.required("name", draft.name(), 80);
        String description = Text.optional("description", draft.description(), 500);
        String[] allowed = draft.allowedPages() == null ? null : pages(draft.allowedPages());
        CustomRole changed = nameTaken(() -> sql.transaction(tx -> {
            int rows = tx.update("UPDATE custom_roles SET name = coalesce(?, name), description = coalesce(?, description),"
                            + " allowed_pages = coalesce(?, allowed_pages), can_create = coalesce(?, can_create),"
                            + " can_edit = coalesce(?, can_edit), can_delete = coalesce(?, can_delete), revision = revision + 1,"
                            + " updated_at = now() WHERE org_id = ? AND id = ? AND (?::int IS NULL OR revision = ?::int)",
                    name, description, allowed, draft.canCreate(), draft.canEdit(), draft.canDelete(), orgId, id,
                    draft.revision(), draft.revision());
            if (rows == 0) {
                CustomRole current = find(tx, orgId, id);
                throw ApiError.conflict("the role changed since you loaded it (revision " + current.revision() + ", yours "
                        + draft.revision() + "); reload and try again");
            }
            activity.append(tx, orgId, p.userId(), "role.updated", "role", id.toString(), Map.of());
            return find(tx, orgId, id);
        }));
        holders(orgId, id).forEach(live::membershipChanged);
        return changed;
    }

    public void delete(Principal p, UUID orgId, UUID id) {
        access.require(p, orgId, Role.ADMIN);
        sql.transaction(tx -> {
            CustomRole role = find(tx, orgId, id);
            long holders = tx.one("SELECT count(*) FROM memberships WHERE org_id = ? AND custom_role_id = ?",
                    r -> r.getLong(1), orgId, id).orElse(0L);
            if (holders > 0) {
                throw ApiError.conflict("the role " + role.name() + " is held by " + holders + (holders == 1 ? " member" : " members")
                        + "; give them another role first (deleting it would give them their built-in role's rights)");
            }
            tx.update("DELETE FROM custom_roles WHERE org_id = ? AND id = ?", orgId, id);
            activity.append(tx, orgId, p.userId(), "role.deleted", "role", id.toString(), Map.of("name", role.name()));
            return null;
        });
    }

    /** Gives a member or viewer a custom role, or takes it away ({@code roleId} null). */
    public void assign(Principal p, UUID orgId, UUID userId, UUID roleId) {
        access.require(p, orgId, Role.ADMIN);
        Role base = access.roleOf(userId, orgId).orElseThrow(() -> ApiError.notFound("the member"));
        if (base.atLeast(Role.ADMIN)) {
            throw ApiError.badRequest("the founder and admins have every right; a custom role is for members and viewers");
        }
        sql.transaction(tx -> {
            if (roleId != null) {
                find(tx, orgId, roleId);
            }
            tx.update("UPDATE memberships SET custom_role_id = ? WHERE org_id = ? AND user_id = ?", roleId, orgId, userId);
            activity.append(tx, orgId, p.userId(), "member.custom_role_changed", "user", userId.toString(),
                    roleId == null ? Map.of() : Map.of("role", roleId));
            return null;
        });
        live.membershipChanged(userId);
    }

    private List<UUID> holders(UUID orgId, UUID roleId) {
        return sql.list("SELECT user_id FROM memberships WHERE org_id = ? AND custom_role_id = ?",
                r -> Sql.uuid(r, 1), orgId, roleId);
    }

    private static CustomRole find(Sql.Tx tx, UUID orgId, UUID id) throws java.sql.SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM custom_roles WHERE org_id = ? AND id = ?", OrgAccess::customRole, orgId, id)
                .orElseThrow(() -> ApiError.notFound("the role"));
    }

    private String[] pages(List<String> asked) {
        for (String page : asked) {
            if (!pages.contains(page)) {
                throw ApiError.badRequest("'" + page + "' is no page of the workspace; the pages are: " + String.join(", ", pages));
            }
        }
        return new LinkedHashSet<>(asked).toArray(String[]::new);
    }

    private static boolean flag(Boolean value) {
        return value != null && value;
    }

    private static <T> T nameTaken(java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (DataAccessException e) {
            if (e.violates("custom_roles_name")) {
                throw ApiError.conflict("this organization already has a role with that name");
            }
            throw e;
        }
    }
}
