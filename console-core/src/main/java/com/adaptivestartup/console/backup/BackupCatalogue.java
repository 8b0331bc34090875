package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.state.StateDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The backups the console knows, in its SQLite database: only complete, checked archives are listed. */
public final class BackupCatalogue {
    private final StateDatabase db;

    public BackupCatalogue(StateDatabase db) {
        this.db = db;
    }

    public record Backup(String id, String project, Path file, String kind, String appVersion, String schemaVersion,
                         Instant createdAt, long size, String sha256, boolean encrypted, String note,
                         Instant verifiedAt, String verifyResult) {
    }

    public void add(Backup b) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO backups (id, project, file, kind, app_version, schema_version, created_at, size, sha256,
                                     encrypted, note, verified_at, verify_result)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, b.id());
            s.setString(2, b.project());
            s.setString(3, b.file().toAbsolutePath().toString());
            s.setString(4, b.kind());
            s.setString(5, b.appVersion());
            s.setString(6, b.schemaVersion());
            s.setString(7, b.createdAt().toString());
            s.setLong(8, b.size());
            s.setString(9, b.sha256());
            s.setInt(10, b.encrypted() ? 1 : 0);
            s.setString(11, b.note());
            s.setString(12, b.verifiedAt() == null ? null : b.verifiedAt().toString());
            s.setString(13, b.verifyResult());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the backup in the console's database: " + e.getMessage(), e);
        }
    }

    public void recordVerification(String id, Instant at, String result) {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("UPDATE backups SET verified_at = ?, verify_result = ? WHERE id = ?")) {
            s.setString(1, at.toString());
            s.setString(2, result);
            s.setString(3, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void remove(String id) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM backups WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Newest first. */
    public List<Backup> list(String project) {
        return query("SELECT * FROM backups WHERE project = ? ORDER BY created_at DESC, id DESC", project);
    }

    public Optional<Backup> find(String id) {
        return query("SELECT * FROM backups WHERE id = ?", id).stream().findFirst();
    }

    public Optional<Backup> findByFile(Path file) {
        return query("SELECT * FROM backups WHERE file = ?", file.toAbsolutePath().toString()).stream().findFirst();
    }

    private List<Backup> query(String sql, String arg) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            List<Backup> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Backup(r.getString("id"), r.getString("project"), Path.of(r.getString("file")),
                            r.getString("kind"), r.getString("app_version"), r.getString("schema_version"),
                            Instant.parse(r.getString("created_at")), r.getLong("size"), r.getString("sha256"),
                            r.getInt("encrypted") == 1, r.getString("note"),
                            r.getString("verified_at") == null ? null : Instant.parse(r.getString("verified_at")),
                            r.getString("verify_result")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the backup catalogue: " + e.getMessage(), e);
        }
    }
}
