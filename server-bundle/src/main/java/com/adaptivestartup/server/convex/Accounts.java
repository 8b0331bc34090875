package com.adaptivestartup.server.convex;

import com.adaptivestartup.server.db.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * People and organizations from the cloud: accounts (an existing one with the same email linked, a new one with an
 * unusable password and a link to choose one), organizations from the WorkOS ids the ventures carry, memberships
 * with the roles the cloud gave, the cloud's custom roles with the pages they open, and team members.
 */
final class Accounts {
    private static final String UNUSABLE_PASSWORD = "!imported-from-adaptive-startup-cloud";
    private static final Map<String, String> ROLES = Map.of("owner", "founder", "founder", "founder", "admin", "admin",
            "administrator", "admin", "member", "member", "editor", "member", "viewer", "viewer", "guest", "viewer",
            "read_only", "viewer");
    private final ExportArchive export;
    private final ConvexImport.Options options;
    private final DocumentRows rows;
    private final ImportReport report;
    private final Meter meter;
    private final Placements at;
    private final ConvexImport.Welcome welcome;
    /** The export's users, read once by {@link #users} (a small table) for the memberships they carry. */
    private List<ObjectNode> users = List.of();

    Accounts(ExportArchive export, ConvexImport.Options options, DocumentRows rows, ImportReport report, Meter meter,
             Placements at, ConvexImport.Welcome welcome) {
        this.export = export;
        this.options = options;
        this.rows = rows;
        this.report = report;
        this.meter = meter;
        this.at = at;
        this.welcome = welcome;
    }

    void users(Sql.Tx tx) throws SQLException {
        ImportReport.Table t = report.table("users", "users");
        users = export.all("users");
        for (ObjectNode doc : users) {
            String id = doc.get("_id").asText();
            String raw = meter.counted(doc);
            t.read++;
            String email = ConvexValues.text(doc.get("email"));
            if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+")) {
                t.skip("no email address, so the person could not sign in");
                rows.keep(tx, id, "users", raw, null, null, null, ConvexValues.sha256(raw));
                continue;
            }
            email = email.strip();
            String name = Optional.ofNullable(ConvexValues.text(doc.get("name"))).filter(n -> !n.isBlank())
                    .map(String::strip).orElse(email.substring(0, email.indexOf('@')));
            DocumentRows.Prior prior = rows.prior(id);
            Optional<UUID> mine = prior != null && prior.ourId() != null
                    ? tx.one("SELECT id FROM users WHERE id = ?", r -> Sql.uuid(r, 1), prior.ourId())
                    : Optional.empty();
            UUID user;
            if (mine.isPresent()) {
                user = mine.get();
                t.unchanged++;
            } else {
                Optional<UUID> existing = tx.one("SELECT id FROM users WHERE lower(email) = lower(?)",
                        r -> Sql.uuid(r, 1), email);
                if (existing.isPresent()) {
                    user = existing.get();
                    report.accounts.linkedToExisting++;
                    t.updated++;
                } else {
                    user = ConvexValues.idFor(id);
                    tx.update("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                            user, email, name, UNUSABLE_PASSWORD, ConvexValues.created(doc));
                    report.accounts.created++;
                    t.created++;
                    // a dry run keeps nothing: no link that would not work is handed out
                    Optional<String> link = options.dryRun() ? Optional.empty() : welcome.send(tx, user, name, email);
                    if (options.dryRun()) {
                        report.accounts.toInvite++;
                    } else if (link.isPresent()) {
                        report.accounts.invitedByLink++;
                        report.invitations.add(new ImportReport.Invitation(email, name, link.get()));
                    } else {
                        report.accounts.invitedByMail++;
                    }
                }
            }
            at.people.put(id, user);
            at.people.put("email:" + email.toLowerCase(Locale.ROOT), user);
            Optional.ofNullable(ConvexValues.text(doc.get("tokenIdentifier"))).ifPresent(s -> at.people.put("token:" + s, user));
            rows.keep(tx, id, "users", raw, "users", user, null, ConvexValues.sha256(raw));
        }
    }

    /** The cloud keeps organizations in WorkOS; each WorkOS organization the ventures name becomes one here. */
    void organizations(Sql.Tx tx, List<ObjectNode> projects) throws SQLException {
        Map<String, ObjectNode> oldestProject = new LinkedHashMap<>();
        for (ObjectNode p : projects) {
            oldestProject.putIfAbsent(at.orgKey(p), p);
        }
        for (Map.Entry<String, ObjectNode> e : oldestProject.entrySet()) {
            ObjectNode p = e.getValue();
            UUID creator = at.person(p, "creatorId", "userId");
            UUID owner = creator != null ? creator : at.installationOwner;
            if (owner == null) {
                throw new ImportFailure("this installation has no account yet and the export names no founder for "
                        + e.getKey() + "; finish the installation's setup first");
            }
            UUID org = ConvexValues.idFor("org:" + e.getKey());
            String name = ConvexValues.clip(Optional.ofNullable(ConvexValues.text(p.get("name"))).orElse("Imported organization"), 200);
            int created = tx.update("INSERT INTO organizations (id, name, created_by, created_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING", org, name, owner, ConvexValues.created(p));
            report.accounts.organizations += created;
            at.orgByKey.put(e.getKey(), org);
            join(tx, org, owner, "founder");
            ObjectNode doc = JsonNodeFactory.instance.objectNode().put("_id", "org:" + e.getKey())
                    .put("workosOrganizationId", e.getKey()).put("name", name);
            String raw = doc.toString();
            rows.keep(tx, "org:" + e.getKey(), "(workos organizations)", raw, "organizations", org, null, ConvexValues.sha256(raw));
        }
        // everyone's organizations and roles as the cloud app kept them on the user
        for (ObjectNode u : users) {
            UUID user = at.people.get(u.get("_id").asText());
            if (user == null) {
                continue;
            }
            Map<String, String> roles = new LinkedHashMap<>();
            u.path("orgIds").forEach(o -> roles.putIfAbsent(o.asText(), "member"));
            u.path("roles").forEach(r -> roles.put(r.path("orgId").asText(), ConvexValues.choice(r.get("role"))));
            for (Map.Entry<String, String> r : roles.entrySet()) {
                UUID org = at.orgByKey.get(r.getKey());
                if (org != null) {
                    join(tx, org, user, ROLES.getOrDefault(String.valueOf(r.getValue()), "member"));
                }
            }
        }
    }

    /**
     * The cloud's custom roles (not its built-in ones): which pages a role opens, and whether it creates, edits and
     * deletes, for its organization. A role of the same name made here is updated in place.
     */
    void customRoles(Sql.Tx tx) throws SQLException {
        if (!export.has("roles")) {
            return;
        }
        ImportReport.Table t = report.table("roles", "custom_roles");
        for (ObjectNode doc : export.all("roles")) {
            String id = doc.get("_id").asText();
            String raw = meter.counted(doc);
            t.read++;
            UUID org = at.organizationOf(doc);
            String name = ConvexValues.text(doc.get("name"));
            String skip = org == null ? "its venture or organization is not in the export"
                    : doc.path("isSystem").asBoolean(false) || ROLES.containsKey(String.valueOf(ConvexValues.choice(doc.get("name"))))
                    ? "a built-in role (founder, admin, member, viewer are this installation's own)"
                    : name == null || name.isBlank() ? "it has no name" : null;
            if (skip != null) {
                t.skip(skip);
                rows.keep(tx, id, "roles", raw, null, null, null, ConvexValues.sha256(raw));
                continue;
            }
            java.util.TreeSet<String> pages = new java.util.TreeSet<>();
            for (JsonNode page : doc.path("allowedPages")) {
                String ours = Mappings.PAGES.get(String.valueOf(ConvexValues.choice(page)));
                if (ours != null) {
                    pages.add(ours);
                } else {
                    t.notCarried("allowedPages", "the page " + page.asText() + " has no place here yet");
                }
            }
            JsonNode global = doc.path("permissions").path("global");
            UUID roleId = tx.one("INSERT INTO custom_roles (id, org_id, name, description, allowed_pages, can_create,"
                            + " can_edit, can_delete, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (org_id, lower(name)) DO UPDATE SET description = EXCLUDED.description,"
                            + " allowed_pages = EXCLUDED.allowed_pages, can_create = EXCLUDED.can_create,"
                            + " can_edit = EXCLUDED.can_edit, can_delete = EXCLUDED.can_delete,"
                            + " revision = custom_roles.revision + 1, updated_at = now() RETURNING id",
                    r -> Sql.uuid(r, 1), ConvexValues.idFor(id), org, ConvexValues.clip(name.strip(), 60),
                    ConvexValues.clip(Optional.ofNullable(ConvexValues.text(doc.get("description"))).orElse(""), 500),
                    pages.toArray(String[]::new), global.path("create").asBoolean(false),
                    global.path("edit").asBoolean(false), global.path("delete").asBoolean(false), ConvexValues.created(doc)).orElseThrow();
            at.customRoleByName.put(org + "/" + ConvexValues.choice(doc.get("name")), roleId);
            t.created++;
            rows.keep(tx, id, "roles", raw, "custom_roles", roleId, null, ConvexValues.sha256(raw));
        }
    }

    void teamMembers(Sql.Tx tx) throws SQLException {
        if (!export.has("team_members")) {
            return;
        }
        ImportReport.Table t = report.table("team_members", "memberships");
        for (ObjectNode doc : export.all("team_members")) {
            String id = doc.get("_id").asText();
            String raw = meter.counted(doc);
            t.read++;
            String status = Optional.ofNullable(ConvexValues.choice(doc.get("status"))).orElse("active");
            UUID org = at.organizationOf(doc);
            String email = ConvexValues.text(doc.get("email"));
            UUID user = email == null ? null : at.people.get("email:" + email.strip().toLowerCase(Locale.ROOT));
            if (user == null && email != null) {
                user = tx.one("SELECT id FROM users WHERE lower(email) = lower(?)", r -> Sql.uuid(r, 1),
                        email.strip()).orElse(null);
            }
            String skip = org == null ? "its venture or organization is not in the export"
                    : status.equals("pending") ? "an invitation not yet accepted in the cloud (invite again from Members)"
                    : status.equals("revoked") || status.equals("inactive") ? "no longer a member in the cloud"
                    : user == null ? "no account in the export uses its email" : null;
            if (skip != null) {
                t.skip(skip);
                rows.keep(tx, id, "team_members", raw, null, null, null, ConvexValues.sha256(raw));
                continue;
            }
            at.people.put(id, user);
            String named = ConvexValues.choice(doc.has("acceptedRole") ? doc.get("acceptedRole") : doc.get("role"));
            UUID custom = named == null ? null : at.customRoleByName.get(org + "/" + named);
            String role = custom != null ? "member" : ROLES.getOrDefault(String.valueOf(named), "member");
            if (join(tx, org, user, role)) {
                t.created++;
            } else {
                t.unchanged++;
            }
            if (custom != null) {
                // a custom role of the cloud is a member (or viewer) here narrowed by that role, as the cloud had it
                tx.update("UPDATE memberships SET custom_role_id = ? WHERE org_id = ? AND user_id = ?"
                        + " AND role IN ('member', 'viewer') AND custom_role_id IS NULL", custom, org, user);
            }
            rows.keep(tx, id, "team_members", raw, "memberships", user, null, ConvexValues.sha256(raw));
        }
    }

    /** Makes the person a member (the first role given wins; a role changed here since stays). True when new. */
    boolean join(Sql.Tx tx, UUID org, UUID user, String role) throws SQLException {
        at.members.computeIfAbsent(org, o -> new HashSet<>()).add(user);
        int n = tx.update("INSERT INTO memberships (org_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                org, user, role);
        report.accounts.memberships += n;
        return n > 0;
    }
}
