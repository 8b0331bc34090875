package com.adaptivestartup.console.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/** The installations this console manages, by Compose project name. */
public final class Installations {
    private final StateDatabase db;
    private final Clock clock;

    public Installations(StateDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * {@code licenseText}: the license it was installed with, which updates pull with (null before console 1.1);
     * {@code settingsJson}: the admin's stack settings ({@code StackSettings}, as JSON; null: the defaults).
     */
    public record Installation(String project, Path directory, String version, int httpPort, String adminEmail,
                               String registry, String licenseText, String settingsJson) {
        public Installation(String project, Path directory, String version, int httpPort, String adminEmail,
                            String registry, String licenseText) {
            this(project, directory, version, httpPort, adminEmail, registry, licenseText, null);
        }

        /** The same installation at another version (an update, a rollback). */
        public Installation atVersion(String other) {
            return new Installation(project, directory, other, httpPort, adminEmail, registry, licenseText, settingsJson);
        }
    }

    public void save(Installation i) {
        String now = clock.instant().toString();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO installations (project, directory, version, http_port, admin_email, registry, installed_at,"
                        + " updated_at, license_text, settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project) DO"
                        + " UPDATE SET directory = excluded.directory, version = excluded.version, http_port = excluded.http_port,"
                        + " admin_email = excluded.admin_email, registry = excluded.registry, updated_at = excluded.updated_at,"
                        + " license_text = excluded.license_text, settings = excluded.settings")) {
            s.setString(1, i.project());
            s.setString(2, i.directory().toString());
            s.setString(3, i.version());
            s.setInt(4, i.httpPort());
            s.setString(5, i.adminEmail());
            s.setString(6, i.registry());
            s.setString(7, now);
            s.setString(8, now);
            s.setString(9, i.licenseText());
            s.setString(10, i.settingsJson());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the installation cannot be recorded: " + e.getMessage(), e);
        }
    }

    public Optional<Installation> find(String project) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT project, directory, version, http_port, admin_email, registry, license_text, settings"
                        + " FROM installations WHERE project = ?")) {
            s.setString(1, project);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Installation(r.getString(1), Path.of(r.getString(2)), r.getString(3),
                        r.getInt(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the installations cannot be read: " + e.getMessage(), e);
        }
    }

    public void forget(String project) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM installations WHERE project = ?")) {
            s.setString(1, project);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
