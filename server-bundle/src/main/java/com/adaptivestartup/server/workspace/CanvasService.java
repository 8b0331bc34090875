package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.resource.Catalogue;
import com.adaptivestartup.server.resource.Resource;
import com.adaptivestartup.server.resource.ResourceService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;

/**
 * A canvas's snapshots: taking one copies its sections as they are now; restoring one writes them back over the
 * canvas (a section the snapshot did not have is emptied), as one change with its revision checked. Both go through
 * the resource layer, so access, the activity log and live updates are the same as for any change.
 */
public final class CanvasService {
    private final ResourceService records;
    private final Resource canvases;
    private final Resource versions;

    public CanvasService(ResourceService records, Catalogue catalogue) {
        this.records = records;
        this.canvases = catalogue.get("canvases");
        this.versions = catalogue.get("canvas-versions");
    }

    public Map<String, Object> snapshot(Principal p, UUID orgId, UUID ventureId, UUID canvasId, String name) {
        Map<String, Object> canvas = records.get(p, orgId, ventureId, canvases, canvasId);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("canvasId", canvasId.toString());
        body.put("name", name == null || name.isBlank() ? "Snapshot of " + canvas.get("name") : name);
        body.set("sections", (JsonNode) canvas.get("sections"));
        return records.create(p, orgId, ventureId, versions, body);
    }

    public Map<String, Object> restore(Principal p, UUID orgId, UUID ventureId, UUID canvasId, UUID versionId,
                                       Integer revision) {
        Map<String, Object> version = records.get(p, orgId, ventureId, versions, versionId);
        if (!canvasId.equals(version.get("canvasId"))) {
            throw ApiError.badRequest("that snapshot was taken of another canvas");
        }
        JsonNode saved = (JsonNode) version.get("sections");
        ObjectNode sections = JsonNodeFactory.instance.objectNode();
        for (String name : canvases.field("sections").orElseThrow().choices()) {
            sections.put(name, saved.path(name).asText(""));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("sections", sections);
        if (revision != null) {
            body.put("revision", revision);
        }
        return records.update(p, orgId, ventureId, canvases, canvasId, body);
    }
}
