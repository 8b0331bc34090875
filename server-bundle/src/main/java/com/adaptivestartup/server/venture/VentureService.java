package com.adaptivestartup.server.venture;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.http.Text;
import com.adaptivestartup.server.realtime.LiveUpdates;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ventures of an organization. Every query names the organization as well as the id, so a member of one
 * organization can never reach another's rows, whatever id they send.
 */
public final class VentureService {
    private static final String COLUMNS =
            "id, org_id, name, hypothesis, data::text AS data, revision, created_by, created_at, updated_at";
    /** The ceiling on a venture's documents, enforced by the database (ventures_data_size). */
    static final int MAX_DATA_KB = 256;
    private final Sql sql;
    private final OrgAccess access;
    private final ActivityLog activity;
    private final LiveUpdates live;

    public VentureService(Sql sql, OrgAccess access, ActivityLog activity, LiveUpdates live) {
        this.sql = sql;
        this.access = access;
        this.activity = activity;
        this.live = live;
    }

    public record NewVenture(String name, String hypothesis, JsonNode data) {
    }

    /** Absent fields stay as they are; {@code data} is merged key by key into the stored document. */
    public record Patch(String name, String hypothesis, JsonNode data, Integer revision) {
    }

    public List<Venture> list(Principal p, UUID orgId) {
        access.require(p, orgId, Role.VIEWER);
        return sql.list("SELECT " + COLUMNS + " FROM ventures WHERE org_id = ? AND deleted_at IS NULL"
                + " ORDER BY updated_at DESC", VentureService::map, orgId);
    }

    public Venture get(Principal p, UUID orgId, UUID id) {
        access.require(p, orgId, Role.VIEWER);
        return find(orgId, id);
    }

    public Venture create(Principal p, UUID orgId, NewVenture body) {
        access.require(p, orgId, Role.MEMBER);
        String name = Text.required("name", body.name(), 200);
        String hypothesis = body.hypothesis() == null ? "" : Text.optional("hypothesis", body.hypothesis(), 4000);
        String data = body.data() == null ? "{}" : objectJson(body.data());
        UUID id = UUID.randomUUID();
        Venture created = withinSizeLimit(() -> sql.transaction(tx -> {
            tx.update("INSERT INTO ventures (id, org_id, name, hypothesis, data, created_by) VALUES (?, ?, ?, ?, ?::jsonb, ?)",
                    id, orgId, name, hypothesis, data, p.userId());
            activity.append(tx, orgId, p.userId(), "venture.created", "venture", id.toString(), Map.of("name", name));
            return tx.one("SELECT " + COLUMNS + " FROM ventures WHERE id = ?", VentureService::map, id).orElseThrow();
        }));
        live.publish(orgId, "venture.created", created);
        return created;
    }

    public Venture update(Principal p, UUID orgId, UUID id, Patch patch) {
        access.require(p, orgId, Role.MEMBER);
        String name = patch.name() == null ? null : Text.required("name", patch.name(), 200);
        String hypothesis = Text.optional("hypothesis", patch.hypothesis(), 4000);
        String data = patch.data() == null ? null : objectJson(patch.data());
        Venture updated = withinSizeLimit(() -> sql.transaction(tx -> {
            int rows = tx.update("UPDATE ventures SET name = coalesce(?, name), hypothesis = coalesce(?, hypothesis),"
                            + " data = data || coalesce(?::jsonb, '{}'::jsonb), revision = revision + 1, updated_at = now()"
                            + " WHERE org_id = ? AND id = ? AND deleted_at IS NULL AND (?::int IS NULL OR revision = ?::int)",
                    name, hypothesis, data, orgId, id, patch.revision(), patch.revision());
            if (rows == 0) {
                Venture current = findIn(tx, orgId, id);
                throw ApiError.conflict("the venture changed since you loaded it (revision " + current.revision()
                        + ", yours " + patch.revision() + "); reload and try again");
            }
            activity.append(tx, orgId, p.userId(), "venture.updated", "venture", id.toString(),
                    Map.of("fields", changedFields(patch)));
            return findIn(tx, orgId, id);
        }));
        live.publish(orgId, "venture.updated", updated);
        return updated;
    }

    public void archive(Principal p, UUID orgId, UUID id) {
        access.require(p, orgId, Role.MEMBER);
        sql.transaction(tx -> {
            if (tx.update("UPDATE ventures SET deleted_at = now() WHERE org_id = ? AND id = ? AND deleted_at IS NULL",
                    orgId, id) == 0) {
                throw ApiError.notFound("the venture");
            }
            activity.append(tx, orgId, p.userId(), "venture.archived", "venture", id.toString(), Map.of());
            return null;
        });
        live.publish(orgId, "venture.archived", Map.of("id", id));
    }

    /**
     * Runs a write that the database refuses when a venture's documents would pass their ceiling (release 1.2.0's
     * check constraint), turning that refusal into a sentence.
     */
    private static Venture withinSizeLimit(java.util.function.Supplier<Venture> write) {
        try {
            return write.get();
        } catch (com.adaptivestartup.server.db.DataAccessException e) {
            if (e.violates("ventures_data_size")) {
                throw ApiError.tooLarge("a venture's documents may hold at most " + MAX_DATA_KB + " KB of JSON; this"
                        + " change would take them past it. Remove or shorten some content, or keep large material as files");
            }
            throw e;
        }
    }

    /** The venture if it is live in this organization; used by metrics and files too. */
    public Venture find(UUID orgId, UUID id) {
        return sql.transaction(tx -> findIn(tx, orgId, id));
    }

    private static Venture findIn(Sql.Tx tx, UUID orgId, UUID id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM ventures WHERE org_id = ? AND id = ? AND deleted_at IS NULL",
                VentureService::map, orgId, id).orElseThrow(() -> ApiError.notFound("the venture"));
    }

    private static List<String> changedFields(Patch patch) {
        return java.util.stream.Stream.of(patch.name() != null ? "name" : null,
                patch.hypothesis() != null ? "hypothesis" : null, patch.data() != null ? "data" : null)
                .filter(java.util.Objects::nonNull).toList();
    }

    private static String objectJson(JsonNode data) {
        if (!data.isObject()) {
            throw ApiError.badRequest("'data' must be a JSON object of module documents");
        }
        return Json.write(data);
    }

    static Venture map(ResultSet r) throws SQLException {
        return new Venture(r.getObject("id", UUID.class), r.getObject("org_id", UUID.class), r.getString("name"),
                r.getString("hypothesis"), Json.tree(r.getString("data")), r.getInt("revision"),
                r.getObject("created_by", UUID.class), Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }
}
