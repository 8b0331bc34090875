package com.adaptivestartup.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What differs between the two databases the server runs on. The queries are written once, in PostgreSQL's
 * SQL; on SQLite each statement is rewritten once (and cached) where the difference is only spelling (a cast,
 * {@code now()}, {@code FOR UPDATE}, {@code least}), and the few constructs that have no portable spelling
 * (an array's membership, a JSON merge, the activity log's lock, full-text search) are asked of the dialect
 * by name. Values are bound in each database's own types: on SQLite a UUID is its text, a time is ISO-8601
 * text in UTC with microseconds (a fixed width, so text order is time order), an array is a JSON array.
 */
public enum Dialect {
    POSTGRES, SQLITE;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** SQLite's spelling of a time: always 27 characters, microseconds, UTC. */
    public static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** SQLite's now() in that spelling (strftime's %f has milliseconds; the rest is padding of the same width). */
    public static final String SQLITE_NOW = "strftime('%Y-%m-%dT%H:%M:%f000Z','now')";
    private static final Pattern CAST = Pattern.compile(
            "::(jsonb|json|uuid|text|int|integer|bigint|timestamptz|numeric|date|boolean)(\\[\\])?");
    private static final Pattern NOW = Pattern.compile("\\bnow\\(\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCKING = Pattern.compile("\\s+FOR UPDATE(\\s+SKIP LOCKED)?");
    private static final Pattern LEAST = Pattern.compile("\\bleast\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern GREATEST = Pattern.compile("\\bgreatest\\(", Pattern.CASE_INSENSITIVE);
    /** PostgreSQL's row constructor, {@code ROW(a, b)}: SQLite writes the row value as {@code (a, b)}. */
    private static final Pattern ROW = Pattern.compile("\\bROW\\(");
    private static final int CACHED_STATEMENTS = 5_000;
    private final Map<String, String> translated = new ConcurrentHashMap<>();

    /** The statement in this database's spelling. */
    public String translate(String sql) {
        if (this == POSTGRES) {
            return sql;
        }
        String known = translated.get(sql);
        if (known != null) {
            return known;
        }
        String spelled = sqlite(sql);
        if (translated.size() < CACHED_STATEMENTS) {   // the server's statements are a few hundred; never a leak
            translated.put(sql, spelled);
        }
        return spelled;
    }

    private static String sqlite(String sql) {
        String out = CAST.matcher(sql).replaceAll("");
        out = NOW.matcher(out).replaceAll(SQLITE_NOW);
        // SQLite has one writer at a time: each transaction that writes holds the database from its first
        // statement (BEGIN IMMEDIATE), so a row read there cannot change before the transaction ends.
        out = LOCKING.matcher(out).replaceAll("");
        out = LEAST.matcher(out).replaceAll("min(");
        out = GREATEST.matcher(out).replaceAll("max(");
        return ROW.matcher(out).replaceAll("(");
    }

    /** A condition: the array column holds the bound value. */
    public String arrayHolds(String column) {
        return this == POSTGRES ? "? = ANY(" + column + ")"
                : "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE json_each.value = ?)";
    }

    /** A condition: the column's value is one of the bound array's. */
    public String inArray(String column) {
        return this == POSTGRES ? column + " = ANY(?)" : column + " IN (SELECT json_each.value FROM json_each(?))";
    }

    /** A condition: the array column holds the bound (lower-case) value, its own values compared in lower case. */
    public String arrayHoldsIgnoringCase(String column) {
        return this == POSTGRES ? "EXISTS (SELECT 1 FROM unnest(" + column + ") d WHERE lower(d) = ?)"
                : "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE lower(json_each.value) = ?)";
    }

    /** A join that gives one row per element of the array column, named {@code alias} (see {@link #element}). */
    public String eachElement(String column, String alias) {
        return this == POSTGRES ? " CROSS JOIN LATERAL unnest(" + column + ") AS " + alias + "(x)"
                : ", json_each(" + column + ") AS " + alias;
    }

    /** The element of a row of {@link #eachElement}. */
    public String element(String alias) {
        return this == POSTGRES ? alias + ".x" : alias + ".value";
    }

    /** An expression: the array column without the bound value. */
    public String arrayWithout(String column) {
        return this == POSTGRES ? "array_remove(" + column + ", ?)"
                : "(SELECT coalesce(json_group_array(json_each.value), '[]') FROM json_each(" + column
                        + ") WHERE json_each.value <> ?)";
    }

    /** An expression: the JSON object column with the bound JSON object's keys laid over it (null: unchanged). */
    public String jsonMerged(String column) {
        return this == POSTGRES ? "coalesce(" + column + ", '{}'::jsonb) || coalesce(?::jsonb, '{}'::jsonb)"
                : "json_patch(coalesce(" + column + ", '{}'), coalesce(?, '{}'))";
    }

    /**
     * A statement that makes the transaction the only writer of this organization's activity log until it ends,
     * with one parameter (the organization); none on SQLite, whose writing transactions are one at a time already.
     */
    public String chainLock() {
        return this == POSTGRES ? "SELECT pg_advisory_xact_lock(hashtext(?))" : null;
    }

    /** A condition on the files table: its name holds words beginning as the bound search does. */
    public String nameMatches() {
        return this == POSTGRES ? "name_search @@ to_tsquery('simple', ?)"
                : "files.rowid IN (SELECT rowid FROM files_name_search WHERE files_name_search MATCH ?)";
    }

    /** The search {@link #nameMatches} binds: every word as a prefix (words of letters and digits only). */
    public String prefixSearch(java.util.List<String> words) {
        return this == POSTGRES ? String.join(" & ", words.stream().map(w -> w + ":*").toList())
                : String.join(" AND ", words.stream().map(w -> "\"" + w + "\"*").toList());
    }

    /** A value as this database's driver takes it. */
    public Object bind(Object value) {
        if (this == POSTGRES) {
            return value instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : value;
        }
        return switch (value) {
            case null -> null;
            case UUID u -> u.toString();
            case Instant t -> SQLITE_TIME.format(t);
            case OffsetDateTime t -> SQLITE_TIME.format(t.toInstant());
            case LocalDate d -> d.toString();
            case BigDecimal n -> n.toPlainString();
            case Object[] array -> json(array);
            case java.util.Collection<?> list -> json(list.stream().map(v -> v == null ? null : v.toString()).toList());
            default -> value;
        };
    }

    private static String json(Object value) {
        try {
            if (value instanceof Object[] array) {
                Object[] texts = new Object[array.length];
                for (int i = 0; i < array.length; i++) {
                    texts[i] = array[i] == null ? null : array[i].toString();
                }
                return JSON.writeValueAsString(texts);
            }
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
