package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.resource.Catalogue;
import com.adaptivestartup.server.resource.Field;
import com.adaptivestartup.server.resource.Resource;
import com.adaptivestartup.server.resource.ResourceService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Named snapshots of a canvas or a document: taking one copies its content as it is now; restoring one writes it
 * back over the record (a canvas section the snapshot did not have is emptied) as one change with its revision
 * checked. Both go through the resource layer, so access, the activity log and live updates are those of any change.
 */
public final class SnapshotService {
    /** A kind of record that has snapshots: where they are kept, which field names the record, what is copied. */
    record Kind(Resource records, Resource snapshots, String owner, List<String> copied) {
    }

    private final ResourceService records;
    private final Map<String, Kind> kinds;

    public SnapshotService(ResourceService records, Catalogue catalogue) {
        this.records = records;
        this.kinds = Map.of(
                "canvases", new Kind(catalogue.get("canvases"), catalogue.get("canvas-versions"), "canvasId", List.of("sections")),
                "documents", new Kind(catalogue.get("documents"), catalogue.get("document-versions"), "documentId",
                        List.of("content")));
    }

    /** The paths that have snapshots ({@code canvases}, {@code documents}). */
    public java.util.Set<String> paths() {
        return kinds.keySet();
    }

    public Map<String, Object> snapshot(Principal p, UUID orgId, UUID ventureId, String path, UUID id, String name) {
        Kind kind = kinds.get(path);
        Map<String, Object> record = records.get(p, orgId, ventureId, kind.records(), id);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put(kind.owner(), id.toString());
        body.put("name", name == null || name.isBlank() ? "Snapshot of " + label(record) : name);
        for (String field : kind.copied()) {
            body.set(field, (JsonNode) record.get(field));
        }
        return records.create(p, orgId, ventureId, kind.snapshots(), body);
    }

    public Map<String, Object> restore(Principal p, UUID orgId, UUID ventureId, String path, UUID id, UUID snapshotId,
                                       Integer revision) {
        Kind kind = kinds.get(path);
        Map<String, Object> snapshot = records.get(p, orgId, ventureId, kind.snapshots(), snapshotId);
        if (!id.equals(snapshot.get(kind.owner()))) {
            throw ApiError.badRequest("that snapshot was taken of another " + kind.records().noun());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String name : kind.copied()) {
            Field field = kind.records().field(name).orElseThrow();
            JsonNode saved = (JsonNode) snapshot.get(name);
            body.set(name, field.kind() == Field.Kind.SECTIONS ? allSections(field, saved)
                    : saved == null ? NullNode.instance : saved);
        }
        if (revision != null) {
            body.put("revision", revision);
        }
        return records.update(p, orgId, ventureId, kind.records(), id, body);
    }

    private static ObjectNode allSections(Field field, JsonNode saved) {
        ObjectNode sections = JsonNodeFactory.instance.objectNode();
        for (String name : field.choices()) {
            sections.put(name, saved == null ? "" : saved.path(name).asText(""));
        }
        return sections;
    }

    private static String label(Map<String, Object> record) {
        return String.valueOf(record.getOrDefault("name", record.get("title")));
    }
}
