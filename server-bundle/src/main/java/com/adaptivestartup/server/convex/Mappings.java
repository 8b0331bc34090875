package com.adaptivestartup.server.convex;

import com.adaptivestartup.server.workspace.WorkspaceResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where each table of the cloud app goes in the founder's workspace, field by field, in the order references need
 * (a key result after its goal). Read from the cloud app's schema ({@code ../shared/research/original-app.md}); a
 * field not named here is not carried and stays in the archive with its document. The cloud app's labels are
 * turned into our choices by spelling ("In Progress" is {@code in_progress}); the few that differ by more are renamed
 * here. A value our API would refuse is left out (and counted), never the record for it.
 */
final class Mappings {
    /** One cloud table into one of our resources; {@code parent} names the reference that gives the venture when the
     * document has no {@code projectId} (a comment belongs to its initiative's venture). */
    record Mapping(String table, String resource, Parent parent, Consumer<Body> build) {
        Mapping(String table, String resource, Consumer<Body> build) {
            this(table, resource, null, build);
        }
    }

    /** The reference that places a document without a projectId: its field and the resource it points into. */
    record Parent(String field, String resource) {
    }

    private static final Map<String, String> PRIORITY = Map.of("critical", "urgent", "highest", "urgent", "p0", "urgent",
            "p1", "high", "p2", "medium", "p3", "low", "normal", "medium");
    private static final Map<String, String> LAYER = Map.of("database", "data", "db", "data", "infra", "infrastructure",
            "devops", "infrastructure", "ui", "design", "ux", "design", "api", "backend", "client", "frontend");
    private static final Map<String, String> QUADRANT = Map.of("q1", "do", "q2", "schedule", "q3", "delegate",
            "q4", "eliminate", "urgent_important", "do", "not_urgent_important", "schedule",
            "urgent_not_important", "delegate", "not_urgent_not_important", "eliminate");
    private static final Map<String, String> WORK = Map.of("todo", "not_started", "to_do", "not_started",
            "pending", "not_started", "active", "in_progress", "done", "completed", "complete", "completed",
            "canceled", "cancelled");
    private static final Map<String, String> FEATURE = Map.of("todo", "backlog", "to_do", "backlog",
            "in_review", "review", "completed", "done", "complete", "done");
    private static final Map<String, String> INITIATIVE = Map.of("in_progress", "active", "not_started", "planned",
            "completed", "done", "complete", "done", "on_hold", "blocked");
    private static final Map<String, String> FREQUENCY = Map.of("annual", "yearly", "annually", "yearly",
            "year", "yearly", "month", "monthly", "one_off", "one_time", "once", "one_time", "onetime", "one_time",
            "week", "weekly", "quarter", "quarterly");
    private static final Map<String, String> TIMEFRAME = Map.of("month", "monthly", "quarter", "quarterly",
            "year", "annual", "yearly", "annual", "annually", "annual");
    private static final Map<String, String> HEALTH = Map.of("green", "on_track", "yellow", "at_risk", "amber", "at_risk",
            "red", "off_track", "behind", "off_track");

    private Mappings() {
    }

    /** The workspace's tables, in the order their references need. Files are the importer's own step. */
    static final List<Mapping> WORKSPACE = List.of(
            new Mapping("canvases", "canvases", b -> b.firstText("name", "name").put("kind", "lean")
                    .sections("sections", WorkspaceResources.LEAN_SECTIONS)),
            new Mapping("canvas_versions", "canvas-versions", b -> b.firstText("name", "name").first("canvasId", "canvases")
                    .json("sections", leanSections(ConvexValues.json(b.get("data"))))),
            new Mapping("business_plans", "documents", b -> b.firstText("title", "name").put("type", "business_plan")
                    .json("content", richText(b.get("content")))),
            new Mapping("documents", "documents", b -> b.firstText("title", "title", "name").choice("type", "type")
                    .json("content", richText(b.get("content"))).ref("folderId", "folderId", "folders")
                    .tags("tags", "tags").flag("isLocked", "isLocked")),
            new Mapping("interviews", "interviews", b -> b.put("name", interviewName(b))
                    .choice("customerStatus", "customerStatus").choice("willingnessToPay", "willingnessToPay")
                    .choice("sentiment", "sentiment").text("segment", "segment").tags("tags", "tags")
                    .json("customData", "customData").text("aiAnalysis", "aiAnalysis")
                    .date("lastContactAt", "lastContactAt").date("nextFollowUpAt", "nextFollowUpAt")),
            new Mapping("video_interviews", "video-interviews", b -> b.firstText("name", "name").text("email", "email")
                    .ref("interviewId", "linkedInterviewId", "interviews")
                    .file("waiverFileId", "waiverFileId", "Waiver - " + ConvexValues.text(b.doc.get("name")))
                    .file("videoFileId", "videoFileId", "Interview video - " + ConvexValues.text(b.doc.get("name")))),
            new Mapping("goals", "goals", b -> b.firstText("title", "title").text("description", "description")
                    .choice("type", "type").choice("timeframe", "timeframe", TIMEFRAME).integer("quarter", "quarter")
                    .integer("year", "year").choice("status", "status", WORK).choice("health", "health", HEALTH)
                    .date("targetDate", "targetDate").flag("archived", "archived")
                    .refs("linkedCustomerIds", "linkedCustomerIds", "interviews")),
            new Mapping("key_results", "key-results", b -> b.ref("goalId", "goalId", "goals")
                    .firstText("description", "description", "title").number("target", "target")
                    .number("current", "current").text("unit", "unit").choice("status", "status", WORK)),
            new Mapping("features", "features", b -> b.firstText("title", "title").text("description", "description")
                    .choice("status", "status", FEATURE).choice("priority", "priority", PRIORITY)
                    .choice("stackLayer", "stackLayer", LAYER).choice("eisenhowerQuadrant", "eisenhowerQuadrant", QUADRANT)
                    .members("assignedTo", "assignedTo").tags("tags", "tags").ref("goalId", "connectedGoalId", "goals")),
            new Mapping("divisions", "divisions", b -> b.firstText("name", "name").text("description", "description")
                    .members("leads", "leadId").put("color", colour(ConvexValues.text(b.get("color"))))),
            new Mapping("initiatives", "initiatives", b -> b.ref("divisionId", "divisionId", "divisions")
                    .firstText("title", "title").text("description", "description")
                    .choice("status", "status", INITIATIVE).choice("priority", "priority", PRIORITY)
                    .members("assignedTo", "assignedIds").date("startDate", "startDate").date("targetDate", "targetDate")),
            new Mapping("initiative_comments", "initiative-comments", new Parent("initiativeId", "initiatives"),
                    b -> b.ref("initiativeId", "initiativeId", "initiatives").firstText("content", "content")),
            new Mapping("market_data", "market-sizes", b -> b.put("name", marketName(b)).number("tam", "tam")
                    .number("sam", "sam").number("som", "som").text("reportContent", "reportContent")
                    .tags("keywords", "keywords").put("naicsCode", naics(ConvexValues.text(b.get("naicsCode"))))
                    .choice("status", "status").json("sources", "sources")),
            new Mapping("bottom_up_data", "market-sizes", b -> b.put("name", "Bottom-up " + marketName(b).toLowerCase(
                            java.util.Locale.ROOT)).number("tam", "tam").number("sam", "sam").number("som", "som")
                    .text("reportContent", "reportContent").tags("keywords", "keywords")
                    .put("naicsCode", naics(ConvexValues.text(b.get("naicsCode")))).choice("status", "status")
                    .json("sources", "sources")),
            new Mapping("competitors", "competitors", b -> b.firstText("name", "name").text("tab", "tabId")
                    .json("attributes", "attributesData").tags("tags", "tags")),
            new Mapping("revenue_streams", "revenue-streams", b -> b.firstText("name", "name").number("price", "price")
                    .choice("frequency", "frequency", FREQUENCY).number("quantity", "quantity")),
            new Mapping("costs", "costs", b -> b.firstText("name", "name").number("amount", "amount")
                    .choice("frequency", "frequency", FREQUENCY).choice("category", "category")),
            new Mapping("revenue_versions", "financial-models", b -> b.firstText("name", "name").json("data", "data")),
            new Mapping("calendar_events", "calendar-events", b -> b.firstText("title", "title")
                    .instant("startsAt", "start").instant("endsAt", "end").flag("allDay", "allDay")
                    .firstText("location", "meetingUrl", "locationType").text("description", "description")));

    /** The cloud app's pages (its router's keys) and the workspace page each belongs to here. */
    static final Map<String, String> PAGES = Map.ofEntries(Map.entry("startup_overview", "overview"),
            Map.entry("canvas", "canvas"),
            Map.entry("canvas_landing", "canvas"), Map.entry("learn_bmc", "canvas"), Map.entry("goals", "goals"),
            Map.entry("engineering", "roadmap"), Map.entry("eisenhower", "roadmap"), Map.entry("initiatives", "roadmap"),
            Map.entry("customers", "customers"), Map.entry("market", "market"), Map.entry("market_research", "market"),
            Map.entry("bottom_up_sizing", "market"), Map.entry("competitive_matrix", "competitors"),
            Map.entry("revenue", "financials"), Map.entry("expenses", "financials"), Map.entry("forecasting", "financials"),
            Map.entry("report", "documents"), Map.entry("business_plan", "documents"),
            Map.entry("business_plan_builder", "documents"), Map.entry("wiki", "documents"), Map.entry("files", "files"),
            Map.entry("journey", "journey"), Map.entry("calendar", "calendar"));

    /** An attribute of the competitor matrix (the cloud app keeps them in one config document per venture). */
    static void competitorAttribute(Body b) {
        b.firstText("name", "name").text("tab", "tab").integer("position", "position");
    }

    /** A milestone of a project (the cloud app keeps them inside the project document). */
    static void milestone(Body b) {
        b.firstText("title", "title").date("date", "date").choice("type", "type").text("description", "description")
                .flag("isMonumental", "isMonumental").tags("tags", "tags");
    }

    /** The cloud app's own names of the lean canvas's sections are ours. */
    private static JsonNode leanSections(JsonNode data) {
        ObjectNode sections = JsonNodeFactory.instance.objectNode();
        if (data != null && data.isObject()) {
            for (String name : WorkspaceResources.LEAN_SECTIONS) {
                String s = ConvexValues.text(data.get(name));
                if (s != null) {
                    sections.put(name, s);
                }
            }
        }
        return sections;
    }

    /** The editor's JSON, or plain text (older documents) as one paragraph each line. */
    private static JsonNode richText(JsonNode content) {
        JsonNode json = ConvexValues.json(content);
        if (json != null) {
            return json;
        }
        String text = ConvexValues.text(content);
        if (text == null) {
            return null;
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode().put("type", "doc");
        var paragraphs = doc.putArray("content");
        for (String line : text.split("\n", -1)) {
            ObjectNode p = paragraphs.addObject().put("type", "paragraph");
            if (!line.isEmpty()) {
                p.putArray("content").addObject().put("type", "text").put("text", line);
            }
        }
        return doc;
    }

    /** An interview has no name field in the cloud app: the person's name from its custom data, else its date. */
    private static String interviewName(Body b) {
        JsonNode data = ConvexValues.json(b.doc.get("customData"));
        if (data != null && data.isObject()) {
            for (var it = data.fields(); it.hasNext(); ) {
                var e = it.next();
                String s = ConvexValues.text(e.getValue());
                if (e.getKey().toLowerCase(java.util.Locale.ROOT).contains("name") && s != null && !s.isBlank()) {
                    return s.strip();
                }
            }
        }
        String when = ConvexValues.date(b.doc.get("_creationTime"));
        return "Interview" + (when == null ? "" : " of " + when);
    }

    private static String marketName(Body b) {
        String keywords = b.doc.has("keywords") && b.doc.get("keywords").isArray() && !b.doc.get("keywords").isEmpty()
                ? ConvexValues.text(b.doc.get("keywords").get(0)) : null;
        return keywords == null || keywords.isBlank() ? "Market size" : "Market size: " + keywords;
    }

    private static String colour(String s) {
        return s != null && s.strip().matches("#[0-9a-fA-F]{6}") ? s.strip() : null;
    }

    private static String naics(String s) {
        return s != null && s.strip().matches("[0-9]{2,6}") ? s.strip() : null;
    }

    /**
     * Values the database would refuse together (a serviceable market above the total, an end before its start):
     * the second one is left out, as the API would refuse the pair.
     */
    static void settle(String resource, ObjectNode fields, java.util.Map<String, String> dropped) {
        switch (resource) {
            case "market-sizes" -> {
                if (greater(fields, "sam", "tam")) {
                    fields.remove("sam");
                    dropped.put("sam", "the serviceable market (SAM) was larger than the total (TAM)");
                }
                if (greater(fields, "som", "sam")) {
                    fields.remove("som");
                    dropped.put("som", "the obtainable market (SOM) was larger than the serviceable (SAM)");
                }
            }
            case "calendar-events" -> {
                if (fields.has("endsAt") && fields.has("startsAt") && java.time.Instant.parse(fields.get("endsAt").asText())
                        .isBefore(java.time.Instant.parse(fields.get("startsAt").asText()))) {
                    fields.remove("endsAt");
                    dropped.put("endsAt", "the event ended before it started");
                }
            }
            case "initiatives" -> {
                if (fields.has("targetDate") && fields.has("startDate")
                        && fields.get("targetDate").asText().compareTo(fields.get("startDate").asText()) < 0) {
                    fields.remove("targetDate");
                    dropped.put("targetDate", "the target date was before the start date");
                }
            }
            default -> {
            }
        }
    }

    private static boolean greater(ObjectNode fields, String a, String b) {
        if (!fields.has(a) || !fields.has(b)) {
            return false;
        }
        BigDecimal x = fields.get(a).decimalValue();
        BigDecimal y = fields.get(b).decimalValue();
        return x.compareTo(y) > 0;
    }
}
