package com.adaptivestartup.server.db;

import java.sql.SQLException;
import java.util.Map;

/**
 * A database error, unchecked, keeping the SQLSTATE so callers can tell a conflict from an outage. SQLite's
 * errors are given PostgreSQL's SQLSTATE for the same condition, so callers ask one question of both.
 */
public final class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /**
     * SQLite names a unique index on plain columns by its columns, not its name: the unique indexes a caller asks
     * about by name, as SQLite words them.
     */
    private static final Map<String, String> SQLITE_UNIQUE_COLUMNS = Map.of(
            "ventures_slug", "ventures.org_id, ventures.slug",
            "activity_log_signature_once", "activity_log.signature");
    private final String sqlState;

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
        this.sqlState = cause instanceof org.sqlite.SQLiteException s ? sqlState(s) : cause.getSQLState();
    }

    /** The SQLSTATE of a SQLite error (see {@link #sqlState()}). */
    public static String sqlState(SQLException e) {
        if (!(e instanceof org.sqlite.SQLiteException s)) {
            return e.getSQLState();
        }
        return switch (s.getResultCode()) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> "23505";
            case SQLITE_CONSTRAINT_CHECK -> "23514";
            case SQLITE_CONSTRAINT_FOREIGNKEY -> "23503";
            case SQLITE_CONSTRAINT_NOTNULL -> "23502";
            case SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_LOCKED -> "55P03";
            case SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_FULL -> "08006";
            default -> s.getResultCode().name();
        };
    }

    /** The error's SQLSTATE (PostgreSQL's code; a SQLite error mapped to the same). */
    public String sqlState() {
        return sqlState;
    }

    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }

    /** Whether the statement broke the named constraint (a CHECK or a unique index). */
    public boolean violates(String constraint) {
        if (getCause() instanceof org.sqlite.SQLiteException s) {
            String message = s.getMessage() == null ? "" : s.getMessage();
            String columns = SQLITE_UNIQUE_COLUMNS.get(constraint);
            return message.contains("failed: " + constraint) || message.contains("index '" + constraint + "'")
                    || (columns != null && message.endsWith("failed: " + columns + ")"));
        }
        return getCause() instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                && constraint.equals(p.getServerErrorMessage().getConstraint());
    }

    public boolean isConnectionFailure() {
        return sqlState != null && sqlState.startsWith("08");
    }
}
