package com.adaptivestartup.server.convex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * Values as Convex's export writes them ("clean JSON"), read into ours: 64-bit integers come as strings of digits,
 * times as milliseconds since the epoch (a float for {@code _creationTime}), and the cloud app keeps many JSON
 * documents inside strings and dates both as milliseconds and as text.
 */
final class ConvexValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConvexValues() {
    }

    /** Our id for a Convex document: the same on every import of the same deployment. */
    static UUID idFor(String convexId) {
        return UUID.nameUUIDFromBytes(("convex:" + convexId).getBytes(StandardCharsets.UTF_8));
    }

    static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        return v.isTextual() ? v.textValue() : v.isValueNode() ? v.asText() : null;
    }

    /** A number written as a number or (a 64-bit integer) as a string of digits; "NaN" and the like are none. */
    static BigDecimal number(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A moment: milliseconds since the epoch (number or digits) or ISO-8601 text. */
    static Instant instant(JsonNode v) {
        BigDecimal ms = v != null && !v.isTextual() ? number(v) : null;
        if (ms == null && v != null && v.isTextual() && v.textValue().strip().matches("-?\\d+(\\.\\d+)?")) {
            ms = number(v);
        }
        if (ms != null) {
            return Instant.ofEpochMilli(ms.longValue());
        }
        String s = text(v);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeParseException e) {
            // other forms below
        }
        try {
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            // a date alone
        }
        try {
            return LocalDate.parse(s.strip()).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A calendar date (as ISO text) from milliseconds, a moment or a date. */
    static String date(JsonNode v) {
        String s = text(v);
        if (s != null && s.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            return s.strip();
        }
        Instant t = instant(v);
        return t == null ? null : t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** A JSON object or list, whether stored as such or inside a string; null when it is neither. */
    static JsonNode json(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isObject() || v.isArray()) {
            return v;
        }
        if (v.isTextual() && !v.textValue().isBlank()) {
            try {
                JsonNode parsed = JSON.readTree(v.textValue());
                return parsed != null && (parsed.isObject() || parsed.isArray()) ? parsed : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The cloud app's labels as our choices: "In Progress", "inProgress" and "in-progress" all become
     * {@code in_progress}, "WhitePaper" {@code white_paper}.
     */
    static String choice(JsonNode v) {
        String s = text(v);
        if (s == null || s.isBlank()) {
            return null;
        }
        String spaced = s.strip().replaceAll("([a-z0-9])([A-Z])", "$1_$2");
        return spaced.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    static boolean present(JsonNode v) {
        return v != null && !v.isNull() && !v.isMissingNode() && !(v.isTextual() && v.textValue().isEmpty());
    }

    /** A document's {@code _creationTime} (milliseconds, a float) as a moment. */
    static Instant created(JsonNode doc) {
        JsonNode t = doc.get("_creationTime");
        return t != null && t.isNumber() ? instantOf(t.asDouble()) : Instant.EPOCH;
    }

    /** A document's {@code updatedAt} when it has one, else its creation. */
    static Instant updated(JsonNode doc) {
        Instant t = instant(doc.get("updatedAt"));
        return t != null ? t : created(doc);
    }

    static Instant instantOf(double millis) {
        return Instant.ofEpochMilli((long) millis).plusNanos((long) ((millis % 1) * 1_000_000));
    }

    /** Text cut to {@code max} characters, an ellipsis saying so. */
    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
