package com.adaptivestartup.server.convex;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.resource.Catalogue;
import com.adaptivestartup.server.resource.Field;
import com.adaptivestartup.server.resource.RecordImport;
import com.adaptivestartup.server.resource.Resource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One import, step by step inside its transaction: accounts, organizations and memberships, ventures and their
 * milestones, folders and files, the workspace's tables in the order their references need, notifications, the
 * activity log, the archive of everything else, what was deleted in the cloud, and the verification.
 */
final class ImportRun {
    /** Tables the importer reads itself (besides {@link Mappings#WORKSPACE}). */
    private static final Set<String> OWN = Set.of("users", "projects", "team_members", "roles", "folders", "files",
            "notifications", "activity_log", "competitor_config");
    private static final String UNUSABLE_PASSWORD = "!imported-from-adaptive-startup-cloud";
    private static final Map<String, String> ROLES = Map.of("owner", "founder", "founder", "founder", "admin", "admin",
            "administrator", "admin", "member", "member", "editor", "member", "viewer", "viewer", "guest", "viewer",
            "read_only", "viewer");

    private final ExportArchive export;
    private final ConvexImport.Options options;
    private final Sql sql;
    private final ActivityLog activity;
    private final Catalogue catalogue;
    private final Clock clock;
    private final ConvexImport.Welcome welcome;
    private final UUID deployment;
    private final ImportReport report = new ImportReport();
    private final DocumentRows rows;
    private final Meter meter;
    private final FileImport files;

    /** Where each Convex document went: our resource, id, venture and organization. */
    private record Place(String resource, UUID id, UUID ventureId, UUID orgId) {
    }

    private final Map<String, Place> places = new HashMap<>();
    /** Convex user ids, WorkOS subjects ("token:"), emails ("email:") and team member ids -> our user. */
    private final Map<String, UUID> people = new HashMap<>();
    private final Map<UUID, Set<UUID>> members = new HashMap<>();
    private final Map<String, UUID> firsts = new HashMap<>();
    private final Map<String, UUID> storageFiles = new HashMap<>();
    private final Map<String, List<UUID>> initiativeFiles = new HashMap<>();
    private final Map<String, UUID> orgByKey = new HashMap<>();
    /** "org id/role name as a choice" -> the custom role made for it. */
    private final Map<String, UUID> customRoleByName = new HashMap<>();
    /** Records written by this import and their fingerprints, for the verification. */
    private final List<Written> written = new ArrayList<>();
    private final List<String> removedObjects = new ArrayList<>();
    private final Map<UUID, Long> perOrg = new LinkedHashMap<>();
    private UUID installationOwner;

    private record Written(Resource resource, UUID id, String fingerprint) {
    }

    ImportRun(ExportArchive export, UUID deployment, ConvexImport.Options options, Sql sql, ObjectStore store, ActivityLog activity,
              Catalogue catalogue, Clock clock, Consumer<ConvexImport.Progress> progress, ConvexImport.Welcome welcome) {
        this.export = export;
        this.options = options;
        this.sql = sql;
        this.activity = activity;
        this.catalogue = catalogue;
        this.clock = clock;
        this.welcome = welcome;
        report.importId = UUID.randomUUID();
        report.dryRun = options.dryRun();
        report.export = export.name();
        report.exportBytes = export.bytes();
        report.startedAt = clock.instant();
        long fileBytes = export.storage().values().stream().mapToLong(f -> Math.max(0, export.fileSize(f.id()))).sum();
        report.files.inExport = export.storage().size();
        report.files.bytesInExport = fileBytes;
        this.deployment = deployment;
        this.rows = new DocumentRows(report.importId, deployment);
        this.meter = new Meter(clock, progress, export.documentBytes(), fileBytes);
        this.files = new FileImport(export, store, options.dryRun(), meter, report.files);
    }

    ImportReport report() {
        return report;
    }

    void all(Sql.Tx tx) throws SQLException {
        currentTx = tx;
        meter.step("reading what earlier imports brought");
        rows.loadPrior(tx);
        installationOwner = tx.one("SELECT id FROM users ORDER BY created_at, id LIMIT 1", r -> r.getObject(1, UUID.class))
                .orElse(null);
        meter.step("users");
        users(tx);
        meter.step("projects");
        List<ObjectNode> projects = export.all("projects");
        projects.sort(Comparator.comparingDouble(p -> p.path("_creationTime").asDouble()));
        organizations(tx, projects);
        ventures(tx, projects);
        customRoles(tx);
        teamMembers(tx);
        meter.step("folders");
        folders(tx);
        meter.step("files");
        cloudFiles(tx);
        for (Mappings.Mapping m : Mappings.WORKSPACE) {
            meter.step(m.table());
            workspace(tx, m);
        }
        meter.step("competitor_config");
        competitorAttributes(tx);
        ventureLinks(tx, projects);
        meter.step("notifications");
        notifications(tx);
        meter.step("activity log");
        activityLog(tx);
        meter.step("archive");
        archiveTheRest(tx);
        rows.flush(tx);
        notReferencedFiles();
        meter.step("deleted in the cloud");
        deletedInCloud(tx);
        meter.step("verifying");
        verify(tx);
        report.finishedAt = clock.instant();
        if (!options.dryRun()) {
            for (Map.Entry<UUID, Long> org : perOrg.entrySet()) {
                activity.append(tx, org.getKey(), null, "import.convex", "organization", org.getKey().toString(),
                        Map.of("export", export.name(), "importId", report.importId.toString(), "records", org.getValue()));
            }
            tx.update("INSERT INTO convex_imports (id, deployment, started_at, finished_at, export_name, report)"
                            + " VALUES (?, ?, ?, ?, ?, ?::jsonb)", report.importId, deployment, report.startedAt,
                    report.finishedAt, export.name(), report.savedJson());
        }
        meter.step(options.dryRun() ? "dry run done: nothing kept" : "committing");
    }

    void discardUploads() {
        files.discard();
    }

    /** Once committed: the objects of files replaced or removed by this import are taken away. */
    void afterCommit() {
        if (options.dryRun()) {
            return;
        }
        List<String> gone = new ArrayList<>(files.replaced);
        gone.addAll(removedObjects);
        for (String key : gone) {
            try {
                files.deleteObject(key);
            } catch (RuntimeException e) {
                // an object nothing refers to any more is harmless
            }
        }
    }

    // ---- accounts, organizations, ventures

    private void users(Sql.Tx tx) throws SQLException {
        ImportReport.Table t = report.table("users", "users");
        for (ObjectNode doc : export.all("users")) {
            String id = doc.get("_id").asText();
            String raw = counted(doc);
            t.read++;
            String email = ConvexValues.text(doc.get("email"));
            if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+")) {
                t.skip("no email address, so the person could not sign in");
                rows.keep(tx, id, "users", raw, null, null, null, sha256(raw));
                continue;
            }
            email = email.strip();
            String name = Optional.ofNullable(ConvexValues.text(doc.get("name"))).filter(n -> !n.isBlank())
                    .map(String::strip).orElse(email.substring(0, email.indexOf('@')));
            DocumentRows.Prior prior = rows.prior(id);
            Optional<UUID> mine = prior != null && prior.ourId() != null
                    ? tx.one("SELECT id FROM users WHERE id = ?", r -> r.getObject(1, UUID.class), prior.ourId())
                    : Optional.empty();
            UUID user;
            if (mine.isPresent()) {
                user = mine.get();
                t.unchanged++;
            } else {
                Optional<UUID> existing = tx.one("SELECT id FROM users WHERE lower(email) = lower(?)",
                        r -> r.getObject(1, UUID.class), email);
                if (existing.isPresent()) {
                    user = existing.get();
                    report.accounts.linkedToExisting++;
                    t.updated++;
                } else {
                    user = ConvexValues.idFor(id);
                    tx.update("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                            user, email, name, UNUSABLE_PASSWORD, created(doc));
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
            people.put(id, user);
            people.put("email:" + email.toLowerCase(Locale.ROOT), user);
            Optional.ofNullable(ConvexValues.text(doc.get("tokenIdentifier"))).ifPresent(s -> people.put("token:" + s, user));
            rows.keep(tx, id, "users", raw, "users", user, null, sha256(raw));
        }
    }

    /** The cloud keeps organizations in WorkOS; each WorkOS organization the ventures name becomes one here. */
    private void organizations(Sql.Tx tx, List<ObjectNode> projects) throws SQLException {
        Map<String, ObjectNode> oldestProject = new LinkedHashMap<>();
        for (ObjectNode p : projects) {
            oldestProject.putIfAbsent(orgKey(p), p);
        }
        for (Map.Entry<String, ObjectNode> e : oldestProject.entrySet()) {
            ObjectNode p = e.getValue();
            UUID creator = person(p, "creatorId", "userId");
            UUID owner = creator != null ? creator : installationOwner;
            if (owner == null) {
                throw new ImportFailure("this installation has no account yet and the export names no founder for "
                        + e.getKey() + "; finish the installation's setup first");
            }
            UUID org = ConvexValues.idFor("org:" + e.getKey());
            String name = clip(Optional.ofNullable(ConvexValues.text(p.get("name"))).orElse("Imported organization"), 200);
            int created = tx.update("INSERT INTO organizations (id, name, created_by, created_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING", org, name, owner, created(p));
            report.accounts.organizations += created;
            orgByKey.put(e.getKey(), org);
            join(tx, org, owner, "founder");
            ObjectNode doc = JsonNodeFactory.instance.objectNode().put("_id", "org:" + e.getKey())
                    .put("workosOrganizationId", e.getKey()).put("name", name);
            String raw = doc.toString();
            rows.keep(tx, "org:" + e.getKey(), "(workos organizations)", raw, "organizations", org, null, sha256(raw));
        }
        // everyone's organizations and roles as the cloud app kept them on the user
        for (ObjectNode u : export.all("users")) {
            UUID user = people.get(u.get("_id").asText());
            if (user == null) {
                continue;
            }
            Map<String, String> roles = new LinkedHashMap<>();
            u.path("orgIds").forEach(o -> roles.putIfAbsent(o.asText(), "member"));
            u.path("roles").forEach(r -> roles.put(r.path("orgId").asText(), ConvexValues.choice(r.get("role"))));
            for (Map.Entry<String, String> r : roles.entrySet()) {
                UUID org = orgByKey.get(r.getKey());
                if (org != null) {
                    join(tx, org, user, ROLES.getOrDefault(String.valueOf(r.getValue()), "member"));
                }
            }
        }
    }

    private void teamMembers(Sql.Tx tx) throws SQLException {
        if (!export.has("team_members")) {
            return;
        }
        ImportReport.Table t = report.table("team_members", "memberships");
        for (ObjectNode doc : export.all("team_members")) {
            String id = doc.get("_id").asText();
            String raw = counted(doc);
            t.read++;
            String status = Optional.ofNullable(ConvexValues.choice(doc.get("status"))).orElse("active");
            UUID org = organizationOf(doc);
            String email = ConvexValues.text(doc.get("email"));
            UUID user = email == null ? null : people.get("email:" + email.strip().toLowerCase(Locale.ROOT));
            if (user == null && email != null) {
                user = tx.one("SELECT id FROM users WHERE lower(email) = lower(?)", r -> r.getObject(1, UUID.class),
                        email.strip()).orElse(null);
            }
            String skip = org == null ? "its venture or organization is not in the export"
                    : status.equals("pending") ? "an invitation not yet accepted in the cloud (invite again from Members)"
                    : status.equals("revoked") || status.equals("inactive") ? "no longer a member in the cloud"
                    : user == null ? "no account in the export uses its email" : null;
            if (skip != null) {
                t.skip(skip);
                rows.keep(tx, id, "team_members", raw, null, null, null, sha256(raw));
                continue;
            }
            people.put(id, user);
            String named = ConvexValues.choice(doc.has("acceptedRole") ? doc.get("acceptedRole") : doc.get("role"));
            UUID custom = named == null ? null : customRoleByName.get(org + "/" + named);
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
            rows.keep(tx, id, "team_members", raw, "memberships", user, null, sha256(raw));
        }
    }

    /**
     * The cloud's custom roles (not its built-in ones): which pages a role opens, and whether it creates, edits and
     * deletes, for its organization. A role of the same name made here is updated in place.
     */
    private void customRoles(Sql.Tx tx) throws SQLException {
        if (!export.has("roles")) {
            return;
        }
        ImportReport.Table t = report.table("roles", "custom_roles");
        for (ObjectNode doc : export.all("roles")) {
            String id = doc.get("_id").asText();
            String raw = counted(doc);
            t.read++;
            UUID org = organizationOf(doc);
            String name = ConvexValues.text(doc.get("name"));
            String skip = org == null ? "its venture or organization is not in the export"
                    : doc.path("isSystem").asBoolean(false) || ROLES.containsKey(String.valueOf(ConvexValues.choice(doc.get("name"))))
                    ? "a built-in role (founder, admin, member, viewer are this installation's own)"
                    : name == null || name.isBlank() ? "it has no name" : null;
            if (skip != null) {
                t.skip(skip);
                rows.keep(tx, id, "roles", raw, null, null, null, sha256(raw));
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
                    r -> r.getObject(1, UUID.class), ConvexValues.idFor(id), org, clip(name.strip(), 60),
                    clip(Optional.ofNullable(ConvexValues.text(doc.get("description"))).orElse(""), 500),
                    pages.toArray(String[]::new), global.path("create").asBoolean(false),
                    global.path("edit").asBoolean(false), global.path("delete").asBoolean(false), created(doc)).orElseThrow();
            customRoleByName.put(org + "/" + ConvexValues.choice(doc.get("name")), roleId);
            t.created++;
            rows.keep(tx, id, "roles", raw, "custom_roles", roleId, null, sha256(raw));
        }
    }

    /** The competitor matrix's attributes, kept by the cloud app in one config document per venture with its tabs. */
    private void competitorAttributes(Sql.Tx tx) throws SQLException {
        if (!export.has("competitor_config")) {
            return;
        }
        ImportReport.Table t = report.table("competitor_config", "competitor-attributes");
        Resource attributes = catalogue.get("competitor-attributes");
        for (ObjectNode config : export.all("competitor_config")) {
            String id = config.get("_id").asText();
            String raw = counted(config);
            rows.keep(tx, id, "competitor_config", raw, null, null, null, sha256(raw));
            Place venture = places.get(ConvexValues.text(config.get("projectId")));
            List<ObjectNode> found = new ArrayList<>();
            int position = 0;
            for (JsonNode a : config.path("attributes")) {
                found.add(attribute(config, "main", a, position++));
            }
            for (JsonNode tab : config.path("subTabs")) {
                String tabName = Optional.ofNullable(ConvexValues.text(tab.get("name"))).orElse("tab");
                for (JsonNode a : tab.path("attributes")) {
                    found.add(attribute(config, tabName, a, position++));
                }
            }
            for (ObjectNode a : found) {
                record(tx, t, "competitor_config.attributes", attributes, a, venture == null ? null : venture.ventureId(),
                        venture == null ? null : venture.orgId(), Mappings::competitorAttribute);
            }
        }
    }

    private static ObjectNode attribute(ObjectNode config, String tab, JsonNode attribute, int position) {
        String name = attribute.isObject() ? Optional.ofNullable(ConvexValues.text(attribute.get("name")))
                .orElse(ConvexValues.text(attribute.get("label"))) : ConvexValues.text(attribute);
        return JsonNodeFactory.instance.objectNode().put("_id", config.get("_id").asText() + "/attributes/" + tab + "/"
                        + name).put("name", name).put("tab", tab).put("position", position)
                .set("_creationTime", config.get("_creationTime"));
    }

    /** The organization of a document that names its venture (or, failing that, its WorkOS organization). */
    private UUID organizationOf(ObjectNode doc) {
        Place venture = places.get(ConvexValues.text(doc.get("projectId")));
        return venture != null ? venture.orgId() : orgByKey.get(ConvexValues.text(doc.get("orgId")));
    }

    /** Makes the person a member (the first role given wins; a role changed here since stays). True when new. */
    private boolean join(Sql.Tx tx, UUID org, UUID user, String role) throws SQLException {
        members.computeIfAbsent(org, o -> new HashSet<>()).add(user);
        int n = tx.update("INSERT INTO memberships (org_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                org, user, role);
        report.accounts.memberships += n;
        return n > 0;
    }

    private void ventures(Sql.Tx tx, List<ObjectNode> projects) throws SQLException {
        ImportReport.Table t = report.table("projects", "ventures");
        Resource milestones = catalogue.get("milestones");
        for (ObjectNode p : projects) {
            String id = p.get("_id").asText();
            String raw = counted(p);
            t.read++;
            UUID org = orgByKey.get(orgKey(p));
            UUID venture = ConvexValues.idFor(id);
            UUID creator = Optional.ofNullable(person(p, "creatorId", "userId")).orElse(installationOwner);
            places.put(id, new Place("ventures", venture, venture, org));
            ventureOrg.put(venture, org);
            ventureCreator.put(venture, creator);
            if (rows.unchanged(id, sha256(raw))) {
                t.unchanged++;
                rows.touch(tx, id);
            } else {
                Instant deleted = ConvexValues.instant(p.get("deletedAt"));
                if (deleted == null && "deleted".equals(ConvexValues.choice(p.get("status")))) {
                    deleted = updated(p);
                }
                Optional<Boolean> created = tx.one("INSERT INTO ventures (id, org_id, name, hypothesis, created_by,"
                                + " created_at, updated_at, deleted_at, founding_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::date)"
                                + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, hypothesis = EXCLUDED.hypothesis,"
                                + " updated_at = EXCLUDED.updated_at, deleted_at = EXCLUDED.deleted_at,"
                                + " founding_date = EXCLUDED.founding_date, revision = ventures.revision + 1"
                                + " WHERE ventures.org_id = EXCLUDED.org_id RETURNING (xmax = 0)",
                        r -> r.getBoolean(1), venture, org,
                        clip(Optional.ofNullable(ConvexValues.text(p.get("name"))).orElse("Imported venture"), 200),
                        clip(Optional.ofNullable(ConvexValues.text(p.get("hypothesis"))).orElse(""), 4_000), creator,
                        created(p), updated(p), deleted, ConvexValues.date(p.get("foundingDate")));
                count(t, created.map(c -> c ? RecordImport.Outcome.CREATED : RecordImport.Outcome.UPDATED)
                        .orElse(RecordImport.Outcome.UNCHANGED), org);
                rows.keep(tx, id, "projects", raw, "ventures", venture, null, sha256(raw));
            }
            // milestones live inside the project document in the cloud app
            JsonNode list = p.get("milestones");
            if (list != null && list.isArray()) {
                ImportReport.Table mt = report.table("projects.milestones", "milestones");
                int i = 0;
                for (JsonNode m : list) {
                    if (!m.isObject()) {
                        continue;
                    }
                    ObjectNode doc = ((ObjectNode) m).deepCopy();
                    String key = id + "/milestones/" + (m.hasNonNull("id") ? m.get("id").asText() : String.valueOf(i));
                    i++;
                    doc.put("_id", key);
                    doc.set("_creationTime", p.get("_creationTime"));
                    record(tx, mt, "projects.milestones", milestones, doc, venture, org, Mappings::milestone);
                }
            }
        }
    }

    // ---- folders, files, workspace

    private void folders(Sql.Tx tx) throws SQLException {
        if (!export.has("folders")) {
            return;
        }
        ImportReport.Table t = report.table("folders", "folders");
        List<ObjectNode> all = export.all("folders");
        // parents before their children, whatever the export's order
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        all.forEach(f -> byId.put(f.get("_id").asText(), f));
        List<ObjectNode> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (ObjectNode f : all) {
            placeParentsFirst(f, byId, placed, ordered, new HashSet<>());
        }
        Resource folders = catalogue.get("folders");
        for (ObjectNode f : ordered) {
            Place venture = places.get(ConvexValues.text(f.get("projectId")));
            record(tx, t, "folders", folders, f, venture == null ? null : venture.ventureId(),
                    venture == null ? null : venture.orgId(), b -> b.firstText("name", "name")
                            .ref("parentId", "parentId", "folders").tags("tags", "tags"));
        }
    }

    private static void placeParentsFirst(ObjectNode f, Map<String, ObjectNode> byId, Set<String> placed,
                                          List<ObjectNode> ordered, Set<String> path) {
        String id = f.get("_id").asText();
        if (placed.contains(id) || !path.add(id)) {
            return; // done, or a loop (a folder inside itself): its parent reference is then not carried
        }
        ObjectNode parent = byId.get(ConvexValues.text(f.get("parentId")));
        if (parent != null) {
            placeParentsFirst(parent, byId, placed, ordered, path);
        }
        placed.add(id);
        ordered.add(f);
    }

    /** The cloud app's files table: each a stored file with its name, folder, tags and venture. */
    private void cloudFiles(Sql.Tx tx) throws SQLException {
        if (!export.has("files")) {
            return;
        }
        ImportReport.Table t = report.table("files", "files");
        for (ObjectNode doc : export.all("files")) {
            String id = doc.get("_id").asText();
            String raw = counted(doc);
            t.read++;
            Place venture = places.get(ConvexValues.text(doc.get("projectId")));
            String storageId = ConvexValues.text(doc.get("storageId"));
            String skip = venture == null ? "its venture is not in the export"
                    : storageId == null ? "no stored file (kept outside Convex, in R2)"
                    : !export.storage().containsKey(storageId) ? "its stored file is not in the export's _storage"
                    : null;
            if (skip != null) {
                t.skip(skip);
                rows.keep(tx, id, "files", raw, null, null, null, sha256(raw));
                continue;
            }
            UUID fileId = ConvexValues.idFor(id);
            storageFiles.put(storageId, fileId);
            places.put(id, new Place("files", fileId, venture.ventureId(), venture.orgId()));
            Optional.ofNullable(ConvexValues.text(doc.get("initiativeId")))
                    .ifPresent(i -> initiativeFiles.computeIfAbsent(i, k -> new ArrayList<>()).add(fileId));
            if (rows.unchanged(id, sha256(raw))) {
                t.unchanged++;
                report.files.unchanged++;
                rows.touch(tx, id);
                continue;
            }
            Place folder = places.get(ConvexValues.text(doc.get("folderId")));
            List<String> tagList = new ArrayList<>();
            new Body(doc, null, venture.ventureId(), venture.orgId()).tags("tags", "tags").fields.path("tags")
                    .forEach(n -> tagList.add(clip(n.asText(), 40)));
            boolean changed = files.put(tx, storageId, new FileImport.Target(fileId, venture.orgId(), venture.ventureId(),
                    fileName(Optional.ofNullable(ConvexValues.text(doc.get("name"))).orElse(ConvexValues.text(doc.get("title"))),
                            storageId), ConvexValues.text(doc.get("type")), Optional.ofNullable(author(doc, venture.orgId()))
                    .orElse(ventureCreator.get(venture.ventureId())), created(doc),
                    folder != null && "folders".equals(folder.resource()) && venture.ventureId().equals(folder.ventureId())
                            ? folder.id() : null, tagList.stream().limit(20).toArray(String[]::new),
                    Optional.ofNullable(ConvexValues.text(doc.get("description"))).map(d -> clip(d, 2_000)).orElse(null)));
            if (changed) {
                t.created++;
                perOrg.merge(venture.orgId(), 1L, Long::sum);
            } else {
                t.unchanged++;
            }
            rows.keep(tx, id, "files", raw, "files", fileId, null, sha256(raw));
        }
    }

    private void workspace(Sql.Tx tx, Mappings.Mapping m) throws SQLException {
        if (!export.has(m.table())) {
            return;
        }
        ImportReport.Table t = report.table(m.table(), m.resource());
        Resource r = catalogue.get(m.resource());
        export.documents(m.table(), doc -> {
            try {
                Place venture = places.get(ConvexValues.text(doc.get("projectId")));
                if (m.parent() != null) {
                    Place parent = places.get(ConvexValues.text(doc.get(m.parent().field())));
                    venture = parent != null && m.parent().resource().equals(parent.resource()) ? parent : venture;
                }
                if (m.table().equals("business_plans") && doc.has("isLatest") && !doc.get("isLatest").asBoolean()) {
                    ImportReport.Table t2 = report.table(m.table(), m.resource());
                    t2.read++;
                    t2.skip("an earlier version of the business plan (kept in the archive)");
                    String raw = counted(doc);
                    rows.keep(tx, doc.get("_id").asText(), m.table(), raw, null, null, null, sha256(raw));
                    return;
                }
                Consumer<Body> build = m.build();
                if (m.table().equals("initiatives")) {
                    List<UUID> attached = initiativeFiles.getOrDefault(doc.get("_id").asText(), List.of());
                    build = build.andThen(b -> {
                        var ids = b.fields.putArray("fileIds");
                        attached.stream().limit(50).forEach(f -> ids.add(f.toString()));
                    });
                }
                record(tx, t, m.table(), r, doc, venture == null ? null : venture.ventureId(),
                        venture == null ? null : venture.orgId(), build);
            } catch (SQLException e) {
                throw new com.adaptivestartup.server.db.DataAccessException(e);
            }
        });
    }

    /** Maps one document into a record of {@code r} in the venture, or skips it with the reason. */
    private void record(Sql.Tx tx, ImportReport.Table t, String table, Resource r, ObjectNode doc, UUID ventureId,
                        UUID orgId, Consumer<Body> build) throws SQLException {
        String id = doc.get("_id").asText();
        String raw = counted(doc);
        String hash = sha256(raw);
        t.read++;
        if (ventureId == null) {
            t.skip("its venture is not in the export");
            rows.keep(tx, id, table, raw, null, null, null, hash);
            return;
        }
        UUID ourId = ConvexValues.idFor(id);
        DocumentRows.Prior prior = rows.prior(id);
        if (rows.unchanged(id, hash) && prior.ourId() != null) {
            places.put(id, new Place(r.path(), ourId, ventureId, orgId));
            firsts.putIfAbsent(r.path() + "/" + ventureId, ourId);
            t.unchanged++;
            rows.touch(tx, id);
            return;
        }
        Body body = new Body(doc, links, ventureId, orgId);
        build.accept(body);
        Mappings.settle(r.path(), body.fields, body.dropped);
        RecordImport.Decoded decoded = RecordImport.decode(r, body.fields);
        Optional<String> missing = RecordImport.missing(r, decoded);
        body.dropped.forEach((field, why) -> {
            if (!missing.map(field::equals).orElse(false)) {
                t.notCarried(field, why);
            }
        });
        decoded.refused().forEach((field, why) -> {
            if (!missing.map(field::equals).orElse(false)) {
                t.notCarried(field, why);
            }
        });
        t.fieldsNotMapped.addAll(body.unread());
        if (missing.isPresent()) {
            String field = missing.get();
            t.skip(body.dropped.containsKey(field) ? "its '" + field + "' " + body.dropped.get(field)
                    : decoded.refused().containsKey(field) ? "its '" + field + "' was refused: " + decoded.refused().get(field)
                    : "it has no '" + field + "'");
            rows.keep(tx, id, table, raw, null, null, null, hash);
            return;
        }
        String source = Optional.ofNullable(ConvexValues.text(doc.get("source")))
                .filter(s -> s.strip().equalsIgnoreCase("ai")).map(s -> "ai").orElse("human");
        Instant createdAt = created(doc);
        RecordImport.Outcome outcome = RecordImport.upsert(tx, r, ourId, orgId, ventureId, source, author(doc, orgId),
                createdAt, Optional.ofNullable(ConvexValues.instant(doc.get("updatedAt"))).orElse(createdAt),
                decoded.values());
        count(t, outcome, orgId);
        places.put(id, new Place(r.path(), ourId, ventureId, orgId));
        firsts.putIfAbsent(r.path() + "/" + ventureId, ourId);
        String fingerprint = RecordImport.fingerprint(r, decoded.values());
        written.add(new Written(r, ourId, fingerprint));
        rows.keep(tx, id, table, raw, r.table(), ourId, fingerprint, hash);
    }

    private void count(ImportReport.Table t, RecordImport.Outcome outcome, UUID orgId) {
        switch (outcome) {
            case CREATED -> t.created++;
            case UPDATED -> t.updated++;
            case UNCHANGED -> t.unchanged++;
        }
        if (outcome != RecordImport.Outcome.UNCHANGED && orgId != null) {
            perOrg.merge(orgId, 1L, Long::sum);
        }
    }

    /** References, resolved through what this import placed. */
    private final Body.Links links = new Body.Links() {
        @Override
        public UUID record(String convexId, String resource, UUID ventureId) {
            Place p = places.get(convexId);
            return p != null && p.resource().equals(resource) && p.ventureId().equals(ventureId) ? p.id() : null;
        }

        @Override
        public UUID member(String reference, UUID orgId) {
            UUID user = people.get(reference);
            if (user == null) {
                user = people.get("token:" + reference);
            }
            if (user == null && reference.contains("@")) {
                user = people.get("email:" + reference.strip().toLowerCase(Locale.ROOT));
            }
            return user != null && members.getOrDefault(orgId, Set.of()).contains(user) ? user : null;
        }

        @Override
        public UUID file(String storageId, UUID ventureId, String suggestedName) {
            UUID known = storageFiles.get(storageId);
            if (known != null) {
                return known;
            }
            if (!export.storage().containsKey(storageId)) {
                return null;
            }
            UUID fileId = ConvexValues.idFor(storageId);
            try {
                files.put(currentTx, storageId, new FileImport.Target(fileId, ventureOrg.get(ventureId), ventureId,
                        fileName(suggestedName, storageId), null, Optional.ofNullable(ventureCreator.get(ventureId))
                        .orElse(installationOwner), instantOf(export.storage().get(storageId).creationTime()), null,
                        new String[0], null));
            } catch (SQLException e) {
                throw new com.adaptivestartup.server.db.DataAccessException(e);
            }
            storageFiles.put(storageId, fileId);
            return fileId;
        }

        @Override
        public UUID first(String resource, UUID ventureId) {
            return firsts.get(resource + "/" + ventureId);
        }
    };
    /** The transaction a reference met on the way (a stored file named by a video interview) is written in. */
    private Sql.Tx currentTx;
    private final Map<UUID, UUID> ventureCreator = new HashMap<>();
    private final Map<UUID, UUID> ventureOrg = new HashMap<>();

    /** After the workspace: each venture's current canvas and logo, as the cloud app named them. */
    private void ventureLinks(Sql.Tx tx, List<ObjectNode> projects) throws SQLException {
        for (ObjectNode p : projects) {
            Place venture = places.get(p.get("_id").asText());
            Place canvas = places.get(ConvexValues.text(p.get("currentCanvasId")));
            UUID canvasId = canvas != null && "canvases".equals(canvas.resource())
                    && canvas.ventureId().equals(venture.ventureId()) ? canvas.id() : firsts.get("canvases/" + venture.id());
            String logo = ConvexValues.text(p.get("logo"));
            UUID logoFile = logo != null && export.storage().containsKey(logo)
                    ? links.file(logo, venture.id(), "Logo - " + ConvexValues.text(p.get("name"))) : null;
            tx.update("UPDATE ventures SET current_canvas_id = coalesce(?, current_canvas_id),"
                    + " logo_file_id = coalesce(?, logo_file_id) WHERE id = ?", canvasId, logoFile, venture.id());
        }
    }

    // ---- notifications, activity, archive

    private void notifications(Sql.Tx tx) throws SQLException {
        if (!export.has("notifications")) {
            return;
        }
        ImportReport.Table t = report.table("notifications", "notifications");
        export.documents("notifications", doc -> {
            try {
                String id = doc.get("_id").asText();
                String raw = counted(doc);
                t.read++;
                Place venture = places.get(ConvexValues.text(doc.get("projectId")));
                UUID org = venture != null ? venture.orgId() : orgByKey.get(ConvexValues.text(doc.get("orgId")));
                UUID user = Optional.ofNullable(ConvexValues.text(doc.get("userId"))).map(u -> links.member(u, org))
                        .orElse(null);
                if (org == null || user == null) {
                    t.skip(org == null ? "its organization is not in the export"
                            : "it is addressed to no one (or to someone not in the organization)");
                    rows.keep(tx, id, "notifications", raw, null, null, null, sha256(raw));
                    return;
                }
                UUID ourId = ConvexValues.idFor(id);
                String title = clip(Optional.ofNullable(ConvexValues.text(doc.get("title"))).orElse("Notification")
                        + Optional.ofNullable(ConvexValues.text(doc.get("description"))).map(d -> ": " + d).orElse(""), 500);
                boolean read = doc.path("isRead").asBoolean(false);
                Instant at = created(doc);
                Optional<Boolean> created = tx.one("INSERT INTO notifications (id, org_id, user_id, venture_id, kind, title,"
                                + " read_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                                + " title = EXCLUDED.title, read_at = coalesce(notifications.read_at, EXCLUDED.read_at)"
                                + " WHERE notifications.title IS DISTINCT FROM EXCLUDED.title"
                                + " OR (notifications.read_at IS NULL AND EXCLUDED.read_at IS NOT NULL) RETURNING (xmax = 0)",
                        r -> r.getBoolean(1), ourId, org, user, venture == null ? null : venture.ventureId(),
                        "cloud_" + Optional.ofNullable(ConvexValues.choice(doc.get("type"))).orElse("notice"), title,
                        read ? at : null, at);
                count(t, created.map(c -> c ? RecordImport.Outcome.CREATED : RecordImport.Outcome.UPDATED)
                        .orElse(RecordImport.Outcome.UNCHANGED), org);
                rows.keep(tx, id, "notifications", raw, "notifications", ourId, null, sha256(raw));
            } catch (SQLException e) {
                throw new com.adaptivestartup.server.db.DataAccessException(e);
            }
        });
    }

    /**
     * The cloud's audit trail, appended to this installation's chain (which is append-only): each entry once, with
     * when and by whom it happened in the cloud and the cloud's own signature kept in its payload.
     */
    private void activityLog(Sql.Tx tx) throws SQLException {
        if (!export.has("activity_log")) {
            return;
        }
        ImportReport.Table t = report.table("activity_log", "activity_log");
        List<ObjectNode> entries = export.all("activity_log");
        entries.sort(Comparator.comparingDouble(d -> Optional.ofNullable(ConvexValues.instant(d.get("timestamp")))
                .orElse(created(d)).toEpochMilli()));
        for (ObjectNode doc : entries) {
            String id = doc.get("_id").asText();
            String raw = counted(doc);
            t.read++;
            DocumentRows.Prior prior = rows.prior(id);
            if (prior != null && prior.ourId() != null) {
                t.unchanged++;
                rows.touch(tx, id);
                continue;
            }
            Place venture = places.get(ConvexValues.text(doc.get("projectId")));
            UUID org = venture != null ? venture.orgId() : orgByKey.get(ConvexValues.text(doc.get("orgId")));
            if (org == null) {
                t.skip("its organization is not in the export");
                rows.keep(tx, id, "activity_log", raw, null, null, null, sha256(raw));
                continue;
            }
            String entity = ConvexValues.text(doc.get("entityId"));
            Place target = entity == null ? null : places.get(entity);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("importedFrom", "Adaptive Startup Cloud");
            payload.put("at", Optional.ofNullable(ConvexValues.instant(doc.get("timestamp"))).orElse(created(doc)).toString());
            for (String f : List.of("userName", "entityName", "ipAddress", "signature", "publicKey")) {
                Optional.ofNullable(ConvexValues.text(doc.get(f))).ifPresent(v -> payload.put(f, v));
            }
            for (String f : List.of("changes", "metadata")) {
                JsonNode v = doc.get(f);
                if (v != null && !v.isNull()) {
                    payload.put(f, Optional.ofNullable(ConvexValues.json(v)).map(Object.class::cast)
                            .orElse(ConvexValues.text(v)));
                }
            }
            payload.put("convexId", id);
            if (target == null && entity != null) {
                payload.put("convexEntityId", entity);
            }
            UUID actor = Optional.ofNullable(ConvexValues.text(doc.get("userId"))).map(u -> links.member(u, org)).orElse(null);
            String action = "cloud." + Optional.ofNullable(ConvexValues.choice(doc.get("action"))).orElse("event");
            String type = Optional.ofNullable(ConvexValues.choice(doc.get("entityType"))).orElse("record");
            activity.append(tx, org, actor, clip(action, 60), clip(type, 60),
                    target != null ? target.id().toString() : entity == null ? id : entity, payload);
            UUID marker = ConvexValues.idFor(id);
            t.created++;
            rows.keep(tx, id, "activity_log", raw, "activity_log", marker, null, sha256(raw));
        }
    }

    /** Every table with no home here (and every component's), kept document by document for a later release. */
    private void archiveTheRest(Sql.Tx tx) throws SQLException {
        Set<String> mapped = new HashSet<>(OWN);
        Mappings.WORKSPACE.forEach(m -> mapped.add(m.table()));
        for (String table : export.tables()) {
            if (mapped.contains(table)) {
                continue;
            }
            long[] n = {0};
            export.documents(table, doc -> {
                String id = doc.get("_id").asText();
                String raw = counted(doc);
                n[0]++;
                try {
                    String hash = sha256(raw);
                    if (rows.unchanged(id, hash)) {
                        rows.touch(tx, id);
                    } else {
                        rows.keep(tx, id, table, raw, null, null, null, hash);
                    }
                } catch (SQLException e) {
                    throw new com.adaptivestartup.server.db.DataAccessException(e);
                }
            });
            report.archivedOnly.put(table, n[0]);
        }
    }

    private void notReferencedFiles() {
        for (ExportArchive.StoredFile f : export.storage().values()) {
            if (!storageFiles.containsKey(f.id())) {
                report.files.notReferenced++;
                report.files.bytesNotReferenced += Math.max(0, export.fileSize(f.id()));
            }
        }
    }

    // ---- deletions and verification

    private void deletedInCloud(Sql.Tx tx) throws SQLException {
        record Gone(String convexId, String table, String ourTable, UUID ourId) {
        }
        List<Gone> gone = tx.list("SELECT convex_id, convex_table, our_table, our_id FROM convex_documents"
                        + " WHERE deployment = ? AND last_import <> ? ORDER BY convex_table DESC",
                r -> new Gone(r.getString(1), r.getString(2), r.getString(3), r.getObject(4, UUID.class)), deployment,
                report.importId);
        Set<String> tables = new HashSet<>();
        catalogue.all().forEach(r -> tables.add(r.table()));
        for (Gone g : gone) {
            if (g.convexId().startsWith("org:")) {
                continue; // organizations are never removed by an import
            }
            ImportReport.Table t = report.tables.containsKey(g.table()) ? report.tables.get(g.table())
                    : report.table(g.table(), g.ourTable());
            t.deletedInCloud++;
            if (!options.removeDeleted()) {
                continue;
            }
            if (g.ourId() == null) {
                tx.update("DELETE FROM convex_documents WHERE convex_id = ?", g.convexId());
                continue;
            }
            // accounts, memberships and the activity log are never removed by an import; a record already gone
            // with what it belonged to (a key result with its goal) counts as removed
            boolean removable = true;
            if (g.ourTable() != null && tables.contains(g.ourTable())) {
                tx.update("DELETE FROM " + g.ourTable() + " WHERE id = ?", g.ourId());
            } else if ("files".equals(g.ourTable())) {
                tx.one("DELETE FROM files WHERE id = ? RETURNING object_key", r -> r.getString(1), g.ourId())
                        .ifPresent(removedObjects::add);
            } else if ("notifications".equals(g.ourTable())) {
                tx.update("DELETE FROM notifications WHERE id = ?", g.ourId());
            } else if ("ventures".equals(g.ourTable())) {
                tx.update("UPDATE ventures SET deleted_at = now() WHERE id = ? AND deleted_at IS NULL", g.ourId());
            } else {
                removable = false;
            }
            if (removable) {
                t.removed++;
                tx.update("DELETE FROM convex_documents WHERE convex_id = ?", g.convexId());
            }
        }
    }

    /**
     * Before the commit: every record written reads back with the fingerprint of what was mapped, every reference of
     * this import's records resolves, and every file has the SHA-256 Convex recorded and its bytes in the store.
     */
    private void verify(Sql.Tx tx) throws SQLException {
        ImportReport.Verification v = report.verification;
        Map<Resource, List<UUID>> ids = new LinkedHashMap<>();
        for (Written w : written) {
            v.records++;
            Optional<Map<String, Object>> stored = RecordImport.read(tx, w.resource(), w.id());
            if (stored.isPresent() && RecordImport.fingerprintOf(w.resource(), stored.get()).equals(w.fingerprint())) {
                v.matching++;
            } else if (v.problems.size() < 20) {
                v.problems.add(w.resource().noun() + " " + w.id() + (stored.isEmpty() ? " was not stored"
                        : " was stored with other values than mapped"));
            }
            ids.computeIfAbsent(w.resource(), r -> new ArrayList<>()).add(w.id());
        }
        for (Map.Entry<Resource, List<UUID>> e : ids.entrySet()) {
            Resource r = e.getKey();
            UUID[] mine = e.getValue().toArray(UUID[]::new);
            for (Field f : r.writable()) {
                String target = switch (f.kind()) {
                    case REF, REFS -> catalogue.get(f.target()).table();
                    case FILE, FILES -> "files";
                    case MEMBERS -> "memberships";
                    default -> null;
                };
                if (target == null) {
                    continue;
                }
                boolean many = f.kind() == Field.Kind.REFS || f.kind() == Field.Kind.FILES || f.kind() == Field.Kind.MEMBERS;
                String values = many ? "unnest(t." + f.column() + ")" : "t." + f.column();
                String exists = f.kind() == Field.Kind.MEMBERS
                        ? "EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = t.org_id AND m.user_id = x)"
                        : "EXISTS (SELECT 1 FROM " + target + " y WHERE y.id = x)";
                long[] counts = tx.one("SELECT count(*), count(*) FILTER (WHERE NOT " + exists + ") FROM "
                                + r.table() + " t CROSS JOIN LATERAL (SELECT " + values + " AS x) refs"
                                + " WHERE t.id = ANY(?) AND x IS NOT NULL",
                        row -> new long[]{row.getLong(1), row.getLong(2)}, (Object) mine).orElse(new long[2]);
                v.references += counts[0];
                v.unresolved += counts[1];
                if (counts[1] > 0 && v.problems.size() < 20) {
                    v.problems.add(counts[1] + " " + f.name() + " of " + r.path() + " refer to nothing");
                }
            }
        }
        for (FileImport.Written f : files.written) {
            v.files++;
            Optional<String[]> stored = tx.one("SELECT sha256, object_key, size_bytes FROM files WHERE id = ?",
                    r -> new String[]{r.getString(1), r.getString(2), String.valueOf(r.getLong(3))}, f.fileId());
            boolean same = stored.isPresent() && (f.expectedSha256() == null || f.expectedSha256().equals(stored.get()[0]))
                    && (options.dryRun() || files.storedSize(stored.get()[1]) == Long.parseLong(stored.get()[2]));
            if (same) {
                v.filesMatching++;
            } else if (v.problems.size() < 20) {
                v.problems.add("file " + f.fileId() + " does not have the bytes Convex recorded");
            }
        }
        v.ok = v.matching == v.records && v.unresolved == 0 && v.filesMatching == v.files;
        if (!v.ok) {
            throw new ImportFailure("the import did not verify (" + String.join("; ", v.problems) + "), so it was"
                    + " rolled back: nothing was imported. Send the support bundle to your vendor");
        }
    }

    // ---- helpers

    private String counted(ObjectNode doc) {
        String raw = doc.toString();
        meter.document(raw.length());
        return raw;
    }

    private String orgKey(ObjectNode project) {
        String org = ConvexValues.text(project.get("orgId"));
        if (org != null && !org.isBlank()) {
            return org;
        }
        return "personal:" + Optional.ofNullable(ConvexValues.text(project.get("creatorId")))
                .orElse(ConvexValues.text(project.get("userId")));
    }

    /** The first of the document's author fields that names someone imported. */
    private UUID person(ObjectNode doc, String... fields) {
        for (String f : fields) {
            String ref = ConvexValues.text(doc.get(f));
            if (ref != null) {
                UUID user = people.getOrDefault(ref, people.get("token:" + ref));
                if (user != null) {
                    return user;
                }
            }
        }
        return null;
    }

    /** Who made a record: its author when imported and in the organization, else nobody named. */
    private UUID author(ObjectNode doc, UUID orgId) {
        UUID user = person(doc, "creatorId", "createdBy", "userId");
        return user != null && members.getOrDefault(orgId, Set.of()).contains(user) ? user : null;
    }

    private static Instant created(ObjectNode doc) {
        JsonNode t = doc.get("_creationTime");
        return t != null && t.isNumber() ? instantOf(t.asDouble()) : Instant.EPOCH;
    }

    private static Instant updated(ObjectNode doc) {
        return Optional.ofNullable(ConvexValues.instant(doc.get("updatedAt"))).orElse(created(doc));
    }

    private static Instant instantOf(double millis) {
        return Instant.ofEpochMilli((long) millis).plusNanos((long) ((millis % 1) * 1_000_000));
    }

    private static String fileName(String name, String storageId) {
        String clean = name == null || name.isBlank() || name.strip().equals("null") ? storageId
                : name.strip().replace('/', '_').replace('\\', '_');
        return clip(clean, 255);
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
