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

/**
 * The backups the console knows, in its SQLite database: only complete, checked archives are listed.
 * Each carries what was last proven of it (a checksum verification, a restore test) and, while it must
 * not be deleted (a backup taken before an update that is not confirmed yet), the reason it is held.
 */
public final class BackupCatalogue {
    private final StateDatabase db;

    public BackupCatalogue(StateDatabase db) {
        this.db = db;
    }

    /** When something was proven of a backup, and how it came out ("ok", or "failed: why"). */
    public record Proof(Instant at, String result) {
        public boolean failed() {
            return result.startsWith("failed");
        }
    }

    public record Backup(String id, String project, Path file, String kind, String appVersion, String schemaVersion,
                         Instant createdAt, long size, String sha256, boolean encrypted, String note,
                         Proof verified, Proof restoreTested, String hold) {
        /** Not known to be bad: no check of it has failed. */
        public boolean good() {
            return (verified == null || !verified.failed()) && (restoreTested == null || !restoreTested.failed());
        }
    }

    public void add(Backup b) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO backups (id, project, file, kind, app_version, schema_version, created_at, size, sha256,
                                     encrypted, note, verified_at, verify_result, restore_tested_at, restore_test_result, hold)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, b.id());
            s.setString(2, b.project());
            s.setString(3, b.file().toAbsolutePath().normalize().toString());
            s.setString(4, b.kind());
            s.setString(5, b.appVersion());
            s.setString(6, b.schemaVersion());
            s.setString(7, b.createdAt().toString());
            s.setLong(8, b.size());
            s.setString(9, b.sha256());
            s.setInt(10, b.encrypted() ? 1 : 0);
            s.setString(11, b.note());
            s.setString(12, b.verified() == null ? null : b.verified().at().toString());
            s.setString(13, b.verified() == null ? null : b.verified().result());
            s.setString(14, b.restoreTested() == null ? null : b.restoreTested().at().toString());
            s.setString(15, b.restoreTested() == null ? null : b.restoreTested().result());
            s.setString(16, b.hold());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the backup in the console's database: " + e.getMessage(), e);
        }
    }

    public void recordVerification(String id, Proof proof) {
        update("UPDATE backups SET verified_at = ?, verify_result = ? WHERE id = ?", proof.at().toString(), proof.result(), id);
    }

    public void recordRestoreTest(String id, Proof proof) {
        update("UPDATE backups SET restore_tested_at = ?, restore_test_result = ? WHERE id = ?", proof.at().toString(),
                proof.result(), id);
    }

    /** Keeps a backup from being pruned ({@code reason}), or lets it go again ({@code null}). */
    public void hold(String id, String reason) {
        update("UPDATE backups SET hold = ? WHERE id = ?", reason, id);
    }

    public void remove(String id) {
        update("DELETE FROM backups WHERE id = ?", id);
    }

    /** Newest first. */
    public List<Backup> list(String project) {
        return query("SELECT * FROM backups WHERE project = ? ORDER BY created_at DESC, id DESC", project);
    }

    public Optional<Backup> find(String id) {
        return query("SELECT * FROM backups WHERE id = ?", id).stream().findFirst();
    }

    public Optional<Backup> findByFile(Path file) {
        return query("SELECT * FROM backups WHERE file = ?", file.toAbsolutePath().normalize().toString()).stream().findFirst();
    }

    public Optional<Backup> findBySha256(String project, String sha256) {
        return list(project).stream().filter(b -> b.sha256().equals(sha256)).findFirst();
    }

    private void update(String sql, String... args) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the backup catalogue: " + e.getMessage(), e);
        }
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
                            proof(r.getString("verified_at"), r.getString("verify_result")),
                            proof(r.getString("restore_tested_at"), r.getString("restore_test_result")),
                            r.getString("hold")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the backup catalogue: " + e.getMessage(), e);
        }
    }

    private static Proof proof(String at, String result) {
        return at == null ? null : new Proof(Instant.parse(at), result);
    }
}
