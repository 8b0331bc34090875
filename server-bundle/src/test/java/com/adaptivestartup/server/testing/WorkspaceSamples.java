package com.adaptivestartup.server.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A valid record of every resource of release 1.2.0's workspace, for tests that need each kind once. */
public final class WorkspaceSamples {
    private WorkspaceSamples() {
    }

    /**
     * A valid record of each resource, in an order where what one names already exists ({@code ids}: each made one's
     * id by its path, and the venture's file as {@code files}); {@code founder} is named where a person is.
     */
    public static Map<String, Map<String, Object>> of(Map<String, String> ids, String founder) {
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        s.put("folders", Map.of("name", "Pitch material", "tags", List.of("investors")));
        s.put("documents", Map.of("title", "White paper", "type", "white_paper", "folderId", id(ids, "folders"),
                "content", Map.of("type", "doc", "content", List.of(Map.of("type", "paragraph",
                        "content", List.of(Map.of("type", "text", "text", "Frost costs farmers 12%.")))))));
        s.put("document-versions", Map.of("documentId", id(ids, "documents"), "name", "First draft",
                "content", Map.of("type", "doc")));
        s.put("canvases", Map.of("name", "Drone canvas", "kind", "lean", "sections", Map.of("problem", "crop loss")));
        s.put("canvas-versions", Map.of("canvasId", id(ids, "canvases"), "name", "v1",
                "sections", Map.of("problem", "crop loss")));
        s.put("interviews", Map.of("name", "Farmer Jo", "customerStatus", "interviewed", "willingnessToPay", "high",
                "sentiment", "positive", "segment", "orchards", "tags", List.of("pilot", "north"),
                "customData", Map.of("notes", "loses 12% to frost"), "nextFollowUpAt", "2026-12-15"));
        s.put("video-interviews", Map.of("name", "Farmer Jo on video", "email", "jo@example.org",
                "interviewId", id(ids, "interviews"), "waiverFileId", id(ids, "files"), "videoFileId", id(ids, "files")));
        s.put("goals", Map.of("title", "First 10 paying farms", "type", "committed", "timeframe", "quarterly",
                "quarter", 1, "year", 2027, "status", "in_progress", "health", "on_track", "targetDate", "2027-03-31",
                "linkedCustomerIds", List.of(id(ids, "interviews"))));
        s.put("key-results", Map.of("goalId", id(ids, "goals"), "description", "Signed pilots", "target", 10,
                "current", 4, "unit", "farms"));
        s.put("features", Map.of("title", "Frost alerts", "status", "planned", "priority", "high",
                "stackLayer", "backend", "eisenhowerQuadrant", "schedule", "assignedTo", List.of(founder),
                "tags", List.of("mvp"), "goalId", id(ids, "goals")));
        s.put("divisions", Map.of("name", "Hardware", "leads", List.of(founder), "color", "#3366cc"));
        s.put("initiatives", Map.of("divisionId", id(ids, "divisions"), "title", "Drone v2", "status", "active",
                "startDate", "2027-01-01", "targetDate", "2027-06-30", "fileIds", List.of(id(ids, "files"))));
        s.put("initiative-comments", Map.of("initiativeId", id(ids, "initiatives"), "content", "Battery supplier found"));
        s.put("market-sizes", Map.of("name", "Top-down 2027", "tam", 5_000_000_000L, "sam", 400_000_000,
                "som", 8_000_000, "currency", "USD", "naicsCode", "115112", "keywords", List.of("agtech"),
                "sources", List.of(Map.of("title", "USDA census", "url", "https://example.org/census"))));
        s.put("competitor-attributes", Map.of("name", "Price", "tab", "Product", "position", 1));
        s.put("competitors", Map.of("name", "SkyFarm", "website", "https://skyfarm.example", "attributes",
                Map.of("price", "$$$"), "strengths", "brand", "threats", "funding"));
        s.put("revenue-streams", Map.of("name", "Subscription", "price", 49.5, "frequency", "monthly",
                "quantity", 20, "monthlyGrowthPct", 10, "startMonth", 1));
        s.put("costs", Map.of("name", "Hosting", "amount", 300, "frequency", "monthly", "category", "fixed"));
        s.put("financial-models", Map.of("name", "Base case", "data", Map.of("note", "before pricing change")));
        s.put("milestones", Map.of("title", "Company founded", "date", "2026-02-01", "type", "founding",
                "isMonumental", true, "tags", List.of("legal")));
        s.put("calendar-events", Map.of("title", "Investor call", "startsAt", "2026-12-03T15:00:00Z",
                "endsAt", "2026-12-03T16:00:00Z", "location", "Zoom"));
        return s;
    }

    private static String id(Map<String, String> ids, String path) {
        return ids.getOrDefault(path, "00000000-0000-0000-0000-000000000000");
    }
}
