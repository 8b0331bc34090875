package com.adaptivestartup.server;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.release.Release;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A single container's data moved onto the full stack (the console's {@code migrate-edition --to full}): every row of
 * its SQLite database into an empty PostgreSQL database at the same release's schema, in one transaction, tables in
 * the order their references need (a table that refers to itself, parents first), each value bound as PostgreSQL's
 * column type; then every file of its folder into the object store under the same key. Before the transaction commits,
 * each table is read back from PostgreSQL and compared with SQLite's, value by value in one canonical form (a digest of
 * the sorted rows), and each stored object's bytes are read back and their SHA-256 compared with the file's: one
 * difference and nothing is committed (the objects put are removed again). What only the single container keeps (its
 * sessions: people sign in again) is named as not moved. Nothing is written to the source.
 */
final class EditionMove {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    /** Tables that are the databases' own bookkeeping, never data. */
    private static final Set<String> BOOKKEEPING = Set.of("flyway_schema_history");

    /** What was moved (or why nothing was). */
    record Report(boolean ok, String schemaVersion, Map<String, Long> tables, long rows, int files, long bytes,
                  List<String> notMoved, String error, long millis) {
    }

    private final Consumer<String> progress;

    EditionMove(Consumer<String> progress) {
        this.progress = progress;
    }

    Report run(ServerConfig.Database source, Path filesDir, ServerConfig.Database target, ServerConfig.Storage storage) {
        long start = System.nanoTime();
        try (var from = Database.pool(source, 1); var to = Database.pool(target, 2); ObjectStore store = ObjectStore.of(storage)) {
            String schema = sameSchema(from, to);
            List<Table> tables = plan(from, to);
            List<String> notMoved = sqliteTables(from).stream().filter(t -> tables.stream().noneMatch(x -> x.name.equals(t)))
                    .toList();
            Map<String, Long> counts = new LinkedHashMap<>();
            List<String> put = new ArrayList<>();
            try (Connection in = from.getConnection(); Connection out = to.getConnection()) {
                out.setAutoCommit(false);
                try {
                    List<Map.Entry<Table, List<Object[]>>> deferred = new ArrayList<>();
                    for (Table t : tables) {
                        List<Object[]> rows = copy(in, out, t);
                        counts.put(t.name, (long) rows.size());
                        if (!t.deferred().isEmpty()) {
                            deferred.add(Map.entry(t, rows));
                        }
                    }
                    for (var d : deferred) {
                        fillDeferred(out, d.getKey(), d.getValue());
                    }
                    resetSequences(out);
                    for (Table t : tables) {
                        verify(in, out, t);
                    }
                    long[] files = copyFiles(filesDir, store, put);
                    out.commit();
                    long rows = counts.values().stream().mapToLong(Long::longValue).sum();
                    progress.accept("moved and verified " + rows + " rows of " + tables.size() + " tables and " + files[0]
                            + " files");
                    return new Report(true, schema, counts, rows, (int) files[0], files[1], notMoved, null, millis(start));
                } catch (SQLException | RuntimeException e) {
                    out.rollback();
                    put.forEach(key -> {
                        try {
                            store.delete(key);
                        } catch (RuntimeException ignored) {
                            // an object no row refers to; the full stack's database stays empty
                        }
                    });
                    throw e;
                }
            }
        } catch (SQLException e) {
            return failed(start, "the database refused the move: " + e.getMessage());
        } catch (Refused e) {
            return failed(start, e.getMessage());
        } catch (RuntimeException e) {
            return failed(start, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static Report failed(long start, String why) {
        return new Report(false, null, Map.of(), 0, 0, 0, List.of(), why + "; nothing was moved", millis(start));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Both databases at this release's schema. */
    private static String sameSchema(DataSource from, DataSource to) {
        String a = new Migrator(from, Release.current()).schemaVersion().orElse("none");
        String b = new Migrator(to, Release.current()).schemaVersion().orElse("none");
        if (!a.equals(b) || !a.equals(String.valueOf(Release.current().schemaTarget()))) {
            throw new Refused("the single container's database is at schema " + a + " and the full stack's at " + b
                    + "; both must be at release " + Release.current().version() + "'s (" + Release.current().schemaTarget()
                    + ")");
        }
        return a;
    }

    /**
     * A table to move: its columns as PostgreSQL has them, its primary key, the column that refers to the table itself
     * (if any), and the columns filled only once every table is in ({@code deferred}: the references that close a
     * circle between tables, first moved as null).
     */
    private record Table(String name, List<Column> columns, List<String> key, String selfColumn, String selfKey,
                         Set<String> deferred) {
        Table withSelf(String column, String referenced) {
            return new Table(name, columns, key, column, referenced, deferred);
        }
    }

    /** A reference from one table's column to another table. */
    private record Reference(String child, String column, String parent, boolean nullable) {
    }

    /** A column: its PostgreSQL type ({@code udt_name}: uuid, timestamptz, jsonb, _text, ...). */
    private record Column(String name, String type) {
        boolean array() {
            return type.startsWith("_");
        }
    }

    /** The full stack's tables in the order their references need, each checked against SQLite's and empty. */
    private static List<Table> plan(DataSource from, DataSource to) throws SQLException {
        Set<String> sqlite = new LinkedHashSet<>(sqliteTables(from));
        Map<String, Table> tables = new LinkedHashMap<>();
        List<Reference> references = new ArrayList<>();
        try (Connection c = to.getConnection()) {
            List<String> names = strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_type = 'BASE TABLE' ORDER BY table_name");
            for (String name : names) {
                if (BOOKKEEPING.contains(name)) {
                    continue;
                }
                if (!sqlite.contains(name)) {
                    throw new Refused("the single container's database has no table " + name + ": it is not at the"
                            + " full stack's release");
                }
                if (count(c, name) > 0) {
                    throw new Refused("the full stack's database holds data already (" + name + "); the move goes into"
                            + " a new, empty one");
                }
                List<Column> columns = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT column_name, udt_name FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position")) {
                    s.setString(1, name);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            columns.add(new Column(r.getString(1), r.getString(2)));
                        }
                    }
                }
                Set<String> sqliteColumns = sqliteColumns(from, name);
                for (Column col : columns) {
                    if (!sqliteColumns.remove(col.name())) {
                        throw new Refused("the single container's table " + name + " has no column " + col.name());
                    }
                }
                sqliteColumns.removeIf(generatedInPostgres(c, name)::contains);
                if (!sqliteColumns.isEmpty()) {
                    throw new Refused("the single container's table " + name + " has columns the full stack's has not ("
                            + String.join(", ", sqliteColumns) + "): they would be lost");
                }
                tables.put(name, new Table(name, columns, primaryKey(c, name), null, null, new LinkedHashSet<>()));
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT c.conrelid::regclass::text,"
                    + " c.confrelid::regclass::text, a.attname, b.attname, NOT a.attnotnull FROM pg_constraint c"
                    + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
                    + " JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1]"
                    + " WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace")) {
                while (r.next()) {
                    String child = r.getString(1);
                    String parent = r.getString(2);
                    if (!tables.containsKey(child) || !tables.containsKey(parent)) {
                        continue;
                    }
                    if (child.equals(parent)) {
                        tables.put(child, tables.get(child).withSelf(r.getString(3), r.getString(4)));
                    } else {
                        references.add(new Reference(child, r.getString(3), parent, r.getBoolean(5)));
                    }
                }
            }
        }
        return ordered(tables, references);
    }

    /**
     * Each table after those it refers to. Where tables refer to each other in a circle, a nullable reference of the
     * circle is deferred: moved as null, then filled once every table is in.
     */
    private static List<Table> ordered(Map<String, Table> tables, List<Reference> references) {
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (placed.size() < tables.size()) {
            List<String> ready = tables.keySet().stream().filter(t -> !placed.contains(t) && references.stream()
                    .filter(ref -> ref.child().equals(t) && !tables.get(t).deferred().contains(ref.column()))
                    .allMatch(ref -> placed.contains(ref.parent()))).toList();
            if (ready.isEmpty()) {
                Reference breaking = references.stream().filter(ref -> !placed.contains(ref.child())
                        && !placed.contains(ref.parent()) && ref.nullable()
                        && !tables.get(ref.child()).deferred().contains(ref.column())).findFirst()
                        .orElseThrow(() -> new Refused("the tables refer to each other in a circle without a reference that"
                                + " may be empty; the move cannot order them"));
                tables.get(breaking.child()).deferred().add(breaking.column());
                continue;
            }
            ready.forEach(t -> {
                placed.add(t);
                ordered.add(tables.get(t));
            });
        }
        return ordered;
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON"
                + " a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = CAST(? AS regclass)"
                + " AND i.indisprimary ORDER BY a.attnum")) {
            s.setString(1, "public." + quote(table));
            List<String> key = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    key.add(r.getString(1));
                }
            }
            return key;
        }
    }

    /** SQLite's columns PostgreSQL computes itself (a generated column there may be a plain one here). */
    private static Set<String> generatedInPostgres(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE table_schema ="
                + " 'public' AND table_name = ? AND is_generated <> 'NEVER'")) {
            s.setString(1, table);
            Set<String> out = new LinkedHashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    private static List<String> sqliteTables(DataSource from) throws SQLException {
        try (Connection c = from.getConnection()) {
            return strings(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    + " AND name NOT LIKE 'files_name_search%' AND name <> 'flyway_schema_history' ORDER BY name");
        }
    }

    private static Set<String> sqliteColumns(DataSource from, String table) throws SQLException {
        try (Connection c = from.getConnection()) {
            return new LinkedHashSet<>(strings(c, "SELECT name FROM pragma_table_info('" + table.replace("'", "''") + "')"));
        }
    }

    /**
     * Copies one table (parents before children when it refers to itself; its deferred columns as null); returns its
     * rows as SQLite has them.
     */
    private List<Object[]> copy(Connection in, Connection out, Table t) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        String columns = String.join(", ", t.columns().stream().map(c -> quote(c.name())).toList());
        try (Statement s = in.createStatement(); ResultSet r = s.executeQuery("SELECT " + columns + " FROM " + quote(t.name()))) {
            while (r.next()) {
                Object[] row = new Object[t.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = r.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        if (t.selfColumn() != null) {
            rows = parentsFirst(t, rows);
        }
        String values = String.join(", ", t.columns().stream().map(EditionMove::placeholder).toList());
        try (PreparedStatement insert = out.prepareStatement("INSERT INTO " + quote(t.name()) + " (" + columns + ") VALUES ("
                + values + ")")) {
            int batched = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Column c = t.columns().get(i);
                    bind(out, insert, i + 1, c, t.deferred().contains(c.name()) ? null : row[i]);
                }
                insert.addBatch();
                if (++batched % 500 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        progress.accept(t.name() + ": " + rows.size() + " rows");
        return rows;
    }

    /** The deferred references of a table's rows, filled now that every table is in. */
    private static void fillDeferred(Connection out, Table t, List<Object[]> rows) throws SQLException {
        if (t.key().isEmpty()) {
            throw new Refused("the table " + t.name() + " has no primary key to fill its references by");
        }
        for (String column : t.deferred()) {
            int at = indexOf(t, column);
            Column c = t.columns().get(at);
            String where = String.join(" AND ", t.key().stream().map(k -> quote(k) + " = "
                    + placeholder(t.columns().get(indexOf(t, k)))).toList());
            try (PreparedStatement update = out.prepareStatement("UPDATE " + quote(t.name()) + " SET " + quote(column)
                    + " = " + placeholder(c) + " WHERE " + where)) {
                for (Object[] row : rows) {
                    if (row[at] == null) {
                        continue;
                    }
                    bind(out, update, 1, c, row[at]);
                    for (int k = 0; k < t.key().size(); k++) {
                        int ki = indexOf(t, t.key().get(k));
                        bind(out, update, k + 2, t.columns().get(ki), row[ki]);
                    }
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    /** The rows of a table that refers to itself, each after the row it refers to. */
    private static List<Object[]> parentsFirst(Table t, List<Object[]> rows) {
        int self = indexOf(t, t.selfColumn());
        int key = indexOf(t, t.selfKey());
        List<Object[]> ordered = new ArrayList<>();
        Set<Object> placed = new LinkedHashSet<>();
        List<Object[]> left = rows;
        while (!left.isEmpty()) {
            List<Object[]> next = new ArrayList<>();
            for (Object[] row : left) {
                if (row[self] == null || placed.contains(row[self])) {
                    ordered.add(row);
                    placed.add(row[key]);
                } else {
                    next.add(row);
                }
            }
            if (next.size() == left.size()) {
                throw new Refused("rows of " + t.name() + " refer to rows that are not there (" + next.size() + ")");
            }
            left = next;
        }
        return ordered;
    }

    private static int indexOf(Table t, String column) {
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + column + " in " + t.name());
    }

    /** The placeholder that makes a bound value the column's type. */
    private static String placeholder(Column c) {
        return switch (c.type()) {
            case "uuid", "timestamptz", "date", "jsonb", "json", "numeric" -> "CAST(? AS " + c.type() + ")";
            default -> c.array() ? "CAST(? AS " + c.type().substring(1) + "[])" : "?";
        };
    }

    /** A value as SQLite keeps it, bound for PostgreSQL's column type. */
    private static void bind(Connection out, PreparedStatement s, int i, Column c, Object v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.OTHER);
            return;
        }
        switch (c.type()) {
            case "bool" -> s.setBoolean(i, v instanceof Number n ? n.longValue() != 0 : Boolean.parseBoolean(v.toString()));
            case "int2", "int4", "int8" -> s.setLong(i, ((Number) v).longValue());
            case "float4", "float8" -> s.setDouble(i, ((Number) v).doubleValue());
            case "bytea" -> s.setBytes(i, (byte[]) v);
            default -> {
                if (c.array()) {
                    s.setArray(i, out.createArrayOf("text", elements(v.toString())));
                } else {
                    s.setString(i, v instanceof Double d ? BigDecimal.valueOf(d).toPlainString()
                            : c.type().equals("timestamptz") ? instant(v.toString()).toString() : v.toString());
                }
            }
        }
    }

    /** A SQLite array (a JSON array) as its elements' text. */
    private static String[] elements(String json) {
        try {
            JsonNode array = JSON.readTree(json);
            List<String> out = new ArrayList<>();
            array.forEach(e -> out.add(e.isNull() ? null : e.asText()));
            return out.toArray(String[]::new);
        } catch (IOException e) {
            throw new Refused("a value that should be a list is not one: " + json);
        }
    }

    /** Columns filled by a sequence start after the highest value moved. */
    private static void resetSequences(Connection out) throws SQLException {
        List<String[]> serial = new ArrayList<>();
        try (Statement s = out.createStatement(); ResultSet r = s.executeQuery("SELECT table_name, column_name FROM"
                + " information_schema.columns WHERE table_schema = 'public' AND (column_default LIKE 'nextval(%'"
                + " OR is_identity = 'YES')")) {
            while (r.next()) {
                serial.add(new String[] {r.getString(1), r.getString(2)});
            }
        }
        for (String[] sc : serial) {
            try (PreparedStatement s = out.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max("
                    + quote(sc[1]) + "), 0) + 1, false) FROM " + quote(sc[0]))) {
                s.setString(1, "public." + sc[0]);
                s.setString(2, sc[1]);
                s.execute();
            }
        }
    }

    /** The table as PostgreSQL now holds it (in the open transaction) equals SQLite's, value by value. */
    private void verify(Connection in, Connection out, Table t) throws SQLException {
        String columns = String.join(", ", t.columns().stream().map(c -> quote(c.name())).toList());
        String select = "SELECT " + columns + " FROM " + quote(t.name());
        List<String> sqliteRows = canonicalRows(in, select, t, false);
        List<String> postgresRows = canonicalRows(out, select, t, true);
        if (sqliteRows.size() != postgresRows.size()) {
            throw new Refused("the check found " + postgresRows.size() + " rows of " + t.name() + " in PostgreSQL"
                    + " and " + sqliteRows.size() + " in SQLite");
        }
        for (int i = 0; i < sqliteRows.size(); i++) {
            if (!sqliteRows.get(i).equals(postgresRows.get(i))) {
                throw new Refused("the check found a row of " + t.name() + " that differs after the move: "
                        + abbreviated(sqliteRows.get(i)) + " became " + abbreviated(postgresRows.get(i)));
            }
        }
    }

    private static String abbreviated(String row) {
        return row.length() > 300 ? row.substring(0, 300) + "..." : row;
    }

    /** Each row as the list of its values in one canonical form, the rows sorted. */
    private static List<String> canonicalRows(Connection c, String select, Table t, boolean postgres) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
            while (r.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < t.columns().size(); i++) {
                    values.add(canonical(t.columns().get(i), postgres ? postgresValue(r, i + 1, t.columns().get(i))
                            : r.getObject(i + 1)));
                }
                try {
                    rows.add(JSON.writeValueAsString(values));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        rows.sort(null);
        return rows;
    }

    private static Object postgresValue(ResultSet r, int i, Column c) throws SQLException {
        if (c.array()) {
            Array a = r.getArray(i);
            if (a == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (Object e : (Object[]) a.getArray()) {
                out.add(e == null ? null : e.toString());
            }
            return out;
        }
        return switch (c.type()) {
            case "timestamptz" -> {
                OffsetDateTime t = r.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
            case "bytea" -> r.getBytes(i);
            default -> r.getObject(i);
        };
    }

    /** A value of either database in one form: the same value from both gives the same text. */
    private static Object canonical(Column c, Object v) {
        if (v == null) {
            return null;
        }
        if (c.array()) {
            return v instanceof List<?> list ? list : List.of(elements(v.toString()));
        }
        return switch (c.type()) {
            case "timestamptz" -> (v instanceof Instant i ? i : instant(v.toString())).toString();
            case "jsonb", "json" -> {
                try {
                    yield JSON.writeValueAsString(JSON.treeToValue(JSON.readTree(v.toString()), Object.class));
                } catch (IOException e) {
                    throw new Refused("a JSON value is not JSON: " + abbreviated(v.toString()));
                }
            }
            case "bool" -> v instanceof Boolean b ? b : ((Number) v).longValue() != 0;
            case "numeric", "float4", "float8", "int2", "int4", "int8" ->
                    new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
            case "bytea" -> HexFormat.of().formatHex((byte[]) v);
            default -> v.toString();
        };
    }

    /** A time as SQLite keeps it (ISO-8601 in UTC; SQLite's own {@code 2026-01-02 03:04:05} is UTC too). */
    private static Instant instant(String text) {
        String t = text.strip().replace(' ', 'T');
        return Instant.parse(t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? t : t + "Z");
    }

    /** Every file of the folder into the store under its key, each read back and its SHA-256 compared. */
    private long[] copyFiles(Path dir, ObjectStore store, List<String> put) {
        if (!Files.isDirectory(dir)) {
            return new long[] {0, 0};
        }
        store.ensureBucket();   // the full stack's server makes it at its first start, which may come after the move
        long files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".partial-"))
                    .sorted().toList()) {
                String key = dir.relativize(f).toString().replace('\\', '/');
                long size = Files.size(f);
                String local;
                try (InputStream file = Files.newInputStream(f)) {
                    DigestInputStream hashing = new DigestInputStream(file, sha256());
                    store.put(key, hashing, size, "application/octet-stream");
                    local = HexFormat.of().formatHex(hashing.getMessageDigest().digest());
                }
                put.add(key);
                String stored;
                try (InputStream back = store.get(key)) {
                    MessageDigest digest = sha256();
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = back.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                    stored = HexFormat.of().formatHex(digest.digest());
                }
                if (!stored.equals(local)) {
                    throw new Refused("the file " + key + " read back from the object store differs from the one moved");
                }
                files++;
                bytes += size;
                if (files % 100 == 0) {
                    progress.accept(files + " files");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the files could not be read: " + e.getMessage(), e);
        }
        return new long[] {files, bytes};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(Connection c, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + quote(table))) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Why the move stops, said to the admin. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
