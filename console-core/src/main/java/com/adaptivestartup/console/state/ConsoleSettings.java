package com.adaptivestartup.console.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The console's own settings (not an installation's): a small key-value store in the state database. */
public final class ConsoleSettings {
    /** Which engine to use: an address, or a Docker context's name (at most one of the two). */
    public static final String ENGINE_HOST = "engine.host";
    public static final String ENGINE_CONTEXT = "engine.context";
    /** Where backups are written (another disk, a network share); unset: the console's state folder. */
    public static final String BACKUPS_FOLDER = "backups.folder";
    /** How the console reaches the outside world: a proxy URL, the hosts that bypass it, an extra CA bundle. */
    public static final String NETWORK_PROXY = "network.proxy";
    public static final String NETWORK_NO_PROXY = "network.no-proxy";
    public static final String NETWORK_CA_BUNDLE = "network.ca-bundle";
    private final StateDatabase db;

    public ConsoleSettings(StateDatabase db) {
        this.db = db;
    }

    public Optional<String> get(String key) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT value FROM console_settings WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the console's settings cannot be read: " + e.getMessage(), e);
        }
    }

    /** Sets the value, or removes the setting when {@code value} is null. */
    public void put(String key, String value) {
        String sql = value == null ? "DELETE FROM console_settings WHERE key = ?"
                : "INSERT INTO console_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            if (value != null) {
                s.setString(2, value);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the console's settings cannot be saved: " + e.getMessage(), e);
        }
    }
}
