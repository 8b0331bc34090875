package com.adaptivestartup.server.resource;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records written from elsewhere than a request (an import from the cloud app): the same fields and checks as the
 * API, with the record's own id, times and author kept, written whole (a field the source no longer has is cleared)
 * and only when something changed; and a fingerprint of a record's values, the same whether worked out from what
 * was to be written or from what the database holds, which is how an import is verified.
 */
public final class RecordImport {
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** The checked values of a record, and each value refused (the field then left empty) with its reason. */
    public record Decoded(Map<Field, Object> values, Map<String, String> refused) {
    }

    private RecordImport() {
    }

    /**
     * Reads every writable field of {@code r} from {@code body} (names as on the wire): a value the API would refuse
     * is left out and its reason kept, so one bad value costs that value, not the record. A required field that is
     * missing or refused is reported by {@link #missing}.
     */
    public static Decoded decode(Resource r, ObjectNode body) {
        Map<Field, Object> values = new LinkedHashMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Field f : r.writable()) {
            JsonNode value = body.get(f.name());
            try {
                values.put(f, FieldCodec.read(f, value));
            } catch (ApiError e) {
                refused.put(f.name(), e.getMessage());
                values.put(f, f.mandatory() ? null : FieldCodec.read(f, null));
            }
        }
        return new Decoded(values, refused);
    }

    /** The first required field without a value, if any. */
    public static Optional<String> missing(Resource r, Decoded d) {
        return r.writable().stream().filter(f -> f.mandatory() && d.values().get(f) == null).map(Field::name).findFirst();
    }

    /**
     * Inserts the record, or when a record with its id exists rewrites its fields (revision bumped) if any differ.
     * The caller has checked the venture and the references.
     */
    public static Outcome upsert(Sql.Tx tx, Resource r, UUID id, UUID orgId, UUID ventureId, String source, UUID createdBy,
                                 Instant createdAt, Instant updatedAt, Map<Field, Object> values) throws SQLException {
        List<Field> fields = new ArrayList<>(values.keySet());
        String columns = fields.stream().map(f -> ", " + f.column()).collect(Collectors.joining());
        String placeholders = fields.stream().map(f -> ", " + FieldCodec.placeholder(f)).collect(Collectors.joining());
        String sets = fields.stream().map(f -> f.column() + " = EXCLUDED." + f.column()).collect(Collectors.joining(", "));
        String mine = fields.stream().map(f -> r.table() + "." + f.column()).collect(Collectors.joining(", "));
        String theirs = fields.stream().map(f -> "EXCLUDED." + f.column()).collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + r.table() + " (id, org_id, venture_id, source, created_by, created_at, updated_at"
                + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?" + placeholders + ") ON CONFLICT (id) DO UPDATE SET "
                + sets + ", source = EXCLUDED.source, updated_at = EXCLUDED.updated_at, revision = " + r.table()
                + ".revision + 1 WHERE " + r.table() + ".org_id = EXCLUDED.org_id AND (ROW(" + mine + ", " + r.table()
                + ".source) IS DISTINCT FROM ROW(" + theirs + ", EXCLUDED.source)) RETURNING (xmax = 0) AS created";
        List<Object> params = new ArrayList<>(List.of(id, orgId, ventureId, source));
        params.add(createdBy);
        params.add(OffsetDateTime.ofInstant(createdAt, java.time.ZoneOffset.UTC));
        params.add(OffsetDateTime.ofInstant(updatedAt, java.time.ZoneOffset.UTC));
        params.addAll(values.values());
        Optional<Boolean> created = tx.upsert(sql, r.table(), id, params.toArray());
        return created.map(c -> c ? Outcome.CREATED : Outcome.UPDATED).orElse(Outcome.UNCHANGED);
    }

    /** The record as stored, by id (whatever its venture), or empty. */
    public static Optional<Map<String, Object>> read(Sql.Tx tx, Resource r, UUID id) throws SQLException {
        RecordSql statements = new RecordSql(r);
        return tx.one(statements.selectById(), statements::map, id);
    }

    /** The fingerprint of values about to be written. */
    public static String fingerprint(Resource r, Map<Field, Object> values) {
        Map<String, String> canonical = new TreeMap<>();
        for (Field f : r.writable()) {
            canonical.put(f.name(), canonical(f, values.get(f)));
        }
        return sha256(canonical.toString());
    }

    /** The fingerprint of a record as read back ({@link #read}). */
    public static String fingerprintOf(Resource r, Map<String, Object> record) {
        Map<String, String> canonical = new TreeMap<>();
        for (Field f : r.writable()) {
            canonical.put(f.name(), canonical(f, record.get(f.name())));
        }
        return sha256(canonical.toString());
    }

    /** One form per value whichever side it comes from: numbers without trailing zeros, JSON with sorted keys. */
    private static String canonical(Field f, Object value) {
        if (value == null) {
            return "null";
        }
        if (f.kind() == Field.Kind.JSON || f.kind() == Field.Kind.SECTIONS) {
            JsonNode tree = value instanceof JsonNode n ? n : Json.tree(value.toString());
            return sorted(tree);
        }
        if (value instanceof BigDecimal n) {
            return n.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList().toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList().toString();
        }
        return value.toString();
    }

    private static String sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), sorted(e.getValue())));
            return fields.entrySet().stream().map(e -> Json.write(e.getKey()) + ":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            return "[" + String.join(",", items) + "]";
        }
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        return Json.write(node);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
