package com.adaptivestartup.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The least-privileged role the long-running server connects as, made and granted by the schema's owner
 * after each migration (so tables a later migration adds are covered, and a database restored onto a new
 * machine, whose cluster has no such role yet, gets it back). It may read and write the app's rows, only
 * insert into and read the activity log, read the migration history, and nothing else: no schema change,
 * no TRUNCATE, no superuser setting such as {@code session_replication_role} that would silence the log's
 * triggers. Everything runs in one transaction.
 */
public final class RuntimeRole {
    private static final String NAME = "[a-z_][a-z0-9_]{0,62}";

    private RuntimeRole() {
    }

    public static void grant(DataSource owner, String role, String password) {
        if (role == null || !role.matches(NAME)) {
            throw new IllegalArgumentException("'" + role + "' is not a plain lower-case role name");
        }
        String r = '"' + role + '"';
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN"
                        + " CREATE ROLE " + r + "; END IF; END $$");
                s.execute("ALTER ROLE " + r + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
                        + " PASSWORD " + literal(password));
                s.execute("REVOKE CREATE ON SCHEMA public FROM " + r);
                s.execute("GRANT USAGE ON SCHEMA public TO " + r);
                s.execute("DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO " + role + "', current_database()); END $$");
                s.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM " + r);
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + r);
                s.execute("REVOKE UPDATE, DELETE ON activity_log FROM " + r);
                s.execute("REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM " + r);
                s.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + r);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** A string literal: quotes doubled, no backslash escapes (standard_conforming_strings is on). */
    private static String literal(String value) {
        if (value == null || value.isEmpty() || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the runtime role needs a password");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
