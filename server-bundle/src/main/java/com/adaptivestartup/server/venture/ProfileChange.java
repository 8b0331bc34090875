package com.adaptivestartup.server.venture;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Text;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The profile fields a create or change sets or clears, each checked, as columns and values for one statement. */
final class ProfileChange {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Map<String, String> COLUMNS = Map.of("slug", "slug", "logoFileId", "logo_file_id",
            "foundingDate", "founding_date", "industry", "industry", "stage", "stage", "currentCanvasId", "current_canvas_id");
    private final Map<String, Object> values = new LinkedHashMap<>();
    private UUID logo;
    private UUID canvas;

    static ProfileChange of(String slug, UUID logoFileId, LocalDate foundingDate, String industry, String stage,
                            UUID currentCanvasId, List<String> clear) {
        ProfileChange c = new ProfileChange();
        if (slug != null) {
            if (slug.length() > 60 || !SLUG.matcher(slug).matches()) {
                throw ApiError.badRequest("'slug' must be 1-60 lower-case letters, digits and single dashes, like acme-drones");
            }
            c.values.put("slug", slug);
        }
        if (logoFileId != null) {
            c.values.put("logoFileId", logoFileId);
            c.logo = logoFileId;
        }
        if (foundingDate != null) {
            if (foundingDate.isBefore(LocalDate.of(1800, 1, 1)) || foundingDate.isAfter(LocalDate.now().plusYears(5))) {
                throw ApiError.badRequest("'foundingDate' must be a real founding date, like 2024-05-01");
            }
            c.values.put("foundingDate", foundingDate);
        }
        if (industry != null) {
            c.values.put("industry", Text.required("industry", industry, 100));
        }
        if (stage != null) {
            if (!VentureProfile.STAGES.contains(stage)) {
                throw ApiError.badRequest("'stage' must be one of: " + String.join(", ", VentureProfile.STAGES));
            }
            c.values.put("stage", stage);
        }
        if (currentCanvasId != null) {
            c.values.put("currentCanvasId", currentCanvasId);
            c.canvas = currentCanvasId;
        }
        for (String name : clear == null ? List.<String>of() : clear) {
            if (!COLUMNS.containsKey(name)) {
                throw ApiError.badRequest("'clear' names '" + name + "'; it can name: " + String.join(", ", COLUMNS.keySet()));
            }
            if (c.values.containsKey(name)) {
                throw ApiError.badRequest("'" + name + "' is both set and cleared");
            }
            c.values.put(name, null);
        }
        return c;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** {@code slug = ?, stage = ?, } for an UPDATE (with the trailing comma and space), empty when nothing changes. */
    String assignments() {
        StringBuilder out = new StringBuilder();
        values.keySet().forEach(name -> out.append(COLUMNS.get(name)).append(" = ?, "));
        return out.toString();
    }

    List<Object> values() {
        return new ArrayList<>(values.values());
    }

    /** The logo is an image of this organization, the canvas one of this venture. */
    void checkReferences(Sql.Tx tx, UUID orgId, UUID ventureId) throws SQLException {
        if (logo != null && tx.one("SELECT 1 FROM files WHERE org_id = ? AND id = ? AND content_type LIKE 'image/%'",
                r -> 1, orgId, logo).isEmpty()) {
            throw ApiError.badRequest("'logoFileId' must be an image file uploaded to this organization");
        }
        if (canvas != null && tx.one("SELECT 1 FROM canvases WHERE org_id = ? AND venture_id = ? AND id = ?",
                r -> 1, orgId, ventureId, canvas).isEmpty()) {
            throw ApiError.badRequest("'currentCanvasId' must be a canvas of this venture");
        }
    }
}
