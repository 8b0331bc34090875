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

    public boolean isConnectionFailure() {
        return sqlState != null && sqlState.startsWith("08");
    }
}
