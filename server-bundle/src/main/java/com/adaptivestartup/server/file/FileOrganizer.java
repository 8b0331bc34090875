package com.adaptivestartup.server.file;

import com.adaptivestartup.server.access.Action;
import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Text;
import com.adaptivestartup.server.realtime.LiveUpdates;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Release 1.2.0's file operations beyond upload and download: rename, move between folders, tag and describe a
 * file; upload a new version (the earlier one kept, with its own bytes and checksum) and read any version back.
 */
public final class FileOrganizer {
    private final Sql sql;
    private final FileService files;
    private final ObjectStore store;
    private final ActivityLog activity;
    private final LiveUpdates live;
    private final long maxBytes;

    public FileOrganizer(Sql sql, FileService files, ObjectStore store, ActivityLog activity, LiveUpdates live,
                         long maxBytes) {
        this.sql = sql;
        this.files = files;
        this.store = store;
        this.activity = activity;
        this.live = live;
        this.maxBytes = maxBytes;
    }

    /** A change: absent fields stay; {@code toTopLevel} takes the file out of its folder. */
    public record Change(String name, UUID folderId, Boolean toTopLevel, List<String> tags, String description) {
    }

    public record Version(int version, String name, String contentType, long sizeBytes, String sha256, UUID uploadedBy,
                          Instant createdAt, boolean current) {
    }

    public FileService.StoredFile change(Principal p, UUID orgId, UUID fileId, Change c) {
        files.require(p, orgId, Action.EDIT);
        String name = c.name() == null ? null : fileName(c.name());
        String description = Text.optional("description", c.description(), 2000);
        String[] tags = c.tags() == null ? null : tags(c.tags());
        if (c.folderId() != null && Boolean.TRUE.equals(c.toTopLevel())) {
            throw ApiError.badRequest("give either 'folderId' or 'toTopLevel', not both");
        }
        FileService.StoredFile changed = sql.transaction(tx -> {
            FileService.StoredFile file = files.get(tx, orgId, fileId);
            tx.update("UPDATE files SET name = coalesce(?, name), description = coalesce(?, description),"
                    + " tags = coalesce(?, tags) WHERE id = ?", name, description, tags, fileId);
            if (c.folderId() != null || Boolean.TRUE.equals(c.toTopLevel())) {
                FileLibrary.placeIn(tx, orgId, file.ventureId(), fileId, c.folderId());
            }
            activity.append(tx, orgId, p.userId(), "file.changed", "file", fileId.toString(), Map.of("name",
                    name == null ? file.name() : name));
            return files.get(tx, orgId, fileId);
        });
        live.publish(orgId, FileLibrary.PAGE, "file.changed", changed);
        return changed;
    }

    public FileService.StoredFile newVersion(Principal p, UUID orgId, UUID fileId, String name, String contentType,
                                             long length, InputStream body) throws IOException {
        files.require(p, orgId, Action.EDIT);
        String newName = name == null ? null : fileName(name);
        sql.transaction(tx -> files.get(tx, orgId, fileId));
        // Beside the first version's key, not under it: a file-system object store cannot have both.
        String key = "orgs/" + orgId + "/file-versions/" + fileId + "-" + UUID.randomUUID();
        Received received = Received.into(store, key, contentType, length, maxBytes, body);
        FileService.StoredFile updated;
        try {
            updated = sql.transaction(tx -> {
                // The current version becomes an earlier one (its bytes stay where they are), then the file points at the new.
                tx.one("SELECT version FROM files WHERE id = ? FOR UPDATE", r -> r.getInt(1), fileId).orElseThrow();
                tx.update("INSERT INTO file_versions (file_id, version, object_key, name, content_type, size_bytes, sha256,"
                        + " uploaded_by, created_at) SELECT id, version, object_key, name, content_type, size_bytes, sha256,"
                        + " uploaded_by, coalesce(version_at, created_at) FROM files WHERE id = ?", fileId);
                tx.update("UPDATE files SET object_key = ?, name = coalesce(?, name), content_type = ?, size_bytes = ?,"
                        + " sha256 = ?, uploaded_by = ?, version = version + 1, version_at = now() WHERE id = ?", key, newName,
                        received.contentType(), received.sizeBytes(), received.sha256(), p.userId(), fileId);
                FileService.StoredFile file = files.get(tx, orgId, fileId);
                activity.append(tx, orgId, p.userId(), "file.version_uploaded", "file", fileId.toString(),
                        Map.of("version", file.organization().version(), "sha256", received.sha256(), "size", length));
                return file;
            });
        } catch (RuntimeException e) {
            store.delete(key);
            throw e;
        }
        live.publish(orgId, FileLibrary.PAGE, "file.changed", updated);
        return updated;
    }

    public List<Version> versions(Principal p, UUID orgId, UUID fileId) {
        files.require(p, orgId, Action.VIEW);
        return sql.transaction(tx -> {
            FileService.StoredFile file = files.get(tx, orgId, fileId);
            List<Version> all = new java.util.ArrayList<>();
            all.add(new Version(file.organization().version(), file.name(), file.contentType(), file.sizeBytes(),
                    file.sha256(), file.uploadedBy(), null, true));
            all.addAll(tx.list("SELECT version, name, content_type, size_bytes, sha256, uploaded_by, created_at"
                    + " FROM file_versions WHERE file_id = ? ORDER BY version DESC", r -> new Version(r.getInt(1),
                    r.getString(2), r.getString(3), r.getLong(4), r.getString(5), Sql.uuid(r, 6),
                    Sql.instant(r, "created_at"), false), fileId));
            return all;
        });
    }

    /** An earlier version's bytes (the current one is {@link FileService#open}). */
    public FileService.Download openVersion(Principal p, UUID orgId, UUID fileId, int version) {
        files.require(p, orgId, Action.VIEW);
        record Found(FileService.StoredFile file, String key) {
        }
        Found found = sql.transaction(tx -> {
            FileService.StoredFile current = files.get(tx, orgId, fileId);
            return tx.one("SELECT object_key, name, content_type, size_bytes, sha256, uploaded_by, created_at FROM file_versions"
                    + " WHERE file_id = ? AND version = ?", r -> new Found(new FileService.StoredFile(fileId, orgId,
                    current.ventureId(), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
                    Sql.uuid(r, 6), Sql.instant(r, "created_at"), current.organization()), r.getString(1)),
                    fileId, version).orElseThrow(() -> ApiError.notFound("version " + version + " of the file"));
        });
        return new FileService.Download(found.file(), store.get(found.key()));
    }

    private static String fileName(String name) {
        String clean = Text.required("name", name, 255);
        if (clean.contains("/") || clean.contains("\\")) {
            throw ApiError.badRequest("'name' is a file name, without folders");
        }
        return clean;
    }

    private static String[] tags(List<String> tags) {
        if (tags.size() > 20) {
            throw ApiError.badRequest("a file may have at most 20 tags");
        }
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String t : tags) {
            clean.add(Text.required("tags", t, 40));
        }
        return clean.toArray(String[]::new);
    }
}
