package com.adaptivestartup.server.resource;

import com.adaptivestartup.server.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The statements of one resource, built from its declaration. Column names come only from the declaration in
 * code, every value is a parameter, and every statement names the organization and venture beside the id.
 */
final class RecordSql {
    private static final String COMMON = "id, venture_id, source, revision, created_by, created_at, updated_at";
    /** Reads see nothing of a deleted venture (one primary-key probe, so a read stays one statement). */
    private static final String LIVE_VENTURE =
            " AND EXISTS (SELECT 1 FROM ventures v WHERE v.id = venture_id AND v.deleted_at IS NULL)";
    private final Resource resource;
    private final String columns;
    private final String select;

    RecordSql(Resource resource) {
        this.resource = resource;
        this.columns = COMMON + resource.fields().stream().map(f -> ", " + f.column()).collect(Collectors.joining());
        this.select = "SELECT " + columns + " FROM " + resource.table();
    }

    String selectOne() {
        return select + " WHERE org_id = ? AND venture_id = ? AND id = ?" + LIVE_VENTURE;
    }

    /** One record by id, whatever its venture (an import's verification). */
    String selectById() {
        return select + " WHERE id = ?";
    }

    /** A page: filters by {@code columns} equal to their values, after the cursor if any, one row more than asked. */
    String selectPage(List<Field> filters, boolean after) {
        StringBuilder q = new StringBuilder(select).append(" WHERE org_id = ? AND venture_id = ?").append(LIVE_VENTURE);
        filters.forEach(f -> q.append(" AND ").append(f.column()).append(" = ?"));
        if (after) {
            q.append(" AND (created_at, id) > (?, ?)");
        }
        return q.append(" ORDER BY created_at, id LIMIT ?").toString();
    }

    /**
     * Inserts only while the venture is live in the organization (its id and the organization's are the last two
     * parameters) and returns the new row: no row back means no such venture.
     */
    String insert(List<Field> fields) {
        return "INSERT INTO " + resource.table() + " (id, org_id, venture_id, source, created_by"
                + fields.stream().map(f -> ", " + f.column()).collect(Collectors.joining())
                + ") SELECT ?, ?, ?, ?, ?" + fields.stream().map(f -> ", " + FieldCodec.placeholder(f))
                .collect(Collectors.joining())
                + " WHERE EXISTS (SELECT 1 FROM ventures v WHERE v.id = ? AND v.org_id = ? AND v.deleted_at IS NULL)"
                + " RETURNING " + columns;
    }

    /**
     * Sets the fields given (sections merged into what is there), bumps the revision, checks it when given, and
     * returns the row: no row back means stale, missing, or the venture gone.
     */
    String update(List<Field> fields, boolean setSource, com.adaptivestartup.server.db.Dialect dialect) {
        String sets = fields.stream().map(f -> f.column() + " = " + (f.kind() == Field.Kind.SECTIONS
                        ? dialect.jsonMerged(f.column()) : FieldCodec.placeholder(f)))
                .collect(Collectors.joining(", "));
        return "UPDATE " + resource.table() + " SET " + (sets.isEmpty() ? "" : sets + ", ")
                + (setSource ? "source = ?, " : "") + "revision = revision + 1, updated_at = now()"
                + " WHERE org_id = ? AND venture_id = ? AND id = ? AND (?::int IS NULL OR revision = ?::int)"
                + LIVE_VENTURE + " RETURNING " + columns;
    }

    String delete() {
        return "DELETE FROM " + resource.table()
                + " WHERE org_id = ? AND venture_id = ? AND id = ? AND (?::int IS NULL OR revision = ?::int)";
    }

    String exists() {
        return "SELECT 1 FROM " + resource.table() + " WHERE org_id = ? AND venture_id = ? AND id = ?";
    }

    /** Drops an id from this resource's list field (a record it named was deleted). */
    String forget(Field refs, com.adaptivestartup.server.db.Dialect dialect) {
        return "UPDATE " + resource.table() + " SET " + refs.column() + " = " + dialect.arrayWithout(refs.column())
                + " WHERE org_id = ? AND venture_id = ? AND " + dialect.arrayHolds(refs.column());
    }

    Map<String, Object> map(ResultSet row) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Sql.uuid(row, "id"));
        out.put("ventureId", Sql.uuid(row, "venture_id"));
        for (Field f : resource.fields()) {
            out.put(f.name(), FieldCodec.column(f, row));
        }
        out.put("source", row.getString("source"));
        out.put("revision", row.getInt("revision"));
        out.put("createdBy", Sql.uuid(row, "created_by"));
        out.put("createdAt", Sql.instant(row, "created_at"));
        out.put("updatedAt", Sql.instant(row, "updated_at"));
        return out;
    }

    static Cursor cursorOf(Map<String, Object> record) {
        return new Cursor((Instant) record.get("createdAt"), (UUID) record.get("id"));
    }
}
