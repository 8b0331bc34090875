package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.state.StateDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/** Each installation's backup schedule, in the console's SQLite database. */
public final class BackupSchedules {
    private final StateDatabase db;

    public BackupSchedules(StateDatabase db) {
        this.db = db;
    }

    public Optional<BackupSchedule> find(String project) {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("SELECT * FROM backup_schedules WHERE project = ?")) {
            s.setString(1, project);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new BackupSchedule(project, LocalTime.parse(r.getString("daily_at")),
                        ZoneId.of(r.getString("zone")), r.getInt("keep"), Instant.parse(r.getString("last_run"))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the backup schedule: " + e.getMessage(), e);
        }
    }

    public void save(BackupSchedule schedule) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO backup_schedules (project, daily_at, zone, keep, last_run) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (project) DO UPDATE SET daily_at = excluded.daily_at, zone = excluded.zone,
                    keep = excluded.keep, last_run = excluded.last_run""")) {
            s.setString(1, schedule.project());
            s.setString(2, schedule.dailyAt().toString());
            s.setString(3, schedule.zone().getId());
            s.setInt(4, schedule.keep());
            s.setString(5, schedule.lastRun().toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the backup schedule: " + e.getMessage(), e);
        }
    }

    public void remove(String project) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM backup_schedules WHERE project = ?")) {
            s.setString(1, project);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove the backup schedule: " + e.getMessage(), e);
        }
    }
}
