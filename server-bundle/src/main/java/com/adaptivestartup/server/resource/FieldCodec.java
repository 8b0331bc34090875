package com.adaptivestartup.server.resource;

import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.http.Text;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a field's JSON into the value bound to its column, refusing what does not fit with a sentence naming the
 * field, and reads the column back into what the JSON shows.
 */
final class FieldCodec {
    private static final int TAG_LENGTH = 40;

    private FieldCodec() {
    }

    /** The value to bind, or null for a JSON null (which only an optional field accepts). */
    static Object read(Field f, JsonNode value) {
        if (value == null || value.isNull()) {
            if (f.kind() == Field.Kind.FLAG) {
                return Boolean.FALSE;
            }
            if (f.kind() == Field.Kind.TAGS) {
                return new String[0];
            }
            if (f.kind() == Field.Kind.REFS || f.kind() == Field.Kind.MEMBERS || f.kind() == Field.Kind.FILES) {
                return new UUID[0];
            }
            if (f.mandatory()) {
                throw ApiError.badRequest("'" + f.name() + "' is required");
            }
            return null;
        }
        return switch (f.kind()) {
            case TEXT -> text(f, value);
            case CHOICE -> choice(f, value);
            case NUMBER -> number(f, value);
            case INTEGER -> integer(f, value);
            case DATE -> date(f, value);
            case INSTANT -> instant(f, value);
            case FLAG -> {
                if (!value.isBoolean()) {
                    throw wrong(f, "true or false");
                }
                yield value.booleanValue();
            }
            case TAGS -> tags(f, value);
            case REF, FILE -> id(f.name(), value);
            case REFS, MEMBERS, FILES -> ids(f, value);
            case JSON -> json(f, value);
            case SECTIONS -> sections(f, value);
            case DERIVED -> throw ApiError.badRequest("'" + f.name() + "' is worked out by the server and cannot be set");
        };
    }

    /** How a value is written into the statement: JSON kinds go through a cast. */
    static String placeholder(Field f) {
        return f.kind() == Field.Kind.JSON || f.kind() == Field.Kind.SECTIONS ? "?::jsonb" : "?";
    }

    /** The column as the JSON shows it. */
    static Object column(Field f, ResultSet row) throws SQLException {
        String c = f.column();
        return switch (f.kind()) {
            case TEXT, CHOICE -> row.getString(c);
            case NUMBER, DERIVED -> row.getBigDecimal(c);
            case INTEGER -> Sql.integer(row, row.findColumn(c));
            case DATE -> Sql.localDate(row, row.findColumn(c));
            case INSTANT -> Sql.instant(row, c);
            case FLAG -> row.getBoolean(c);
            case REF, FILE -> Sql.uuid(row, c);
            case TAGS -> List.copyOf(Sql.strings(row, c));
            case REFS, MEMBERS, FILES -> Sql.strings(row, c).stream().map(UUID::fromString).map(Object.class::cast).toList();
            case JSON, SECTIONS -> {
                String json = row.getString(c);
                yield json == null ? null : Json.tree(json);
            }
        };
    }

    private static String text(Field f, JsonNode value) {
        if (!value.isTextual()) {
            throw wrong(f, "text");
        }
        return f.mandatory() ? Text.required(f.name(), value.textValue(), f.maxLength())
                : Text.optional(f.name(), value.textValue(), f.maxLength());
    }

    private static String choice(Field f, JsonNode value) {
        if (!value.isTextual() || !f.choices().contains(value.textValue())) {
            throw ApiError.badRequest("'" + f.name() + "' must be one of: " + String.join(", ", f.choices()));
        }
        return value.textValue();
    }

    private static BigDecimal number(Field f, JsonNode value) {
        if (!value.isNumber()) {
            throw wrong(f, "a number");
        }
        return within(f, value.decimalValue());
    }

    private static Integer integer(Field f, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrong(f, "a whole number");
        }
        return within(f, BigDecimal.valueOf(value.intValue())).intValue();
    }

    private static BigDecimal within(Field f, BigDecimal n) {
        if (n.compareTo(f.min()) < 0 || n.compareTo(f.max()) > 0) {
            throw ApiError.badRequest("'" + f.name() + "' must be between " + f.min().stripTrailingZeros().toPlainString()
                    + " and " + f.max().stripTrailingZeros().toPlainString());
        }
        return n;
    }

    private static LocalDate date(Field f, JsonNode value) {
        try {
            return LocalDate.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw wrong(f, "a date like 2026-03-31");
        }
    }

    private static OffsetDateTime instant(Field f, JsonNode value) {
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw wrong(f, "a time like 2026-03-31T14:00:00Z");
        }
    }

    private static String[] tags(Field f, JsonNode value) {
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : list(f, value)) {
            if (!tag.isTextual() || tag.textValue().isBlank()) {
                throw wrong(f, "a list of short labels");
            }
            tags.add(Text.required(f.name(), tag.textValue(), TAG_LENGTH));
        }
        return tags.toArray(String[]::new);
    }

    private static UUID[] ids(Field f, JsonNode value) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (JsonNode id : list(f, value)) {
            ids.add(id(f.name(), id));
        }
        return ids.toArray(UUID[]::new);
    }

    private static List<JsonNode> list(Field f, JsonNode value) {
        if (!value.isArray()) {
            throw wrong(f, "a list");
        }
        if (value.size() > f.maxLength()) {
            throw ApiError.badRequest("'" + f.name() + "' may hold at most " + f.maxLength() + " entries");
        }
        List<JsonNode> out = new ArrayList<>();
        value.forEach(out::add);
        return out;
    }

    static UUID id(String name, JsonNode value) {
        String raw = value.isTextual() ? value.textValue() : "";
        try {
            UUID id = UUID.fromString(raw);
            if (id.toString().equalsIgnoreCase(raw)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw ApiError.badRequest("'" + name + "' must be an id (or a list of ids) like 3f2b8c1e-...");
    }

    private static String json(Field f, JsonNode value) {
        if (!value.isObject() && !value.isArray()) {
            throw wrong(f, "a JSON object or list");
        }
        String json = Json.write(value);
        if (json.getBytes(StandardCharsets.UTF_8).length > f.maxLength()) {
            throw ApiError.tooLarge("'" + f.name() + "' may hold at most " + f.maxLength() / 1024 + " KB of JSON");
        }
        return json;
    }

    private static String sections(Field f, JsonNode value) {
        if (!value.isObject()) {
            throw wrong(f, "an object of texts by section");
        }
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!f.choices().contains(e.getKey())) {
                throw ApiError.badRequest("'" + f.name() + "' has no section '" + e.getKey() + "'; its sections are: "
                        + String.join(", ", f.choices()));
            }
            if (!e.getValue().isTextual()) {
                throw ApiError.badRequest("section '" + e.getKey() + "' must be text");
            }
            texts.put(e.getKey(), Text.optional(e.getKey(), e.getValue().textValue(), f.maxLength()));
        }
        return Json.write(texts);
    }

    private static ApiError wrong(Field f, String expected) {
        return ApiError.badRequest("'" + f.name() + "' must be " + expected);
    }
}
