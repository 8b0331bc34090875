package com.adaptivestartup.server.file;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.http.Text;
import com.adaptivestartup.server.realtime.LiveUpdates;
import com.adaptivestartup.server.venture.VentureService;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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

    public FileService(Sql sql, OrgAccess access, VentureService ventures, ActivityLog activity, ObjectStore store,
                       LiveUpdates live, long maxBytes) {
        this.sql = sql;
        this.access = access;
        this.ventures = ventures;
        this.activity = activity;
        this.store = store;
        this.live = live;
        this.maxBytes = maxBytes;
    }

    public record StoredFile(UUID id, UUID orgId, UUID ventureId, String name, String contentType, long sizeBytes,
                             String sha256, UUID uploadedBy, Instant createdAt) {
    }

    public StoredFile upload(Principal p, UUID orgId, UUID ventureId, String name, String contentType, long length,
                             InputStream body) throws IOException {
        access.require(p, orgId, Role.MEMBER);
        if (ventureId != null) {
            ventures.find(orgId, ventureId);
        }
        String cleanName = Text.required("name", name, 255);
        if (cleanName.contains("/") || cleanName.contains("\\")) {
            throw ApiError.badRequest("'name' is a file name, without folders");
        }
        if (length < 0) {
            throw new ApiError(411, "length_required", "send the file with a Content-Length header");
        }
        if (length > maxBytes) {
            throw new ApiError(413, "too_large", "the file is " + length + " bytes; the limit is " + maxBytes);
        }
        BufferedInputStream buffered = new BufferedInputStream(body, 8192);
        buffered.mark(512);
        byte[] head = buffered.readNBytes((int) Math.min(512, length));
        buffered.reset();
        ContentTypes.problem(contentType, head).ifPresent(problem -> {
            throw new ApiError(415, "unsupported_type", problem);
        });
        String type = ContentTypes.normalized(contentType);
        UUID id = UUID.randomUUID();
        String key = "orgs/" + orgId + "/files/" + id;
        MessageDigest sha = sha256();
        store.put(key, new DigestInputStream(buffered, sha), length, type);
        String digest = HexFormat.of().formatHex(sha.digest());
        StoredFile stored;
        try {
            stored = sql.transaction(tx -> {
                tx.update("INSERT INTO files (id, org_id, venture_id, object_key, name, content_type, size_bytes, sha256,"
                                + " uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, orgId, ventureId, key, cleanName,
                        type, length, digest, p.userId());
                activity.append(tx, orgId, p.userId(), "file.uploaded", "file", id.toString(),
                        Map.of("name", cleanName, "sha256", digest, "size", length));
                return tx.one(SELECT + " WHERE id = ?", FileService::map, id).orElseThrow();
            });
        } catch (RuntimeException e) {
            store.delete(key);
            throw e;
        }
        live.publish(orgId, "file.uploaded", stored);
        return stored;
    }

    public List<StoredFile> list(Principal p, UUID orgId, UUID ventureId) {
        access.require(p, orgId, Role.VIEWER);
        return sql.list(SELECT + " WHERE org_id = ? AND (?::uuid IS NULL OR venture_id = ?::uuid) ORDER BY created_at DESC",
                FileService::map, orgId, ventureId, ventureId);
    }

    public record Download(StoredFile file, InputStream content) {
    }

    public Download open(Principal p, UUID orgId, UUID fileId) {
        access.require(p, orgId, Role.VIEWER);
        StoredFile file = sql.one(SELECT + " WHERE org_id = ? AND id = ?", FileService::map, orgId, fileId)
                .orElseThrow(() -> ApiError.notFound("the file"));
        return new Download(file, store.get("orgs/" + orgId + "/files/" + fileId));
    }

    private static final String SELECT = "SELECT id, org_id, venture_id, name, content_type, size_bytes, sha256,"
            + " uploaded_by, created_at FROM files";

    private static StoredFile map(java.sql.ResultSet r) throws java.sql.SQLException {
        return new StoredFile(r.getObject("id", UUID.class), r.getObject("org_id", UUID.class),
                r.getObject("venture_id", UUID.class), r.getString("name"), r.getString("content_type"),
                r.getLong("size_bytes"), r.getString("sha256"), r.getObject("uploaded_by", UUID.class),
                Sql.instant(r, "created_at"));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
