package com.adaptivestartup.console.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The heads of each organization's activity log as the console saw them (at each backup and each passed
 * check), kept here, outside the stack's database. A log whose newest entries were dropped, or which was
 * replaced and re-chained, no longer holds the newest head recorded here; the server's {@code audit verify}
 * is given these and says so.
 */
public final class AuditAnchors {
    private final StateDatabase db;
    private final Clock clock;

    public AuditAnchors(StateDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One log's head: the organization, its newest entry's sequence number and hash. */
    public record Anchor(String orgId, long seq, String hash) {
    }

    public void record(String project, List<Anchor> heads, String source) {
        String now = clock.instant().toString();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO audit_anchors"
                + " (project, org_id, seq, hash, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (Anchor a : heads) {
                if (a.seq() > 0) {
                    s.setString(1, project);
                    s.setString(2, a.orgId());
                    s.setLong(3, a.seq());
                    s.setString(4, a.hash());
                    s.setString(5, now);
                    s.setString(6, source);
                    s.addBatch();
                }
            }
            s.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("the activity log's anchors cannot be recorded: " + e.getMessage(), e);
        }
    }

    /** After a restore the log is what the backup held: its heads replace every anchor of the project. */
    public void replace(String project, List<Anchor> heads, String source) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM audit_anchors WHERE project = ?")) {
            s.setString(1, project);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the activity log's anchors cannot be reset: " + e.getMessage(), e);
        }
        record(project, heads, source);
    }

    /**
     * The newest anchor of each organization: enough to tell a cut or re-chained log (an older entry rewritten
     * breaks the chain up to the newest, whose hash then differs), and small enough to hand to a command.
     */
    public List<Anchor> newest(String project) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT org_id, max(seq), hash"
                + " FROM audit_anchors WHERE project = ? GROUP BY org_id ORDER BY org_id")) {
            s.setString(1, project);
            List<Anchor> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Anchor(r.getString(1), r.getLong(2), r.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("the activity log's anchors cannot be read: " + e.getMessage(), e);
        }
    }

    /** Heads read by a backup's helper (lines of {@code org seq hash}), as anchors. */
    public static List<AuditAnchors.Anchor> parseHeads(String lines) {
        List<AuditAnchors.Anchor> out = new ArrayList<>();
        for (String line : lines.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] p = line.split("\\s+");
            if (p.length == 3 && p[1].matches("\\d{1,18}") && p[2].matches("[0-9a-f]{64}")) {
                out.add(new AuditAnchors.Anchor(p[0], Long.parseLong(p[1]), p[2]));
            }
        }
        return out;
    }
}
