package com.adaptivestartup.server.convex;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.resource.Catalogue;
import com.adaptivestartup.server.resource.RecordImport;
import com.adaptivestartup.server.resource.Resource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One import, step by step inside its transaction: people and organizations ({@link Accounts}), ventures and their
 * milestones, folders and files ({@link FileImport}), the workspace's tables in the order their references need
 * ({@link Mappings}), notifications, the activity log, the archive of everything else, what was deleted in the cloud
 * ({@link CloudDeletions}), and the proof before the commit ({@link Verification}).
 */
final class ImportRun {
    /** Tables the importer reads itself (besides {@link Mappings#WORKSPACE}). */
    private static final Set<String> OWN = Set.of("users", "projects", "team_members", "roles", "folders", "files",
            "notifications", "activity_log", "competitor_config");

    private final ExportArchive export;
    private final ConvexImport.Options options;
    private final ActivityLog activity;
    private final Catalogue catalogue;
    private final Clock clock;
    private final UUID deployment;
    private final ImportReport report = new ImportReport();
    private final DocumentRows rows;
    private final Meter meter;
    private final FileImport files;
    /** Where everything went, and who everyone is: what references resolve through. */
    private final Placements at;
    private final Accounts accounts;

    private final Map<String, List<UUID>> initiativeFiles = new HashMap<>();
    /** Records written by this import and their fingerprints, for the verification. */
    private final List<Verification.Written> written = new ArrayList<>();
    private final List<String> removedObjects = new ArrayList<>();
    private final Map<UUID, Long> perOrg = new LinkedHashMap<>();

    ImportRun(ExportArchive export, UUID deployment, ConvexImport.Options options, ObjectStore store, ActivityLog activity,
              Catalogue catalogue, Clock clock, Consumer<ConvexImport.Progress> progress, ConvexImport.Welcome welcome) {
        this.export = export;
        this.options = options;
        this.activity = activity;
        this.catalogue = catalogue;
        this.clock = clock;
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
        this.at = new Placements(this::storedFile);
        this.accounts = new Accounts(export, options, rows, report, meter, at, welcome);
    }

    ImportReport report() {
        return report;
    }

    void all(Sql.Tx tx) throws SQLException {
        currentTx = tx;
        meter.step("reading what earlier imports brought");
        rows.loadPrior(tx);
        at.installationOwner = tx.one("SELECT id FROM users ORDER BY created_at, id LIMIT 1", r -> Sql.uuid(r, 1))
                .orElse(null);
        meter.step("users");
        accounts.users(tx);
        meter.step("projects");
        List<ObjectNode> projects = export.all("projects");
        projects.sort(Comparator.comparingDouble(p -> p.path("_creationTime").asDouble()));
        accounts.organizations(tx, projects);
        ventures(tx, projects);
        accounts.customRoles(tx);
        accounts.teamMembers(tx);
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
        CloudDeletions.find(tx, catalogue, deployment, report, options.removeDeleted(), removedObjects);
        meter.step("verifying");
        Verification.check(tx, catalogue, written, files, options.dryRun(), report.verification);
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

    /** The competitor matrix's attributes, kept by the cloud app in one config document per venture with its tabs. */
    private void competitorAttributes(Sql.Tx tx) throws SQLException {
        if (!export.has("competitor_config")) {
            return;
        }
        ImportReport.Table t = report.table("competitor_config", "competitor-attributes");
        Resource attributes = catalogue.get("competitor-attributes");
        for (ObjectNode config : export.all("competitor_config")) {
            String id = config.get("_id").asText();
            String raw = meter.counted(config);
            rows.keep(tx, id, "competitor_config", raw, null, null, null, ConvexValues.sha256(raw));
            Placements.Place venture = at.places.get(ConvexValues.text(config.get("projectId")));
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

    private void ventures(Sql.Tx tx, List<ObjectNode> projects) throws SQLException {
        ImportReport.Table t = report.table("projects", "ventures");
        Resource milestones = catalogue.get("milestones");
        for (ObjectNode p : projects) {
            String id = p.get("_id").asText();
            String raw = meter.counted(p);
            t.read++;
            UUID org = at.orgByKey.get(at.orgKey(p));
            UUID venture = ConvexValues.idFor(id);
            UUID creator = Optional.ofNullable(at.person(p, "creatorId", "userId")).orElse(at.installationOwner);
            at.places.put(id, new Placements.Place("ventures", venture, venture, org));
            at.ventureOrg.put(venture, org);
            at.ventureCreator.put(venture, creator);
            if (rows.unchanged(id, ConvexValues.sha256(raw))) {
                t.unchanged++;
                rows.touch(tx, id);
            } else {
                Instant deleted = ConvexValues.instant(p.get("deletedAt"));
                if (deleted == null && "deleted".equals(ConvexValues.choice(p.get("status")))) {
                    deleted = ConvexValues.updated(p);
                }
                Optional<Boolean> created = tx.upsert("INSERT INTO ventures (id, org_id, name, hypothesis, created_by,"
                                + " created_at, updated_at, deleted_at, founding_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::date)"
                                + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, hypothesis = EXCLUDED.hypothesis,"
                                + " updated_at = EXCLUDED.updated_at, deleted_at = EXCLUDED.deleted_at,"
                                + " founding_date = EXCLUDED.founding_date, revision = ventures.revision + 1"
                                + " WHERE ventures.org_id = EXCLUDED.org_id RETURNING (xmax = 0)",
                        "ventures", venture, venture, org,
                        ConvexValues.clip(Optional.ofNullable(ConvexValues.text(p.get("name"))).orElse("Imported venture"), 200),
                        ConvexValues.clip(Optional.ofNullable(ConvexValues.text(p.get("hypothesis"))).orElse(""), 4_000), creator,
                        ConvexValues.created(p), ConvexValues.updated(p), deleted, ConvexValues.date(p.get("foundingDate")));
                count(t, created.map(c -> c ? RecordImport.Outcome.CREATED : RecordImport.Outcome.UPDATED)
                        .orElse(RecordImport.Outcome.UNCHANGED), org);
                rows.keep(tx, id, "projects", raw, "ventures", venture, null, ConvexValues.sha256(raw));
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
            Placements.Place venture = at.places.get(ConvexValues.text(f.get("projectId")));
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
            String raw = meter.counted(doc);
            t.read++;
            Placements.Place venture = at.places.get(ConvexValues.text(doc.get("projectId")));
            String storageId = ConvexValues.text(doc.get("storageId"));
            String skip = venture == null ? "its venture is not in the export"
                    : storageId == null ? "no stored file (kept outside Convex, in R2)"
                    : !export.storage().containsKey(storageId) ? "its stored file is not in the export's _storage"
                    : null;
            if (skip != null) {
                t.skip(skip);
                rows.keep(tx, id, "files", raw, null, null, null, ConvexValues.sha256(raw));
                continue;
            }
            UUID fileId = ConvexValues.idFor(id);
            at.storageFiles.put(storageId, fileId);
            at.places.put(id, new Placements.Place("files", fileId, venture.ventureId(), venture.orgId()));
            Optional.ofNullable(ConvexValues.text(doc.get("initiativeId")))
                    .ifPresent(i -> initiativeFiles.computeIfAbsent(i, k -> new ArrayList<>()).add(fileId));
            if (rows.unchanged(id, ConvexValues.sha256(raw))) {
                t.unchanged++;
                report.files.unchanged++;
                rows.touch(tx, id);
                continue;
            }
            Placements.Place folder = at.places.get(ConvexValues.text(doc.get("folderId")));
            List<String> tagList = new ArrayList<>();
            new Body(doc, null, venture.ventureId(), venture.orgId()).tags("tags", "tags").fields.path("tags")
                    .forEach(n -> tagList.add(ConvexValues.clip(n.asText(), 40)));
            boolean changed = files.put(tx, storageId, new FileImport.Target(fileId, venture.orgId(), venture.ventureId(),
                    fileName(Optional.ofNullable(ConvexValues.text(doc.get("name"))).orElse(ConvexValues.text(doc.get("title"))),
                            storageId), ConvexValues.text(doc.get("type")), Optional.ofNullable(at.author(doc, venture.orgId()))
                    .orElse(at.ventureCreator.get(venture.ventureId())), ConvexValues.created(doc),
                    folder != null && "folders".equals(folder.resource()) && venture.ventureId().equals(folder.ventureId())
                            ? folder.id() : null, tagList.stream().limit(20).toArray(String[]::new),
                    Optional.ofNullable(ConvexValues.text(doc.get("description"))).map(d -> ConvexValues.clip(d, 2_000)).orElse(null)));
            if (changed) {
                t.created++;
                perOrg.merge(venture.orgId(), 1L, Long::sum);
            } else {
                t.unchanged++;
            }
            rows.keep(tx, id, "files", raw, "files", fileId, null, ConvexValues.sha256(raw));
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
                Placements.Place venture = at.places.get(ConvexValues.text(doc.get("projectId")));
                if (m.parent() != null) {
                    Placements.Place parent = at.places.get(ConvexValues.text(doc.get(m.parent().field())));
                    venture = parent != null && m.parent().resource().equals(parent.resource()) ? parent : venture;
                }
                if (m.table().equals("business_plans") && doc.has("isLatest") && !doc.get("isLatest").asBoolean()) {
                    ImportReport.Table t2 = report.table(m.table(), m.resource());
                    t2.read++;
                    t2.skip("an earlier version of the business plan (kept in the archive)");
                    String raw = meter.counted(doc);
                    rows.keep(tx, doc.get("_id").asText(), m.table(), raw, null, null, null, ConvexValues.sha256(raw));
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
        String raw = meter.counted(doc);
        String hash = ConvexValues.sha256(raw);
        t.read++;
        if (ventureId == null) {
            t.skip("its venture is not in the export");
            rows.keep(tx, id, table, raw, null, null, null, hash);
            return;
        }
        UUID ourId = ConvexValues.idFor(id);
        DocumentRows.Prior prior = rows.prior(id);
        if (rows.unchanged(id, hash) && prior.ourId() != null) {
            at.places.put(id, new Placements.Place(r.path(), ourId, ventureId, orgId));
            at.firsts.putIfAbsent(r.path() + "/" + ventureId, ourId);
            t.unchanged++;
            rows.touch(tx, id);
            return;
        }
        Body body = new Body(doc, at, ventureId, orgId);
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
        Instant createdAt = ConvexValues.created(doc);
        RecordImport.Outcome outcome = RecordImport.upsert(tx, r, ourId, orgId, ventureId, source, at.author(doc, orgId),
                createdAt, Optional.ofNullable(ConvexValues.instant(doc.get("updatedAt"))).orElse(createdAt),
                decoded.values());
        count(t, outcome, orgId);
        at.places.put(id, new Placements.Place(r.path(), ourId, ventureId, orgId));
        at.firsts.putIfAbsent(r.path() + "/" + ventureId, ourId);
        String fingerprint = RecordImport.fingerprint(r, decoded.values());
        written.add(new Verification.Written(r, ourId, fingerprint));
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

    /** The transaction a reference met on the way (a stored file named by a video interview) is written in. */
    private Sql.Tx currentTx;

    /**
     * A stored file named by a document (a video interview's waiver, a venture's logo) with no file document of its
     * own: written as a file of the venture the first time it is met.
     */
    private UUID storedFile(String storageId, UUID ventureId, String suggestedName) {
        if (!export.storage().containsKey(storageId)) {
            return null;
        }
        UUID fileId = ConvexValues.idFor(storageId);
        try {
            files.put(currentTx, storageId, new FileImport.Target(fileId, at.ventureOrg.get(ventureId), ventureId,
                    fileName(suggestedName, storageId), null, Optional.ofNullable(at.ventureCreator.get(ventureId))
                    .orElse(at.installationOwner), ConvexValues.instantOf(export.storage().get(storageId).creationTime()),
                    null, new String[0], null));
        } catch (SQLException e) {
            throw new com.adaptivestartup.server.db.DataAccessException(e);
        }
        return fileId;
    }

    /** After the workspace: each venture's current canvas and logo, as the cloud app named them. */
    private void ventureLinks(Sql.Tx tx, List<ObjectNode> projects) throws SQLException {
        for (ObjectNode p : projects) {
            Placements.Place venture = at.places.get(p.get("_id").asText());
            Placements.Place canvas = at.places.get(ConvexValues.text(p.get("currentCanvasId")));
            UUID canvasId = canvas != null && "canvases".equals(canvas.resource())
                    && canvas.ventureId().equals(venture.ventureId()) ? canvas.id() : at.firsts.get("canvases/" + venture.id());
            String logo = ConvexValues.text(p.get("logo"));
            UUID logoFile = logo != null && export.storage().containsKey(logo)
                    ? at.file(logo, venture.id(), "Logo - " + ConvexValues.text(p.get("name"))) : null;
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
                String raw = meter.counted(doc);
                t.read++;
                Placements.Place venture = at.places.get(ConvexValues.text(doc.get("projectId")));
                UUID org = venture != null ? venture.orgId() : at.orgByKey.get(ConvexValues.text(doc.get("orgId")));
                UUID user = Optional.ofNullable(ConvexValues.text(doc.get("userId"))).map(u -> at.member(u, org))
                        .orElse(null);
                if (org == null || user == null) {
                    t.skip(org == null ? "its organization is not in the export"
                            : "it is addressed to no one (or to someone not in the organization)");
                    rows.keep(tx, id, "notifications", raw, null, null, null, ConvexValues.sha256(raw));
                    return;
                }
                UUID ourId = ConvexValues.idFor(id);
                String title = ConvexValues.clip(Optional.ofNullable(ConvexValues.text(doc.get("title"))).orElse("Notification")
                        + Optional.ofNullable(ConvexValues.text(doc.get("description"))).map(d -> ": " + d).orElse(""), 500);
                boolean read = doc.path("isRead").asBoolean(false);
                Instant at = ConvexValues.created(doc);
                Optional<Boolean> created = tx.upsert("INSERT INTO notifications (id, org_id, user_id, venture_id, kind, title,"
                                + " read_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                                + " title = EXCLUDED.title, read_at = coalesce(notifications.read_at, EXCLUDED.read_at)"
                                + " WHERE notifications.title IS DISTINCT FROM EXCLUDED.title"
                                + " OR (notifications.read_at IS NULL AND EXCLUDED.read_at IS NOT NULL) RETURNING (xmax = 0)",
                        "notifications", ourId, ourId, org, user, venture == null ? null : venture.ventureId(),
                        "cloud_" + Optional.ofNullable(ConvexValues.choice(doc.get("type"))).orElse("notice"), title,
                        read ? at : null, at);
                count(t, created.map(c -> c ? RecordImport.Outcome.CREATED : RecordImport.Outcome.UPDATED)
                        .orElse(RecordImport.Outcome.UNCHANGED), org);
                rows.keep(tx, id, "notifications", raw, "notifications", ourId, null, ConvexValues.sha256(raw));
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
                .orElse(ConvexValues.created(d)).toEpochMilli()));
        for (ObjectNode doc : entries) {
            String id = doc.get("_id").asText();
            String raw = meter.counted(doc);
            t.read++;
            DocumentRows.Prior prior = rows.prior(id);
            if (prior != null && prior.ourId() != null) {
                t.unchanged++;
                rows.touch(tx, id);
                continue;
            }
            Placements.Place venture = at.places.get(ConvexValues.text(doc.get("projectId")));
            UUID org = venture != null ? venture.orgId() : at.orgByKey.get(ConvexValues.text(doc.get("orgId")));
            if (org == null) {
                t.skip("its organization is not in the export");
                rows.keep(tx, id, "activity_log", raw, null, null, null, ConvexValues.sha256(raw));
                continue;
            }
            String entity = ConvexValues.text(doc.get("entityId"));
            Placements.Place target = entity == null ? null : at.places.get(entity);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("importedFrom", "Adaptive Startup Cloud");
            payload.put("at", Optional.ofNullable(ConvexValues.instant(doc.get("timestamp"))).orElse(ConvexValues.created(doc)).toString());
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
            UUID actor = Optional.ofNullable(ConvexValues.text(doc.get("userId"))).map(u -> at.member(u, org)).orElse(null);
            String action = "cloud." + Optional.ofNullable(ConvexValues.choice(doc.get("action"))).orElse("event");
            String type = Optional.ofNullable(ConvexValues.choice(doc.get("entityType"))).orElse("record");
            activity.append(tx, org, actor, ConvexValues.clip(action, 60), ConvexValues.clip(type, 60),
                    target != null ? target.id().toString() : entity == null ? id : entity, payload);
            UUID marker = ConvexValues.idFor(id);
            t.created++;
            rows.keep(tx, id, "activity_log", raw, "activity_log", marker, null, ConvexValues.sha256(raw));
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
                String raw = meter.counted(doc);
                n[0]++;
                try {
                    String hash = ConvexValues.sha256(raw);
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
            if (!at.storageFiles.containsKey(f.id())) {
                report.files.notReferenced++;
                report.files.bytesNotReferenced += Math.max(0, export.fileSize(f.id()));
            }
        }
    }

    // ---- deletions and verification

    // ---- helpers

    private static String fileName(String name, String storageId) {
        String clean = name == null || name.isBlank() || name.strip().equals("null") ? storageId
                : name.strip().replace('/', '_').replace('\\', '_');
        return ConvexValues.clip(clean, 255);
    }

}
