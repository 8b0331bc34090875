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
public record UpdateSettings(String source, String channel, String pinned, Set<String> skipped, Set<String> dismissed) {
    public static final UpdateSettings NONE = new UpdateSettings(null, null, null, Set.of(), Set.of());

    public UpdateSettings withSource(String s) {
        return new UpdateSettings(s, channel, pinned, skipped, dismissed);
    }

    public UpdateSettings withChannel(String c) {
        if (c != null && !c.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("a channel is a name such as stable or beta (lower-case letters, digits, '-'),"
                    + " not '" + c + "'");
        }
        return new UpdateSettings(source, c, pinned, skipped, dismissed);
    }

    public UpdateSettings withPinned(String p) {
        return new UpdateSettings(source, channel, p == null ? null : version(p, "the version to pin at"), skipped, dismissed);
    }

    public UpdateSettings withSkipped(String version) {
        Set<String> s = new LinkedHashSet<>(skipped);
        s.add(version(version, "the version to skip"));
        return new UpdateSettings(source, channel, pinned, Set.copyOf(s), dismissed);
    }

    private static String version(String v, String what) {
        if (!v.strip().matches("\\d{1,4}\\.\\d{1,4}\\.\\d{1,6}")) {
            throw new IllegalArgumentException(what + " is a version such as 1.1.0, not '" + v + "'");
        }
        return v.strip();
    }

    /** The admin has read this notice and does not want to see it again. */
    public UpdateSettings withDismissed(String noticeId) {
        if (!ChannelManifest.NOTICE_ID.matcher(noticeId).matches()) {
            throw new IllegalArgumentException("'" + noticeId + "' is not a notice id (see adaptivectl update notices)");
        }
        Set<String> d = new LinkedHashSet<>(dismissed);
        d.add(noticeId);
        return new UpdateSettings(source, channel, pinned, skipped, Set.copyOf(d));
    }

    /** Stored per installation in the console's SQLite database. */
    public static final class Store {
        private final StateDatabase db;

        public Store(StateDatabase db) {
            this.db = db;
        }

        public UpdateSettings find(String project) {
            try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                    "SELECT source, channel, pinned, skipped, dismissed FROM update_settings WHERE project = ?")) {
                s.setString(1, project);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return NONE;
                    }
                    return new UpdateSettings(r.getString(1), r.getString(2), r.getString(3), list(r.getString(4)),
                            list(r.getString(5)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the update settings: " + e.getMessage(), e);
            }
        }

        private static Set<String> list(String joined) {
            return joined == null || joined.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(joined.split(",")));
        }

        public void save(String project, UpdateSettings u) {
            try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                    INSERT INTO update_settings (project, source, channel, pinned, skipped, dismissed) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (project) DO UPDATE SET source = excluded.source, channel = excluded.channel,
                        pinned = excluded.pinned, skipped = excluded.skipped, dismissed = excluded.dismissed""")) {
                s.setString(1, project);
                s.setString(2, u.source());
                s.setString(3, u.channel());
                s.setString(4, u.pinned());
                s.setString(5, String.join(",", u.skipped()));
                s.setString(6, String.join(",", u.dismissed()));
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot save the update settings: " + e.getMessage(), e);
            }
        }
    }
}
