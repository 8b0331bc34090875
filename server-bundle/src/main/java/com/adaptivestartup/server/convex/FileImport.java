package com.adaptivestartup.server.convex;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.file.ContentTypes;
import com.adaptivestartup.server.file.ObjectStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The export's stored files into the object store and the {@code files} table: streamed (never whole in memory),
 * the SHA-256 worked out on the way and compared with the one Convex recorded, a file whose bytes did not change
 * since the last import not sent again. A type the server does not show is kept as a plain download. What was put
 * is remembered, so a rolled-back import takes it away again.
 */
final class FileImport {
    private final ExportArchive export;
    private final ObjectStore store;
    private final boolean dryRun;
    private final Meter meter;
    private final ImportReport.Files report;
    /** Objects put by this import (taken away if it does not commit). */
    final List<String> uploaded = new ArrayList<>();
    /** Objects of earlier imports replaced by new bytes (taken away once this import commits). */
    final List<String> replaced = new ArrayList<>();
    /** Files written by this import, for the verification: id and the SHA-256 Convex recorded. */
    final List<Written> written = new ArrayList<>();

    record Written(UUID fileId, String expectedSha256, long size) {
    }

    /** A file row to write: where it goes and what it is called. */
    record Target(UUID fileId, UUID orgId, UUID ventureId, String name, String declaredType, UUID uploadedBy,
                  Instant createdAt, UUID folderId, String[] tags, String description) {
    }

    FileImport(ExportArchive export, ObjectStore store, boolean dryRun, Meter meter, ImportReport.Files report) {
        this.export = export;
        this.store = store;
        this.dryRun = dryRun;
        this.meter = meter;
        this.report = report;
    }

    /** Writes the file; true when it is new or changed. */
    boolean put(Sql.Tx tx, String storageId, Target t) throws SQLException {
        ExportArchive.StoredFile stored = export.storage().get(storageId);
        String expected = stored.sha256Base64() == null ? null
                : HexFormat.of().formatHex(Base64.getDecoder().decode(stored.sha256Base64()));
        record Existing(String key, String sha256, String type, long size) {
        }
        Optional<Existing> existing = tx.one("SELECT object_key, sha256, content_type, size_bytes FROM files WHERE id = ?",
                r -> new Existing(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)), t.fileId());
        String key;
        String type;
        String sha;
        long size;
        if (existing.isPresent() && expected != null && expected.equals(existing.get().sha256())) {
            key = existing.get().key();
            type = existing.get().type();
            sha = expected;
            size = existing.get().size();
            report.unchanged++;
        } else {
            key = "orgs/" + t.orgId() + "/files/" + t.fileId()
                    + (existing.isPresent() ? "-" + (expected == null ? UUID.randomUUID() : expected.substring(0, 16)) : "");
            Sent sent = send(storageId, key, t.declaredType() != null ? t.declaredType() : stored.contentType());
            if (expected != null && !expected.equals(sent.sha256())) {
                throw new ImportFailure("the file " + t.name() + " (" + storageId + ") in " + export.name() + " is"
                        + " damaged: its SHA-256 is not the one Convex recorded. Export again. Nothing was imported");
            }
            key = sent.key();
            type = sent.type();
            sha = sent.sha256();
            size = sent.size();
            existing.ifPresent(e -> replaced.add(e.key()));
            report.imported++;
            report.bytes += size;
            if (ContentTypes.DOWNLOAD.equals(type)) {
                report.asDownloads++;
            }
        }
        Optional<Boolean> changed = tx.one("INSERT INTO files (id, org_id, venture_id, object_key, name, content_type,"
                        + " size_bytes, sha256, uploaded_by, created_at, folder_id, tags, description)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " venture_id = EXCLUDED.venture_id, object_key = EXCLUDED.object_key, name = EXCLUDED.name,"
                        + " content_type = EXCLUDED.content_type, size_bytes = EXCLUDED.size_bytes,"
                        + " sha256 = EXCLUDED.sha256, folder_id = EXCLUDED.folder_id, tags = EXCLUDED.tags,"
                        + " description = EXCLUDED.description WHERE files.org_id = EXCLUDED.org_id AND"
                        + " ROW(files.venture_id, files.object_key, files.name, files.content_type, files.sha256,"
                        + " files.folder_id, files.tags, files.description) IS DISTINCT FROM ROW(EXCLUDED.venture_id,"
                        + " EXCLUDED.object_key, EXCLUDED.name, EXCLUDED.content_type, EXCLUDED.sha256,"
                        + " EXCLUDED.folder_id, EXCLUDED.tags, EXCLUDED.description) RETURNING true",
                r -> r.getBoolean(1), t.fileId(), t.orgId(), t.ventureId(), key, t.name(), type, size, sha,
                t.uploadedBy(), t.createdAt(), t.folderId(), t.tags(), t.description());
        written.add(new Written(t.fileId(), expected, size));
        return changed.isPresent();
    }

    private record Sent(String key, String type, String sha256, long size) {
    }

    private Sent send(String storageId, String key, String declared) {
        long size = export.fileSize(storageId);
        MessageDigest sha = sha256();
        try (InputStream raw = export.file(storageId);
             BufferedInputStream in = new BufferedInputStream(raw, 1 << 16)) {
            in.mark(512);
            byte[] head = in.readNBytes((int) Math.min(512, Math.max(0, size)));
            in.reset();
            String type = ContentTypes.servable(declared, head);
            DigestInputStream digesting = new DigestInputStream(in, sha);
            if (dryRun) {
                digesting.transferTo(OutputStream.nullOutputStream());
            } else {
                uploaded.add(key);
                store.put(key, digesting, size, type);
            }
            meter.file(size);
            return new Sent(key, type, HexFormat.of().formatHex(sha.digest()), size);
        } catch (IOException e) {
            throw new ImportFailure("the file " + storageId + " in " + export.name() + " cannot be read (" + e.getMessage()
                    + "); the export is damaged. Nothing was imported", e);
        }
    }

    void deleteObject(String key) {
        store.delete(key);
    }

    long storedSize(String key) {
        return store.size(key);
    }

    /** Takes away what this import put (it did not commit). */
    void discard() {
        if (dryRun) {
            return;
        }
        for (String key : uploaded) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                // an object nothing refers to is harmless; the next import of the same file puts it again
            }
        }
        uploaded.clear();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
