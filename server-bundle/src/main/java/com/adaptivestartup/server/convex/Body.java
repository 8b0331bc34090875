package com.adaptivestartup.server.convex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A Convex document turned into a record's fields as our API names them, one field at a time: each field says
 * where in the document it comes from, so the fields nobody read are known (reported as not carried, and kept in
 * the archive), and each reference is resolved to our id in the same venture or told as a value not carried.
 */
final class Body {
    /** Fields every cloud table carries that are read elsewhere (tenancy, author, times, source). */
    static final Set<String> COMMON = Set.of("_id", "_creationTime", "projectId", "orgId", "userId", "creatorId",
            "createdBy", "createdAt", "updatedAt", "updatedBy", "source", "creatorProfile");

    /** Where references go: our id of a Convex document, a member, a stored file. */
    interface Links {
        /** Our id of the Convex document {@code convexId} when it was imported into {@code resource} of this venture. */
        UUID record(String convexId, String resource, UUID ventureId);

        /** Our user id of a Convex user reference (a users id, a WorkOS subject, a team member) who is in the org. */
        UUID member(String reference, UUID orgId);

        /** Our file id for a Convex storage id, imported into this venture. */
        UUID file(String storageId, UUID ventureId, String suggestedName);

        /** Our id of the first record of {@code resource} imported into the venture (the canvas versions belong to). */
        UUID first(String resource, UUID ventureId);
    }

    final ObjectNode doc;
    final ObjectNode fields = JsonNodeFactory.instance.objectNode();
    private final Set<String> read = new LinkedHashSet<>();
    /** Values not carried: field -> why. */
    final Map<String, String> dropped = new LinkedHashMap<>();
    private final Links links;
    final UUID ventureId;
    final UUID orgId;

    Body(ObjectNode doc, Links links, UUID ventureId, UUID orgId) {
        this.doc = doc;
        this.links = links;
        this.ventureId = ventureId;
        this.orgId = orgId;
    }

    JsonNode get(String convex) {
        read.add(convex);
        return doc.get(convex);
    }

    Body text(String ours, String convex) {
        return put(ours, ConvexValues.text(get(convex)));
    }

    /** The first of several fields that has text (the cloud app renamed some over time). */
    Body firstText(String ours, String... convex) {
        for (String c : convex) {
            String s = ConvexValues.text(get(c));
            if (s != null && !s.isBlank()) {
                return put(ours, s);
            }
        }
        return this;
    }

    Body put(String ours, String value) {
        if (value != null) {
            fields.put(ours, value);
        }
        return this;
    }

    Body choice(String ours, String convex) {
        return put(ours, ConvexValues.choice(get(convex)));
    }

    /** A choice whose cloud labels differ from ours by more than spelling. */
    Body choice(String ours, String convex, Map<String, String> renamed) {
        String c = ConvexValues.choice(get(convex));
        return put(ours, c == null ? null : renamed.getOrDefault(c, c));
    }

    Body number(String ours, String convex) {
        JsonNode v = get(convex);
        BigDecimal n = ConvexValues.number(v);
        if (n != null) {
            fields.put(ours, n);
        } else if (ConvexValues.present(v)) {
            dropped.put(ours, "'" + convex + "' is not a number (" + ConvexValues.text(v) + ")");
        }
        return this;
    }

    Body integer(String ours, String convex) {
        JsonNode v = get(convex);
        BigDecimal n = ConvexValues.number(v);
        if (n != null && n.stripTrailingZeros().scale() <= 0 && n.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            fields.put(ours, n.intValue());
        } else if (ConvexValues.present(v)) {
            dropped.put(ours, "'" + convex + "' is not a whole number (" + ConvexValues.text(v) + ")");
        }
        return this;
    }

    Body date(String ours, String convex) {
        return put(ours, ConvexValues.date(get(convex)));
    }

    Body instant(String ours, String convex) {
        var t = ConvexValues.instant(get(convex));
        return put(ours, t == null ? null : t.toString());
    }

    Body flag(String ours, String convex) {
        JsonNode v = get(convex);
        if (v != null && (v.isBoolean() || v.isTextual() && v.textValue().matches("(?i)true|false"))) {
            fields.put(ours, v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.textValue()));
        }
        return this;
    }

    /** Labels: strings, or the cloud app's {name, color} objects (the colour is kept in the archive). */
    Body tags(String ours, String convex) {
        JsonNode v = get(convex);
        if (v == null || !v.isArray()) {
            return this;
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode t : v) {
            String s = t.isObject() ? ConvexValues.text(t.get("name")) : ConvexValues.text(t);
            if (s != null && !s.isBlank()) {
                tags.add(s.strip());
            }
        }
        ArrayNode out = fields.putArray(ours);
        tags.forEach(out::add);
        return this;
    }

    Body json(String ours, String convex) {
        JsonNode v = get(convex);
        JsonNode j = ConvexValues.json(v);
        if (j != null) {
            fields.set(ours, j);
        } else if (ConvexValues.present(v)) {
            dropped.put(ours, "'" + convex + "' is not a JSON object or list");
        }
        return this;
    }

    Body json(String ours, JsonNode value) {
        if (value != null) {
            fields.set(ours, value);
        }
        return this;
    }

    /** Named texts from the document's fields of those names (a canvas's sections). */
    Body sections(String ours, List<String> names) {
        ObjectNode sections = JsonNodeFactory.instance.objectNode();
        for (String name : names) {
            String s = ConvexValues.text(get(name));
            if (s != null) {
                sections.put(name, s);
            }
        }
        fields.set(ours, sections);
        return this;
    }

    Body ref(String ours, String convex, String resource) {
        String id = ConvexValues.text(get(convex));
        if (id == null || id.isBlank()) {
            return this;
        }
        UUID ourId = links.record(id, resource, ventureId);
        if (ourId == null) {
            dropped.put(ours, "refers to " + id + ", which is not a " + resource + " of the same venture in the export");
        } else {
            fields.put(ours, ourId.toString());
        }
        return this;
    }

    Body refs(String ours, String convex, String resource) {
        JsonNode v = get(convex);
        if (v == null || !v.isArray()) {
            return this;
        }
        ArrayNode out = fields.putArray(ours);
        for (JsonNode item : v) {
            String id = ConvexValues.text(item);
            UUID ourId = id == null ? null : links.record(id, resource, ventureId);
            if (ourId == null) {
                dropped.put(ours, "refers to " + id + ", which is not a " + resource + " of the same venture in the export");
            } else {
                out.add(ourId.toString());
            }
        }
        return this;
    }

    /** People: ids of users, WorkOS subjects or team members, each of whom must be in the organization. */
    Body members(String ours, String convex) {
        JsonNode v = get(convex);
        if (v == null || v.isNull()) {
            return this;
        }
        ArrayNode out = fields.putArray(ours);
        Set<UUID> seen = new LinkedHashSet<>();
        for (JsonNode item : v.isArray() ? v : List.of(v)) {
            String ref = ConvexValues.text(item);
            UUID user = ref == null ? null : links.member(ref, orgId);
            if (user == null) {
                dropped.put(ours, "names " + ref + ", who is not a member of the organization in the export");
            } else if (seen.add(user)) {
                out.add(user.toString());
            }
        }
        return this;
    }

    Body file(String ours, String convex, String suggestedName) {
        String id = ConvexValues.text(get(convex));
        if (id == null || id.isBlank()) {
            return this;
        }
        UUID file = links.file(id, ventureId, suggestedName);
        if (file == null) {
            dropped.put(ours, "refers to the stored file " + id + ", which is not in the export's _storage");
        } else {
            fields.put(ours, file.toString());
        }
        return this;
    }

    /** The venture's first record of {@code resource}, when the cloud document names none (a legacy snapshot). */
    Body first(String ours, String resource) {
        UUID id = links.first(resource, ventureId);
        return put(ours, id == null ? null : id.toString());
    }

    /** Fields of the document that nothing read (besides the common ones). */
    Set<String> unread() {
        Set<String> out = new LinkedHashSet<>();
        doc.fieldNames().forEachRemaining(n -> {
            if (!read.contains(n) && !COMMON.contains(n)) {
                out.add(n);
            }
        });
        return out;
    }
}
