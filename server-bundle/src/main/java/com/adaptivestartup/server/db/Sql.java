package com.adaptivestartup.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A thin layer over JDBC: parameterised statements only (so user text is never SQL), rows mapped by
 * lambdas, and transactions as a block that commits or rolls back as a whole.
 */
public final class Sql {
    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    public <T> T transaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new Tx(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** One statement on its own, in autocommit: no BEGIN/COMMIT round trips. */
    private <T> T single(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(new Tx(c));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return single(tx -> tx.list(sql, mapper, params));
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        return single(tx -> tx.one(sql, mapper, params));
    }

    public int update(String sql, Object... params) {
        return single(tx -> tx.update(sql, params));
    }

    /**
     * Hands each row to {@code each} as it is read, a batch at a time (a cursor, inside a read-only
     * transaction), so a long result never sits in memory whole.
     */
    public <T> void each(String sql, RowMapper<T> mapper, java.util.function.Consumer<T> each, Object... params) {
        transaction(tx -> {
            try (PreparedStatement s = tx.prepare(sql, params)) {
                s.setFetchSize(1000);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        each.accept(mapper.map(rows));
                    }
                }
            }
            return null;
        });
    }

    /** Statements on one connection inside one transaction. */
    public static final class Tx {
        private final Connection connection;

        Tx(Connection connection) {
            this.connection = connection;
        }

        public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
            try (PreparedStatement s = prepare(sql, params); ResultSet rows = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        }

        public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
            List<T> rows = list(sql, mapper, params);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }

        public int update(String sql, Object... params) throws SQLException {
            try (PreparedStatement s = prepare(sql, params)) {
                return s.executeUpdate();
            }
        }

        /** One statement run for each row of parameters, sent together (an import's many small writes). */
        public void batch(String sql, List<Object[]> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(s, row);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        PreparedStatement prepare(String sql, Object... params) throws SQLException {
            PreparedStatement s = connection.prepareStatement(sql);
            bind(s, params);
            return s;
        }

        private static void bind(PreparedStatement s, Object... params) throws SQLException {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant t) {
                    s.setObject(i + 1, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
                } else {
                    s.setObject(i + 1, p);
                }
            }
        }
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp t = row.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
