package com.adaptivestartup.server.db;

import java.sql.SQLException;

/** A database error, unchecked, keeping the SQLSTATE so callers can tell a conflict from an outage. */
public final class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }

    /** Whether the statement broke the named constraint (a CHECK or a unique index). */
    public boolean violates(String constraint) {
        return getCause() instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                && constraint.equals(p.getServerErrorMessage().getConstraint());
    }

    public boolean isConnectionFailure() {
        return sqlState != null && sqlState.startsWith("08");
    }
}
