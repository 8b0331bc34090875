package com.adaptivestartup.server.venture;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.access.Action;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.http.Text;
import com.adaptivestartup.server.realtime.LiveUpdates;
import com.adaptivestartup.server.release.Release;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final String PROFILE_COLUMNS =
            ", slug, logo_file_id, founding_date, industry, stage, current_canvas_id, deleted_at";
    /** How long a deleted venture can be brought back. */
    public static final int RESTORE_DAYS = 30;
    /** The ceiling on a venture's documents, enforced by the database (ventures_data_size). */
    static final int MAX_DATA_KB = 256;
    private final Sql sql;
    private final OrgAccess access;
    private final ActivityLog activity;
    private final LiveUpdates live;
    private final boolean profiles;
    private final String columns;

    public VentureService(Sql sql, OrgAccess access, ActivityLog activity, LiveUpdates live, Release release) {
        this.sql = sql;
        this.access = access;
        this.activity = activity;
        this.live = live;
        this.profiles = release.has(Release.Feature.WORKSPACE);
        this.columns = COLUMNS + (profiles ? PROFILE_COLUMNS : "");
    }

    public record NewVenture(String name, String hypothesis, JsonNode data, String slug, LocalDate foundingDate,
                             String industry, String stage) {
    }

    /**
     * Absent fields stay as they are; {@code data} is merged key by key into the stored document; {@code clear}
     * names profile fields to empty.
     */
    public record Patch(String name, String hypothesis, JsonNode data, Integer revision, String slug, UUID logoFileId,
                        LocalDate foundingDate, String industry, String stage, UUID currentCanvasId, List<String> clear) {
    }

    public List<Venture> list(Principal p, UUID orgId) {
        access.require(p, orgId, Role.VIEWER);
        return sql.list("SELECT " + columns + " FROM ventures WHERE org_id = ? AND deleted_at IS NULL"
                + " ORDER BY updated_at DESC", this::map, orgId);
    }

    /** The organization's deleted ventures that can still be restored, most recently deleted first. */
    public List<Venture> deleted(Principal p, UUID orgId) {
        access.require(p, orgId, Role.VIEWER);
        requireProfiles();
        return sql.list("SELECT " + columns + " FROM ventures WHERE org_id = ? AND deleted_at > ?"
                + " ORDER BY deleted_at DESC", this::map, orgId, restorableSince());
    }

    /** Brings a deleted venture back, with everything it held, within {@link #RESTORE_DAYS} days. */
    public Venture restore(Principal p, UUID orgId, UUID id) {
        access.require(p, orgId, OrgAccess.OVERVIEW, Action.DELETE);
        requireProfiles();
        Venture restored = profileRules(() -> sql.transaction(tx -> {
            int rows = tx.update("UPDATE ventures SET deleted_at = NULL, updated_at = now() WHERE org_id = ? AND id = ?"
                    + " AND deleted_at > ?", orgId, id, restorableSince());
            if (rows == 0) {
                throw ApiError.notFound("a deleted venture to restore (after " + RESTORE_DAYS + " days it can no longer be)");
            }
            activity.append(tx, orgId, p.userId(), "venture.restored", "venture", id.toString(), Map.of());
            return findIn(tx, orgId, id);
        }));
        live.publish(orgId, "venture.created", restored);
        return restored;
    }

    public Venture get(Principal p, UUID orgId, UUID id) {
        access.require(p, orgId, Role.VIEWER);
        return find(orgId, id);
    }

    public Venture create(Principal p, UUID orgId, NewVenture body) {
        access.require(p, orgId, OrgAccess.OVERVIEW, Action.CREATE);
        String name = Text.required("name", body.name(), 200);
        String hypothesis = body.hypothesis() == null ? "" : Text.optional("hypothesis", body.hypothesis(), 4000);
        String data = body.data() == null ? "{}" : objectJson(body.data());
        ProfileChange profile = profile(ProfileChange.of(body.slug(), null, body.foundingDate(), body.industry(),
                body.stage(), null, null));
        UUID id = UUID.randomUUID();
        Venture created = profileRules(() -> sql.transaction(tx -> {
            tx.update("INSERT INTO ventures (id, org_id, name, hypothesis, data, created_by) VALUES (?, ?, ?, ?, ?::jsonb, ?)",
                    id, orgId, name, hypothesis, data, p.userId());
            if (profiles) {
                setProfile(tx, orgId, id, profile);
                startCanvas(tx, orgId, id, p.userId());
            }
            activity.append(tx, orgId, p.userId(), "venture.created", "venture", id.toString(), Map.of("name", name));
            return findIn(tx, orgId, id);
        }));
        live.publish(orgId, "venture.created", created);
        return created;
    }

    public Venture update(Principal p, UUID orgId, UUID id, Patch patch) {
        access.require(p, orgId, OrgAccess.OVERVIEW, Action.EDIT);
        String name = patch.name() == null ? null : Text.required("name", patch.name(), 200);
        String hypothesis = Text.optional("hypothesis", patch.hypothesis(), 4000);
        String data = patch.data() == null ? null : objectJson(patch.data());
        ProfileChange profile = profile(ProfileChange.of(patch.slug(), patch.logoFileId(), patch.foundingDate(),
                patch.industry(), patch.stage(), patch.currentCanvasId(), patch.clear()));
        Venture updated = profileRules(() -> sql.transaction(tx -> {
            profile.checkReferences(tx, orgId, id);
            List<Object> params = new ArrayList<>(Arrays.asList(name, hypothesis, data));
            params.addAll(profile.values());
            params.addAll(Arrays.asList(orgId, id, patch.revision(), patch.revision()));
            int rows = tx.update("UPDATE ventures SET name = coalesce(?, name), hypothesis = coalesce(?, hypothesis),"
                            + " data = " + tx.dialect().jsonMerged("data") + ", " + profile.assignments()
                            + "revision = revision + 1, updated_at = now()"
                            + " WHERE org_id = ? AND id = ? AND deleted_at IS NULL AND (?::int IS NULL OR revision = ?::int)",
                    params.toArray());
            if (rows == 0) {
                Venture current = findIn(tx, orgId, id);
                throw ApiError.conflict("the venture changed since you loaded it (revision " + current.revision()
                        + ", yours " + patch.revision() + "); reload and try again");
            }
            activity.append(tx, orgId, p.userId(), "venture.updated", "venture", id.toString(),
                    Map.of("fields", changedFields(patch, profile)));
            return findIn(tx, orgId, id);
        }));
        live.publish(orgId, "venture.updated", updated);
        return updated;
    }

    public void archive(Principal p, UUID orgId, UUID id) {
        access.require(p, orgId, OrgAccess.OVERVIEW, Action.DELETE);
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
     * Runs a write, turning the database's refusals into sentences: a venture's documents past their ceiling
     * (release 1.2.0's check constraint), a short name another venture of the organization has.
     */
    private static Venture profileRules(java.util.function.Supplier<Venture> write) {
        try {
            return write.get();
        } catch (com.adaptivestartup.server.db.DataAccessException e) {
            if (e.violates("ventures_data_size")) {
                throw ApiError.tooLarge("a venture's documents may hold at most " + MAX_DATA_KB + " KB of JSON; this"
                        + " change would take them past it. Remove or shorten some content, or keep large material as files");
            }
            if (e.violates("ventures_slug")) {
                throw ApiError.conflict("another venture of this organization already has that short name ('slug');"
                        + " choose another");
            }
            throw e;
        }
    }

    private ProfileChange profile(ProfileChange change) {
        if (!profiles && !change.isEmpty()) {
            throw ApiError.badRequest("a venture's profile (" + String.join(", ", change.names()) + ") needs server 1.2.0"
                    + " or newer");
        }
        return change;
    }

    private void requireProfiles() {
        if (!profiles) {
            throw ApiError.notFound("restoring deleted ventures on this server version");
        }
    }

    private static void setProfile(Sql.Tx tx, UUID orgId, UUID id, ProfileChange profile) throws SQLException {
        if (!profile.isEmpty()) {
            List<Object> params = profile.values();
            params.addAll(List.of(orgId, id));
            String sets = profile.assignments();
            tx.update("UPDATE ventures SET " + sets.substring(0, sets.length() - 2) + " WHERE org_id = ? AND id = ?",
                    params.toArray());
        }
    }

    /** A new venture starts with an empty lean canvas, its current one (as the cloud app does). */
    private static void startCanvas(Sql.Tx tx, UUID orgId, UUID ventureId, UUID userId) throws SQLException {
        UUID canvas = UUID.randomUUID();
        tx.update("INSERT INTO canvases (id, org_id, venture_id, created_by, name, kind) VALUES (?, ?, ?, ?, 'Lean canvas', 'lean')",
                canvas, orgId, ventureId, userId);
        tx.update("UPDATE ventures SET current_canvas_id = ? WHERE id = ?", canvas, ventureId);
    }

    /** The venture if it is live in this organization; used by metrics and files too. */
    public Venture find(UUID orgId, UUID id) {
        return sql.transaction(tx -> findIn(tx, orgId, id));
    }

    private Venture findIn(Sql.Tx tx, UUID orgId, UUID id) throws SQLException {
        return tx.one("SELECT " + columns + " FROM ventures WHERE org_id = ? AND id = ? AND deleted_at IS NULL",
                this::map, orgId, id).orElseThrow(() -> ApiError.notFound("the venture"));
    }

    private static List<String> changedFields(Patch patch, ProfileChange profile) {
        List<String> fields = new ArrayList<>(java.util.stream.Stream.of(patch.name() != null ? "name" : null,
                patch.hypothesis() != null ? "hypothesis" : null, patch.data() != null ? "data" : null)
                .filter(java.util.Objects::nonNull).toList());
        fields.addAll(profile.names());
        return fields;
    }

    private static String objectJson(JsonNode data) {
        if (!data.isObject()) {
            throw ApiError.badRequest("'data' must be a JSON object of module documents");
        }
        return Json.write(data);
    }

    /** The oldest deletion that can still be undone. */
    private static java.time.Instant restorableSince() {
        return java.time.Instant.now().minus(java.time.Duration.ofDays(RESTORE_DAYS));
    }

    private Venture map(ResultSet r) throws SQLException {
        VentureProfile profile = profiles ? new VentureProfile(r.getString("slug"), Sql.uuid(r, "logo_file_id"),
                Sql.localDate(r, r.findColumn("founding_date")), r.getString("industry"), r.getString("stage"),
                Sql.uuid(r, "current_canvas_id"), Sql.instant(r, "deleted_at")) : null;
        return new Venture(Sql.uuid(r, "id"), Sql.uuid(r, "org_id"), r.getString("name"),
                r.getString("hypothesis"), Json.tree(r.getString("data")), r.getInt("revision"),
                Sql.uuid(r, "created_by"), Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"), profile);
    }
}
