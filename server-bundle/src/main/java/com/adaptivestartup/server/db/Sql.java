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
    private final Dialect dialect;
    /**
     * On SQLite, the transaction this thread is in: a statement or transaction begun inside it joins it. SQLite has
     * one writer, so a second connection writing while the thread's own transaction holds the database would wait
     * for itself (PostgreSQL's separate connections stay separate, as they always were).
     */
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    /**
     * On SQLite, the turn to write: writers queue here in order, instead of in SQLite's busy handler, which sleeps
     * and retries (up to 100 ms a sleep), so that under load a write would wait for the sleeps, not for the writers
     * before it. Readers never take it (the write-ahead log lets them read beside the writer).
     */
    private final java.util.concurrent.locks.ReentrantLock writer = new java.util.concurrent.locks.ReentrantLock(true);

    Sql(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** The database's kind: what a query without a portable spelling asks. */
    public Dialect dialect() {
        return dialect;
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
        Tx joined = current.get();
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw new DataAccessException(e);
            }
        }
        boolean sqlite = dialect == Dialect.SQLITE;
        if (sqlite) {
            writer.lock();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Tx tx = new Tx(c, dialect);
            if (sqlite) {
                current.set(tx);
            }
            try {
                T result = work.run(tx);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                current.remove();
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        } finally {
            if (sqlite) {
                writer.unlock();
            }
        }
    }

    /**
     * One statement on its own, in autocommit: no BEGIN/COMMIT round trips. On SQLite a statement that writes takes
     * its turn as a transaction does (and inside the thread's transaction joins it).
     */
    private <T> T single(String sql, Work<T> work) {
        if (current.get() != null || (dialect == Dialect.SQLITE && !reads(sql))) {
            return transaction(work);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(new Tx(c, dialect));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return single(sql, tx -> tx.list(sql, mapper, params));
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        return single(sql, tx -> tx.one(sql, mapper, params));
    }

    public int update(String sql, Object... params) {
        return single(sql, tx -> tx.update(sql, params));
    }

    /**
     * Hands each row to {@code each} as it is read, a batch at a time (a cursor, inside a read-only
     * transaction), so a long result never sits in memory whole.
     */
    public <T> void each(String sql, RowMapper<T> mapper, java.util.function.Consumer<T> each, Object... params) {
        // PostgreSQL's driver streams only inside a transaction; SQLite's reads a snapshot without one, where a
        // transaction (BEGIN IMMEDIATE) would hold every writer off for as long as the reading takes
        Work<Void> work = tx -> {
            try (PreparedStatement s = tx.prepare(sql, params)) {
                s.setFetchSize(1000);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        each.accept(mapper.map(rows));
                    }
                }
            }
            return null;
        };
        if (dialect == Dialect.SQLITE) {
            single(sql, work);
        } else {
            transaction(work);
        }
    }

    /** Whether a statement only reads (it may then run beside a writer). */
    private static boolean reads(String sql) {
        String s = sql.stripLeading();
        return s.regionMatches(true, 0, "SELECT", 0, 6) || s.regionMatches(true, 0, "WITH", 0, 4)
                && !s.toUpperCase(java.util.Locale.ROOT).matches("(?s).*\\b(INSERT|UPDATE|DELETE)\\b.*");
    }

    /** Statements on one connection inside one transaction. */
    public static final class Tx {
        private final Connection connection;
        private final Dialect dialect;

        Tx(Connection connection, Dialect dialect) {
            this.connection = connection;
            this.dialect = dialect;
        }

        public Dialect dialect() {
            return dialect;
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

        /**
         * An upsert written as PostgreSQL's {@code INSERT ... ON CONFLICT (id) DO UPDATE ... RETURNING (xmax = 0)}: true
         * when it inserted the row, false when it updated it, empty when the conflict's WHERE left it as it was. SQLite
         * has no {@code xmax}: whether the row was there is read first (the transaction is the only writer).
         */
        public Optional<Boolean> upsert(String sql, String table, Object id, Object... params) throws SQLException {
            if (dialect == Dialect.POSTGRES) {
                return one(sql, r -> r.getBoolean(1), params);
            }
            boolean existed = one("SELECT 1 FROM " + table + " WHERE id = ?", r -> 1, id).isPresent();
            return one(sql.replace("RETURNING (xmax = 0) AS created", "RETURNING 1").replace("RETURNING (xmax = 0)",
                    "RETURNING 1"), r -> !existed, params);
        }

        /** One statement run for each row of parameters, sent together (an import's many small writes). */
        public void batch(String sql, List<Object[]> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement s = connection.prepareStatement(dialect.translate(sql))) {
                for (Object[] row : rows) {
                    bind(s, row);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        PreparedStatement prepare(String sql, Object... params) throws SQLException {
            PreparedStatement s = connection.prepareStatement(dialect.translate(sql));
            bind(s, params);
            return s;
        }

        private void bind(PreparedStatement s, Object... params) throws SQLException {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, dialect.bind(params[i]));
            }
        }
    }

    // Reading a column the same way on both databases (SQLite gives text where PostgreSQL gives a typed value).

    public static Instant instant(ResultSet row, String column) throws SQLException {
        return instantOf(row.getObject(column));
    }

    public static Instant instant(ResultSet row, int column) throws SQLException {
        return instantOf(row.getObject(column));
    }

    private static Instant instantOf(Object value) {
        return switch (value) {
            case null -> null;
            case Timestamp t -> t.toInstant();
            case OffsetDateTime t -> t.toInstant();
            case java.util.Date d -> d.toInstant();
            case Number epochMillis -> Instant.ofEpochMilli(epochMillis.longValue());
            default -> parseInstant(value.toString());
        };
    }

    /** ISO-8601 as we write it, or SQLite's own {@code YYYY-MM-DD HH:MM:SS[.SSS]} (UTC). */
    private static Instant parseInstant(String text) {
        String t = text.strip();
        if (t.length() >= 19 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        if (!(t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$"))) {
            t = t + "Z";
        }
        return OffsetDateTime.parse(t).toInstant();
    }

    public static OffsetDateTime offsetDateTime(ResultSet row, int column) throws SQLException {
        Instant t = instantOf(row.getObject(column));
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    public static java.util.UUID uuid(ResultSet row, String column) throws SQLException {
        return uuidOf(row.getObject(column));
    }

    public static java.util.UUID uuid(ResultSet row, int column) throws SQLException {
        return uuidOf(row.getObject(column));
    }

    private static java.util.UUID uuidOf(Object value) {
        return value == null ? null : value instanceof java.util.UUID u ? u : java.util.UUID.fromString(value.toString());
    }

    public static java.time.LocalDate localDate(ResultSet row, int column) throws SQLException {
        Object value = row.getObject(column);
        return switch (value) {
            case null -> null;
            case java.sql.Date d -> d.toLocalDate();
            case java.time.LocalDate d -> d;
            default -> java.time.LocalDate.parse(value.toString().substring(0, Math.min(10, value.toString().length())));
        };
    }

    public static Integer integer(ResultSet row, int column) throws SQLException {
        Object value = row.getObject(column);
        return value == null ? null : ((Number) value).intValue();
    }

    /** An array column: PostgreSQL's array, or SQLite's JSON array text. Never null (an absent array is empty). */
    public static List<String> strings(ResultSet row, String column) throws SQLException {
        return stringsOf(row.getObject(column));
    }

    public static List<String> strings(ResultSet row, int column) throws SQLException {
        return stringsOf(row.getObject(column));
    }

    private static List<String> stringsOf(Object value) throws SQLException {
        if (value == null) {
            return List.of();
        }
        if (value instanceof java.sql.Array array) {
            List<String> out = new ArrayList<>();
            for (Object o : (Object[]) array.getArray()) {
                out.add(o == null ? null : o.toString());
            }
            return out;
        }
        try {
            List<String> out = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode n : ARRAYS.readTree(value.toString())) {
                out.add(n.isNull() ? null : n.asText());
            }
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("not a JSON array: " + value, e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ARRAYS = new com.fasterxml.jackson.databind.ObjectMapper();
}
