package com.adaptivestartup.server.file;

import com.adaptivestartup.server.access.Action;
import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.http.Text;
import com.adaptivestartup.server.realtime.LiveUpdates;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.venture.VentureService;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Files: bytes streamed straight into the object store under {@code orgs/<org>/files/<id>} (never held
 * whole in memory), metadata and checksum in PostgreSQL. Metadata is written only after the bytes are
 * stored; if that fails, the object is removed again.
 */
public final class FileService {
    private final Sql sql;
    private final OrgAccess access;
    private final VentureService ventures;
    private final ActivityLog activity;
    private final ObjectStore store;
    private final LiveUpdates live;
    private final long maxBytes;
    private final boolean organized;
    private final String select;

    public FileService(Sql sql, OrgAccess access, VentureService ventures, ActivityLog activity, ObjectStore store,
                       LiveUpdates live, long maxBytes, Release release) {
        this.sql = sql;
        this.access = access;
        this.ventures = ventures;
        this.activity = activity;
        this.store = store;
        this.live = live;
        this.maxBytes = maxBytes;
        this.organized = release.has(Release.Feature.WORKSPACE);
        this.select = "SELECT " + COLUMNS + (organized ? FileLibrary.COLUMNS : "") + " FROM files";
    }

    public record StoredFile(UUID id, UUID orgId, UUID ventureId, String name, String contentType, long sizeBytes,
                             String sha256, UUID uploadedBy, Instant createdAt,
                             @JsonUnwrapped FileLibrary.Organization organization) {
    }

    public StoredFile upload(Principal p, UUID orgId, UUID ventureId, UUID folderId, String name, String contentType,
                             long length, InputStream body) throws IOException {
        require(p, orgId, Action.CREATE);
        if (folderId != null && (ventureId == null || !organized)) {
            throw ApiError.badRequest("a file goes into a folder of its venture: give 'ventureId' with 'folderId'"
                    + (organized ? "" : " (folders need server 1.2.0 or newer)"));
        }
        if (ventureId != null) {
            ventures.find(orgId, ventureId);
        }
        String cleanName = Text.required("name", name, 255);
        if (cleanName.contains("/") || cleanName.contains("\\")) {
            throw ApiError.badRequest("'name' is a file name, without folders");
        }
        UUID id = UUID.randomUUID();
        String key = "orgs/" + orgId + "/files/" + id;
        Received received = Received.into(store, key, contentType, length, maxBytes, body);
        StoredFile stored;
        try {
            stored = sql.transaction(tx -> {
                tx.update("INSERT INTO files (id, org_id, venture_id, object_key, name, content_type, size_bytes, sha256,"
                                + " uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, orgId, ventureId, key, cleanName,
                        received.contentType(), length, received.sha256(), p.userId());
                if (folderId != null) {
                    FileLibrary.placeIn(tx, orgId, ventureId, id, folderId);
                }
                activity.append(tx, orgId, p.userId(), "file.uploaded", "file", id.toString(),
                        Map.of("name", cleanName, "sha256", received.sha256(), "size", length));
                return tx.one(select + " WHERE id = ?", this::map, id).orElseThrow();
            });
        } catch (RuntimeException e) {
            store.delete(key);
            throw e;
        }
        live.publish(orgId, "file.uploaded", stored);
        return stored;
    }

    public List<StoredFile> list(Principal p, UUID orgId, UUID ventureId) {
        require(p, orgId, Action.VIEW);
        return sql.list(select + " WHERE org_id = ? AND (?::uuid IS NULL OR venture_id = ?::uuid) ORDER BY created_at DESC",
                this::map, orgId, ventureId, ventureId);
    }

    /** Files of a venture narrowed by folder, tag and words of their names (release 1.2.0), newest first. */
    public List<StoredFile> find(Principal p, UUID orgId, FileLibrary.Query q) {
        require(p, orgId, Action.VIEW);
        FileLibrary.Filter filter = FileLibrary.filter(q, sql.dialect());
        List<Object> params = new java.util.ArrayList<>(List.of(orgId));
        params.addAll(filter.params());
        return sql.list(select + " WHERE org_id = ?" + filter.where() + " ORDER BY created_at DESC LIMIT 500", this::map,
                params.toArray());
    }

    /** The one access check for files: the workspace's files page (the built-in role before custom roles). */
    void require(Principal p, UUID orgId, Action action) {
        access.require(p, orgId, FileLibrary.PAGE, action);
    }

    StoredFile get(Sql.Tx tx, UUID orgId, UUID id) throws java.sql.SQLException {
        return tx.one(select + " WHERE org_id = ? AND id = ?", this::map, orgId, id)
                .orElseThrow(() -> ApiError.notFound("the file"));
    }

    public record Download(StoredFile file, InputStream content) {
    }

    public Download open(Principal p, UUID orgId, UUID fileId) {
        require(p, orgId, Action.VIEW);
        record Located(StoredFile file, String key) {
        }
        Located found = sql.transaction(tx -> new Located(get(tx, orgId, fileId), tx.one(
                "SELECT object_key FROM files WHERE id = ?", r -> r.getString(1), fileId).orElseThrow()));
        return new Download(found.file(), store.get(found.key()));
    }

    private static final String COLUMNS = "id, org_id, venture_id, name, content_type, size_bytes, sha256, uploaded_by,"
            + " created_at";

    private StoredFile map(java.sql.ResultSet r) throws java.sql.SQLException {
        return new StoredFile(Sql.uuid(r, "id"), Sql.uuid(r, "org_id"),
                Sql.uuid(r, "venture_id"), r.getString("name"), r.getString("content_type"),
                r.getLong("size_bytes"), r.getString("sha256"), Sql.uuid(r, "uploaded_by"),
                Sql.instant(r, "created_at"), organized ? FileLibrary.organization(r) : null);
    }
}
