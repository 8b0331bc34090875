package com.adaptivestartup.server.resource;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One field of a record: its name on the wire (camelCase), its column, its kind and its limits. A resource is a
 * list of these; validation, SQL and JSON all follow from them, so a new module declares fields and writes no
 * CRUD code.
 *
 * @param target for {@link Kind#REF} and {@link Kind#REFS}: the path of the resource referred to (same venture)
 */
public record Field(String name, @JsonIgnore String column, Kind kind, @JsonProperty("required") boolean mandatory,
                    int maxLength, List<String> choices,
                    BigDecimal min, BigDecimal max, String target) {

    public enum Kind {
        /** Free text up to {@code maxLength}. */
        TEXT,
        /** One of {@code choices}. */
        CHOICE,
        /** A decimal number within {@code min..max}. */
        NUMBER,
        /** A whole number within {@code min..max}. */
        INTEGER,
        /** A calendar date, {@code 2026-03-31}. */
        DATE,
        /** A moment, ISO-8601 with an offset. */
        INSTANT,
        FLAG,
        /** Up to {@code maxLength} short labels. */
        TAGS,
        /** The id of a record of {@code target} in the same venture. */
        REF,
        /** Ids of records of {@code target} in the same venture. */
        REFS,
        /** Ids of members of the organization. */
        MEMBERS,
        /** The id of a file uploaded to the same venture. */
        FILE,
        /** Ids of files uploaded to the same venture. */
        FILES,
        /** A JSON object or list of at most {@code maxLength} bytes. */
        JSON,
        /** Named texts ({@code choices} are the names); a change merges name by name. */
        SECTIONS,
        /** Computed by the database; read, never written. */
        DERIVED
    }

    public static Field text(String name, int maxLength) {
        return new Field(name, column(name), Kind.TEXT, false, maxLength, List.of(), null, null, null);
    }

    public static Field choice(String name, String... choices) {
        return new Field(name, column(name), Kind.CHOICE, false, 0, List.of(choices), null, null, null);
    }

    public static Field number(String name, double min, double max) {
        return new Field(name, column(name), Kind.NUMBER, false, 0, List.of(), BigDecimal.valueOf(min),
                BigDecimal.valueOf(max), null);
    }

    public static Field integer(String name, int min, int max) {
        return new Field(name, column(name), Kind.INTEGER, false, 0, List.of(), BigDecimal.valueOf(min),
                BigDecimal.valueOf(max), null);
    }

    public static Field date(String name) {
        return new Field(name, column(name), Kind.DATE, false, 0, List.of(), null, null, null);
    }

    public static Field instant(String name) {
        return new Field(name, column(name), Kind.INSTANT, false, 0, List.of(), null, null, null);
    }

    public static Field flag(String name) {
        return new Field(name, column(name), Kind.FLAG, false, 0, List.of(), null, null, null);
    }

    public static Field tags(String name) {
        return new Field(name, column(name), Kind.TAGS, false, 20, List.of(), null, null, null);
    }

    public static Field ref(String name, String target) {
        return new Field(name, column(name), Kind.REF, false, 0, List.of(), null, null, target);
    }

    public static Field refs(String name, String target) {
        return new Field(name, column(name), Kind.REFS, false, 100, List.of(), null, null, target);
    }

    public static Field members(String name) {
        return new Field(name, column(name), Kind.MEMBERS, false, 50, List.of(), null, null, null);
    }

    public static Field file(String name) {
        return new Field(name, column(name), Kind.FILE, false, 0, List.of(), null, null, null);
    }

    public static Field files(String name) {
        return new Field(name, column(name), Kind.FILES, false, 50, List.of(), null, null, null);
    }

    public static Field json(String name, int maxKb) {
        return new Field(name, column(name), Kind.JSON, false, maxKb * 1024, List.of(), null, null, null);
    }

    public static Field sections(String name, int maxLength, String... names) {
        return new Field(name, column(name), Kind.SECTIONS, false, maxLength, List.of(names), null, null, null);
    }

    public static Field derived(String name) {
        return new Field(name, column(name), Kind.DERIVED, false, 0, List.of(), null, null, null);
    }

    /** The same field, which every new record must have (and a change may not clear). */
    public Field required() {
        return new Field(name, column, kind, true, maxLength, choices, min, max, target);
    }

    public boolean writable() {
        return kind != Kind.DERIVED;
    }

    /** Fields a list can be narrowed by ({@code ?status=done&goalId=...}). */
    public boolean filterable() {
        return kind == Kind.REF || kind == Kind.CHOICE || kind == Kind.FLAG;
    }

    /** {@code targetDate} -> {@code target_date}. */
    static String column(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
