package com.adaptivestartup.console.update;

import com.adaptivestartup.console.state.StateDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An installation's update settings: where the channel comes from (the Brain's URL, or a folder or file for
 * an offline site), which channel (the license's when not set), a pinned version (never offer beyond it),
 * and skipped versions (never offered as the newest).
 */
public record UpdateSettings(String source, String channel, String pinned, Set<String> skipped) {
    public static final UpdateSettings NONE = new UpdateSettings(null, null, null, Set.of());

    public UpdateSettings withSource(String s) {
        return new UpdateSettings(s, channel, pinned, skipped);
    }

    public UpdateSettings withChannel(String c) {
        return new UpdateSettings(source, c, pinned, skipped);
    }

    public UpdateSettings withPinned(String p) {
        return new UpdateSettings(source, channel, p, skipped);
    }

    public UpdateSettings withSkipped(String version) {
        Set<String> s = new LinkedHashSet<>(skipped);
        s.add(version);
        return new UpdateSettings(source, channel, pinned, Set.copyOf(s));
    }

    /** Stored per installation in the console's SQLite database. */
    public static final class Store {
        private final StateDatabase db;

        public Store(StateDatabase db) {
            this.db = db;
        }

        public UpdateSettings find(String project) {
            try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                    "SELECT source, channel, pinned, skipped FROM update_settings WHERE project = ?")) {
                s.setString(1, project);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return NONE;
                    }
                    String skipped = r.getString(4);
                    return new UpdateSettings(r.getString(1), r.getString(2), r.getString(3), skipped == null || skipped.isBlank()
                            ? Set.of() : Set.copyOf(Arrays.asList(skipped.split(","))));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the update settings: " + e.getMessage(), e);
            }
        }

        public void save(String project, UpdateSettings u) {
            try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                    INSERT INTO update_settings (project, source, channel, pinned, skipped) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (project) DO UPDATE SET source = excluded.source, channel = excluded.channel,
                        pinned = excluded.pinned, skipped = excluded.skipped""")) {
                s.setString(1, project);
                s.setString(2, u.source());
                s.setString(3, u.channel());
                s.setString(4, u.pinned());
                s.setString(5, String.join(",", u.skipped()));
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot save the update settings: " + e.getMessage(), e);
            }
        }
    }
}
