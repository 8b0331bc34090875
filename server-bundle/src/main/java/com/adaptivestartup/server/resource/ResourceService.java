package com.adaptivestartup.server.resource;

import com.adaptivestartup.server.access.Action;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.db.DataAccessException;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.realtime.LiveUpdates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * List, read, create, change and delete the records of any {@link Resource}, the same way for all: the one
 * access check (the resource's page and the action, so custom roles hold on every route), the venture live in the organization, every field checked, references to the same venture only,
 * revisions (a stale write is a 409), an activity entry in the same transaction, and a live event after commit.
 */
public final class ResourceService {
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;
    /** The most records one bulk create or delete takes. */
    public static final int MAX_BULK = 100;
    private static final Set<String> META = Set.of("source", "revision");
    private final Sql sql;
    private final OrgAccess access;
    private final ActivityLog activity;
    private final LiveUpdates live;
    private final Catalogue catalogue;
    private final List<ChangeHook> hooks;

    public ResourceService(Sql sql, OrgAccess access, ActivityLog activity, LiveUpdates live, Catalogue catalogue,
                           List<ChangeHook> hooks) {
        this.sql = sql;
        this.access = access;
        this.activity = activity;
        this.live = live;
        this.catalogue = catalogue;
        this.hooks = List.copyOf(hooks);
    }

    /** What a list asks for: equal-to filters by field name, the cursor, the page size. */
    public record Query(Map<String, String> filters, String after, Integer limit) {
    }

    public RecordPage list(Principal p, UUID orgId, UUID ventureId, Resource r, Query q) {
        access.require(p, orgId, r.page(), Action.VIEW);
        int limit = q.limit() == null ? DEFAULT_PAGE : q.limit();
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiError.badRequest("'limit' must be between 1 and " + MAX_PAGE);
        }
        List<Field> filters = new ArrayList<>();
        List<Object> params = new ArrayList<>(List.of(orgId, ventureId));
        q.filters().forEach((name, value) -> {
            Field f = r.field(name).filter(Field::filterable).orElseThrow(() -> ApiError.badRequest("a list of "
                    + r.path() + " cannot be filtered by '" + name + "'; it can by: " + String.join(", ", r.filterNames())));
            filters.add(f);
            params.add(FieldCodec.read(f, filterValue(f, value)));
        });
        Cursor after = q.after() == null ? null : Cursor.decode(q.after());
        if (after != null) {
            params.add(after.createdAt());
            params.add(after.id());
        }
        params.add(limit + 1);
        RecordSql statements = catalogue.sql(r);
        // One statement in the common case; only an empty page asks whether the venture is there at all.
        List<Map<String, Object>> rows = sql.list(statements.selectPage(filters, after != null), statements::map,
                params.toArray());
        if (rows.isEmpty()) {
            sql.transaction(tx -> {
                requireVenture(tx, orgId, ventureId);
                return null;
            });
        }
        boolean more = rows.size() > limit;
        List<Map<String, Object>> page = more ? rows.subList(0, limit) : rows;
        return new RecordPage(page, more ? RecordSql.cursorOf(page.get(limit - 1)).encode() : null);
    }

    public Map<String, Object> get(Principal p, UUID orgId, UUID ventureId, Resource r, UUID id) {
        access.require(p, orgId, r.page(), Action.VIEW);
        RecordSql statements = catalogue.sql(r);
        return sql.one(statements.selectOne(), statements::map, orgId, ventureId, id).orElseGet(() -> sql.transaction(tx -> {
            requireVenture(tx, orgId, ventureId);
            return find(tx, r, orgId, ventureId, id);
        }));
    }

    public Map<String, Object> create(Principal p, UUID orgId, UUID ventureId, Resource r, JsonNode body) {
        return createAll(p, orgId, ventureId, r, List.of(body)).get(0);
    }

    /**
     * Creates several records at once ({@code POST .../<path>/bulk}): all or none (a refusal names the record by its
     * place in the list), each with its activity entry and live event.
     */
    public List<Map<String, Object>> createAll(Principal p, UUID orgId, UUID ventureId, Resource r, List<JsonNode> bodies) {
        access.require(p, orgId, r.page(), Action.CREATE);
        if (bodies.isEmpty() || bodies.size() > MAX_BULK) {
            throw ApiError.badRequest("give 1 to " + MAX_BULK + " records at once");
        }
        List<New> news = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            try {
                news.add(fresh(r, bodies.get(i)));
            } catch (ApiError e) {
                throw which(bodies.size(), i, e);
            }
        }
        RecordSql statements = catalogue.sql(r);
        List<Runnable> afterCommit = new ArrayList<>();
        List<Map<String, Object>> created = refusalsInWords(r, () -> sql.transaction(tx -> {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < news.size(); i++) {
                New n = news.get(i);
                List<Object> params = new ArrayList<>(List.of(n.id(), orgId, ventureId, n.source(), p.userId()));
                params.addAll(n.values().values());
                params.addAll(List.of(ventureId, orgId));
                Map<String, Object> record = tx.one(statements.insert(List.copyOf(n.values().keySet())), statements::map,
                        params.toArray()).orElseThrow(() -> ApiError.notFound("the venture"));
                try {
                    catalogue.references().check(tx, r, orgId, ventureId, n.values());
                } catch (ApiError e) {
                    throw which(news.size(), i, e);
                }
                activity.append(tx, orgId, p.userId(), r.entityType() + ".created", r.entityType(), n.id().toString(),
                        summary(ventureId, n.values()));
                tell(tx, new ChangeHook.Change(orgId, p.userId(), ventureId, r, null, record), afterCommit);
                records.add(record);
            }
            return records;
        }));
        created.forEach(record -> publish(orgId, "record.created", r, ventureId, Map.of("record", record)));
        afterCommit.forEach(Runnable::run);
        return created;
    }

    /** A record about to be created: its id, its checked fields, its source. */
    private record New(UUID id, Map<Field, Object> values, String source) {
    }

    private static New fresh(Resource r, JsonNode body) {
        ObjectNode fields = object(r, body, false);
        Map<Field, Object> values = values(r, fields);
        for (Field f : r.writable()) {
            if (f.mandatory() && !values.containsKey(f)) {
                throw ApiError.badRequest("'" + f.name() + "' is required for a new " + r.noun());
            }
        }
        String source = source(fields);
        return new New(UUID.randomUUID(), values, source == null ? "human" : source);
    }

    /** A refusal of the {@code i}th of {@code n} records; with more than one, it says which. */
    private static ApiError which(int n, int i, ApiError e) {
        return n == 1 ? e : new ApiError(e.status(), e.code(), "record " + (i + 1) + " of " + n + ": " + e.getMessage());
    }

    /** Deletes several records at once ({@code POST .../<path>/bulk-delete}): all or none. */
    public int deleteAll(Principal p, UUID orgId, UUID ventureId, Resource r, List<UUID> ids) {
        access.require(p, orgId, r.page(), Action.DELETE);
        if (ids.isEmpty() || ids.size() > MAX_BULK) {
            throw ApiError.badRequest("give 1 to " + MAX_BULK + " ids at once");
        }
        RecordSql statements = catalogue.sql(r);
        sql.transaction(tx -> {
            requireVenture(tx, orgId, ventureId);
            for (UUID id : new java.util.LinkedHashSet<>(ids)) {
                if (tx.update(statements.delete(), orgId, ventureId, id, null, null) == 0) {
                    throw ApiError.notFound("the " + r.noun() + " " + id + " (nothing was deleted)");
                }
                catalogue.references().forget(tx, r, orgId, ventureId, id);
                activity.append(tx, orgId, p.userId(), r.entityType() + ".deleted", r.entityType(), id.toString(),
                        Map.of("venture", ventureId));
            }
            return null;
        });
        ids.stream().distinct().forEach(id -> publish(orgId, "record.deleted", r, ventureId, Map.of("id", id)));
        return (int) ids.stream().distinct().count();
    }

    public Map<String, Object> update(Principal p, UUID orgId, UUID ventureId, Resource r, UUID id, JsonNode body) {
        access.require(p, orgId, r.page(), Action.EDIT);
        ObjectNode fields = object(r, body, true);
        Integer revision = revision(fields);
        String source = source(fields);
        Map<Field, Object> values = values(r, fields);
        RecordSql statements = catalogue.sql(r);
        List<Runnable> afterCommit = new ArrayList<>();
        Map<String, Object> updated = refusalsInWords(r, () -> sql.transaction(tx -> {
            Map<String, Object> before = hooks.stream().anyMatch(h -> h.concerns(r))
                    ? tx.one(statements.selectOne(), statements::map, orgId, ventureId, id).orElse(null) : null;
            List<Object> params = new ArrayList<>(values.values());
            if (source != null) {
                params.add(source);
            }
            params.addAll(List.of(orgId, ventureId, id));
            params.add(revision);
            params.add(revision);
            Map<String, Object> record = tx.one(statements.update(List.copyOf(values.keySet()), source != null, tx.dialect()),
                    statements::map, params.toArray()).orElseThrow(() -> staleOrMissing(tx, r, orgId, ventureId, id, revision));
            catalogue.references().check(tx, r, orgId, ventureId, values);
            activity.append(tx, orgId, p.userId(), r.entityType() + ".updated", r.entityType(), id.toString(),
                    summary(ventureId, values));
            tell(tx, new ChangeHook.Change(orgId, p.userId(), ventureId, r, before, record), afterCommit);
            return record;
        }));
        publish(orgId, "record.updated", r, ventureId, Map.of("record", updated));
        afterCommit.forEach(Runnable::run);
        return updated;
    }

    /** Deletes the record (what belongs to it goes with it, by the schema) and drops its id from lists naming it. */
    public void delete(Principal p, UUID orgId, UUID ventureId, Resource r, UUID id, Integer revision) {
        access.require(p, orgId, r.page(), Action.DELETE);
        RecordSql statements = catalogue.sql(r);
        sql.transaction(tx -> {
            requireVenture(tx, orgId, ventureId);
            if (tx.update(statements.delete(), orgId, ventureId, id, revision, revision) == 0) {
                throw staleOrMissing(tx, r, orgId, ventureId, id, revision);
            }
            catalogue.references().forget(tx, r, orgId, ventureId, id);
            activity.append(tx, orgId, p.userId(), r.entityType() + ".deleted", r.entityType(), id.toString(),
                    Map.of("venture", ventureId));
            return null;
        });
        publish(orgId, "record.deleted", r, ventureId, Map.of("id", id));
    }

    /** The record, or "not found" when it is not in this organization's venture. */
    public Map<String, Object> find(Sql.Tx tx, Resource r, UUID orgId, UUID ventureId, UUID id) throws SQLException {
        RecordSql statements = catalogue.sql(r);
        return tx.one(statements.selectOne(), statements::map, orgId, ventureId, id)
                .orElseThrow(() -> ApiError.notFound("the " + r.noun()));
    }

    /** The venture is this organization's and not deleted; otherwise "not found". */
    public static void requireVenture(Sql.Tx tx, UUID orgId, UUID ventureId) throws SQLException {
        if (tx.one("SELECT 1 FROM ventures WHERE org_id = ? AND id = ? AND deleted_at IS NULL", row -> 1, orgId,
                ventureId).isEmpty()) {
            throw ApiError.notFound("the venture");
        }
    }

    /** Tells the organization's open pages; the event names the resource, so one handler on the page serves all. */
    public void publish(UUID orgId, String type, Resource r, UUID ventureId, Map<String, Object> detail) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resource", r.path());
        data.put("ventureId", ventureId);
        data.putAll(detail);
        live.publish(orgId, r.page(), type, data);
    }

    private void tell(Sql.Tx tx, ChangeHook.Change change, List<Runnable> afterCommit) throws SQLException {
        for (ChangeHook hook : hooks) {
            if (!hook.concerns(change.resource())) {
                continue;
            }
            Runnable then = hook.changed(tx, change);
            if (then != null) {
                afterCommit.add(then);
            }
        }
    }

    private ApiError staleOrMissing(Sql.Tx tx, Resource r, UUID orgId, UUID ventureId, UUID id, Integer revision) {
        Map<String, Object> current;
        try {
            requireVenture(tx, orgId, ventureId);
            current = find(tx, r, orgId, ventureId, id);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        return ApiError.conflict("the " + r.noun() + " changed since you loaded it (revision " + current.get("revision")
                + ", yours " + revision + "); reload and try again");
    }

    private static ObjectNode object(Resource r, JsonNode body, boolean change) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object of the " + r.noun() + "'s fields");
        }
        body.fieldNames().forEachRemaining(name -> {
            boolean known = r.field(name).filter(Field::writable).isPresent() || name.equals("source")
                    || (change && name.equals("revision"));
            if (!known) {
                throw ApiError.badRequest("'" + name + "' is not a field of a " + r.noun() + "; its fields are: "
                        + String.join(", ", r.writable().stream().map(Field::name).toList()) + ", source");
            }
        });
        return (ObjectNode) body;
    }

    private static Map<Field, Object> values(Resource r, ObjectNode body) {
        Map<Field, Object> values = new LinkedHashMap<>();
        for (Field f : r.writable()) {
            if (body.has(f.name())) {
                values.put(f, FieldCodec.read(f, body.get(f.name())));
            }
        }
        return values;
    }

    private static String source(ObjectNode body) {
        JsonNode s = body.get("source");
        if (s == null) {
            return null;
        }
        if (!s.isTextual() || !(s.textValue().equals("human") || s.textValue().equals("ai"))) {
            throw ApiError.badRequest("'source' must be human or ai");
        }
        return s.textValue();
    }

    private static Integer revision(ObjectNode body) {
        JsonNode rev = body.get("revision");
        if (rev == null || rev.isNull()) {
            return null;
        }
        if (!rev.canConvertToInt() || !rev.isIntegralNumber()) {
            throw ApiError.badRequest("'revision' must be the whole number the record was loaded with");
        }
        return rev.intValue();
    }

    private static JsonNode filterValue(Field f, String raw) {
        var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return f.kind() == Field.Kind.FLAG ? switch (raw) {
            case "true" -> json.booleanNode(true);
            case "false" -> json.booleanNode(false);
            default -> throw ApiError.badRequest("'" + f.name() + "' must be true or false");
        } : json.textNode(raw);
    }

    private static Map<String, Object> summary(UUID ventureId, Map<Field, ?> values) {
        return Map.of("venture", ventureId, "fields", values.keySet().stream().map(Field::name).toList());
    }

    private static <T> T refusalsInWords(Resource r, Supplier<T> write) {
        try {
            return write.get();
        } catch (DataAccessException e) {
            for (Map.Entry<String, String> c : r.constraints().entrySet()) {
                if (e.violates(c.getKey())) {
                    throw ApiError.badRequest(c.getValue());
                }
            }
            throw e;
        }
    }
}
