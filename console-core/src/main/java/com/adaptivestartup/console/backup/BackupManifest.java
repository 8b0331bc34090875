package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.state.AuditAnchors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code manifest.json}, the first entry of every backup archive: what the backup is (app and schema
 * version, when, of which project, what kind) and every other entry with its size and SHA-256. A reader
 * checks the archive against it entry by entry, before anything is restored. {@code auditHeads}: each
 * organization's activity-log head when the backup was taken (an anchor kept outside the database, which a
 * restore makes the console's anchors again); empty in backups before console 1.2.
 */
public record BackupManifest(int formatVersion, String project, String appVersion, String schemaVersion,
                             Instant createdAt, String kind, String note, List<Entry> entries,
                             List<AuditAnchors.Anchor> auditHeads) {
    public BackupManifest(int formatVersion, String project, String appVersion, String schemaVersion, Instant createdAt,
                          String kind, String note, List<Entry> entries) {
        this(formatVersion, project, appVersion, schemaVersion, createdAt, kind, note, entries, List.of());
    }

    /** The same manifest listing these entries. */
    public BackupManifest withEntries(List<Entry> listed) {
        return new BackupManifest(formatVersion, project, appVersion, schemaVersion, createdAt, kind, note, listed, auditHeads);
    }
    public static final String NAME = "manifest.json";
    public static final int FORMAT_VERSION = 1;
    /** A manifest is small; a bigger first entry is not one of ours. */
    static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public record Entry(String name, long size, String sha256) {
    }

    /**
     * The length of this manifest's JSON when it lists the entries {@code names}, whatever their sizes and checksums:
     * the room an archive keeps for it before the parts are written.
     */
    public int longestJson(List<String> names) {
        return withEntries(names.stream().map(n -> new Entry(n, Long.MAX_VALUE, "0".repeat(64))).toList()).toJson().length;
    }

    public long totalSize() {
        return entries.stream().mapToLong(Entry::size).sum();
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "adaptive-startup-backup");
        root.put("formatVersion", formatVersion);
        root.put("project", project);
        root.put("appVersion", appVersion);
        root.put("schemaVersion", schemaVersion);
        root.put("createdAt", createdAt.toString());
        root.put("kind", kind);
        root.put("note", note);
        root.put("containsSecrets", true);
        ArrayNode list = root.putArray("entries");
        for (Entry e : entries) {
            list.addObject().put("name", e.name()).put("size", e.size()).put("sha256", e.sha256());
        }
        if (!auditHeads.isEmpty()) {
            ArrayNode heads = root.putArray("auditHeads");
            auditHeads.forEach(h -> heads.addObject().put("orgId", h.orgId()).put("seq", h.seq()).put("hash", h.hash()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks a manifest; every problem is a {@link BackupProblem} that says what is wrong. */
    public static BackupManifest parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new BackupProblem("the backup's manifest.json is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject() || !"adaptive-startup-backup".equals(root.path("format").asText())) {
            throw new BackupProblem("this file is not an Adaptive Startup backup (its manifest.json does not say so)");
        }
        int format = root.path("formatVersion").asInt(-1);
        if (format != FORMAT_VERSION) {
            throw new BackupProblem("this backup has format version " + format + "; this console reads version "
                    + FORMAT_VERSION + " (a newer console can read it)");
        }
        Instant created;
        try {
            created = Instant.parse(text(root, "createdAt"));
        } catch (DateTimeParseException e) {
            throw new BackupProblem("the backup's manifest has an unreadable creation time");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : root.path("entries")) {
            String name = e.path("name").asText("");
            long size = e.path("size").asLong(-1);
            String sha = e.path("sha256").asText("");
            BackupLayout.checkName(name);
            if (size < 0 || !e.path("size").canConvertToExactIntegral()) {
                throw new BackupProblem("the backup's manifest gives " + name + " no valid size");
            }
            if (!SHA256.matcher(sha).matches()) {
                throw new BackupProblem("the backup's manifest gives " + name + " no valid SHA-256");
            }
            if (entries.stream().anyMatch(x -> x.name().equals(name))) {
                throw new BackupProblem("the backup's manifest lists " + name + " twice");
            }
            entries.add(new Entry(name, size, sha));
        }
        if (entries.stream().noneMatch(e -> BackupLayout.isDatabase(e.name()))) {
            throw new BackupProblem("the backup's manifest lists no database dump");
        }
        List<AuditAnchors.Anchor> heads = new ArrayList<>();
        for (JsonNode h : root.path("auditHeads")) {
            if (h.path("seq").canConvertToExactIntegral() && h.path("hash").asText().matches("[0-9a-f]{64}")) {
                heads.add(new AuditAnchors.Anchor(h.path("orgId").asText(), h.path("seq").asLong(), h.path("hash").asText()));
            }
        }
        return new BackupManifest(format, text(root, "project"), text(root, "appVersion"), text(root, "schemaVersion"),
                created, text(root, "kind"), root.path("note").isTextual() ? root.get("note").asText() : null,
                List.copyOf(entries), List.copyOf(heads));
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BackupProblem("the backup's manifest has no " + field);
        }
        return v.asText();
    }
}
