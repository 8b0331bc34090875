package com.adaptivestartup.server.workspace;

import static com.adaptivestartup.server.resource.Field.choice;
import static com.adaptivestartup.server.resource.Field.date;
import static com.adaptivestartup.server.resource.Field.derived;
import static com.adaptivestartup.server.resource.Field.file;
import static com.adaptivestartup.server.resource.Field.files;
import static com.adaptivestartup.server.resource.Field.flag;
import static com.adaptivestartup.server.resource.Field.instant;
import static com.adaptivestartup.server.resource.Field.integer;
import static com.adaptivestartup.server.resource.Field.json;
import static com.adaptivestartup.server.resource.Field.members;
import static com.adaptivestartup.server.resource.Field.number;
import static com.adaptivestartup.server.resource.Field.ref;
import static com.adaptivestartup.server.resource.Field.refs;
import static com.adaptivestartup.server.resource.Field.sections;
import static com.adaptivestartup.server.resource.Field.tags;
import static com.adaptivestartup.server.resource.Field.text;

import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.resource.Resource;
import java.util.List;

/**
 * The founder's workspace (wave 1 of the cloud app's tables), declared: each kind of record with its fields and
 * limits. The tables are in {@code V7__workspace.sql}; everything else is the resource layer's.
 */
public final class WorkspaceResources {
    private static final double MONEY = 1e13;
    private static final int SHORT = 200;
    private static final int LONG = 8_000;
    /** The sections of both canvas kinds (lean canvas, business model canvas), as the cloud app names them. */
    public static final List<String> LEAN_SECTIONS = List.of("problem", "solution", "keyMetrics",
            "uniqueValueProposition", "unfairAdvantage", "channels", "customerSegments", "costStructure", "revenueStreams");
    public static final List<String> BUSINESS_MODEL_SECTIONS = List.of("keyPartners", "keyActivities", "keyResources",
            "valuePropositions", "customerRelationships", "channels", "customerSegments", "costStructure", "revenueStreams");
    private static final String[] ALL_SECTIONS = java.util.stream.Stream.concat(LEAN_SECTIONS.stream(),
            BUSINESS_MODEL_SECTIONS.stream()).distinct().toArray(String[]::new);
    private static final String[] WORK_STATUS = {"not_started", "in_progress", "completed", "cancelled"};
    private static final String[] PRIORITY = {"low", "medium", "high", "urgent"};

    private WorkspaceResources() {
    }

    public static List<Resource> all() {
        return List.of(
                Resource.of("folders", "folder", "files",
                        text("name", SHORT).required(), ref("parentId", "folders"), tags("tags"))
                        .refusing("folders_not_own_parent", "a folder cannot be inside itself"),
                Resource.of("documents", "document", "documents",
                        text("title", SHORT).required(), choice("type", "white_paper", "business_plan", "wiki", "doc"),
                        json("content", 200), ref("folderId", "folders"), tags("tags"), flag("isLocked")),
                Resource.of("document-versions", "document version", "documents",
                        ref("documentId", "documents").required(), text("name", SHORT).required(), json("content", 200)),
                Resource.of("canvases", "canvas", "canvas",
                        text("name", SHORT).required(), choice("kind", "lean", "business_model"),
                        sections("sections", 4_000, ALL_SECTIONS)),
                Resource.of("canvas-versions", "canvas version", "canvas",
                        ref("canvasId", "canvases").required(), text("name", SHORT).required(),
                        sections("sections", 4_000, ALL_SECTIONS)),
                Resource.of("interviews", "interview", "customers",
                        text("name", SHORT).required(),
                        choice("customerStatus", "lead", "contacted", "interviewed", "pilot", "customer", "churned"),
                        choice("willingnessToPay", "none", "low", "medium", "high"),
                        choice("sentiment", "positive", "neutral", "negative"),
                        text("segment", 100), tags("tags"), json("customData", 64), text("aiAnalysis", LONG),
                        date("lastContactAt"), date("nextFollowUpAt")),
                Resource.of("video-interviews", "video interview", "customers",
                        text("name", SHORT).required(), text("email", 254), ref("interviewId", "interviews"),
                        file("waiverFileId"), file("videoFileId")),
                Resource.of("goals", "goal", "goals",
                        text("title", SHORT).required(), text("description", LONG),
                        choice("type", "committed", "aspirational", "learning"),
                        choice("timeframe", "monthly", "quarterly", "annual"),
                        integer("quarter", 1, 4), integer("year", 2000, 2100), choice("status", WORK_STATUS),
                        choice("health", "on_track", "at_risk", "off_track"), date("targetDate"), flag("archived"),
                        refs("linkedCustomerIds", "interviews")),
                Resource.of("key-results", "key result", "goals",
                        ref("goalId", "goals").required(), text("description", 500).required(),
                        number("target", -MONEY, MONEY), number("current", -MONEY, MONEY), text("unit", 30),
                        choice("status", WORK_STATUS), derived("progress")),
                Resource.of("features", "feature", "roadmap",
                        text("title", SHORT).required(), text("description", LONG),
                        choice("status", "backlog", "planned", "in_progress", "review", "done"), choice("priority", PRIORITY),
                        choice("stackLayer", "frontend", "backend", "data", "infrastructure", "design", "other"),
                        choice("eisenhowerQuadrant", "do", "schedule", "delegate", "eliminate"),
                        members("assignedTo"), tags("tags"), ref("goalId", "goals")),
                Resource.of("divisions", "division", "roadmap",
                        text("name", SHORT).required(), text("description", LONG), members("leads"), text("color", 7))
                        .refusing("divisions_color", "'color' must be a colour like #3366cc"),
                Resource.of("initiatives", "initiative", "roadmap",
                        ref("divisionId", "divisions").required(), text("title", SHORT).required(),
                        text("description", LONG), choice("status", "planned", "active", "blocked", "done"),
                        choice("priority", PRIORITY), members("assignedTo"), date("startDate"), date("targetDate"),
                        files("fileIds"))
                        .refusing("initiatives_dates", "'targetDate' cannot be before 'startDate'"),
                Resource.of("initiative-comments", "comment", "roadmap",
                        ref("initiativeId", "initiatives").required(), text("content", 4_000).required()),
                Resource.of("market-sizes", "market size", "market",
                        text("name", SHORT).required(), number("tam", 0, MONEY), number("sam", 0, MONEY),
                        number("som", 0, MONEY), text("currency", 3), text("reportContent", 50_000),
                        json("sources", 32), tags("keywords"), text("naicsCode", 6),
                        choice("status", "draft", "analyzing", "completed", "failed"))
                        .refusing("market_sizes_naics", "'naicsCode' must be 2 to 6 digits, like 541511")
                        .refusing("market_sizes_nested", "the serviceable market (SAM) cannot be larger than the total"
                                + " (TAM), nor the obtainable (SOM) larger than the serviceable"),
                Resource.of("competitor-attributes", "competitor attribute", "competitors",
                        text("name", 100).required(), text("tab", 60), integer("position", 0, 10_000)),
                Resource.of("competitors", "competitor", "competitors",
                        text("name", SHORT).required(), text("tab", 60), text("website", 500), json("attributes", 32),
                        text("strengths", 4_000), text("weaknesses", 4_000), text("opportunities", 4_000),
                        text("threats", 4_000), tags("tags")),
                Resource.of("revenue-streams", "revenue stream", "financials",
                        text("name", SHORT).required(), number("price", 0, MONEY).required(),
                        choice("frequency", Forecast.FREQUENCIES).required(), number("quantity", 0, MONEY),
                        number("monthlyGrowthPct", -100, 1_000), integer("startMonth", 1, Forecast.MAX_MONTHS)),
                Resource.of("costs", "cost", "financials",
                        text("name", SHORT).required(), number("amount", 0, MONEY).required(),
                        choice("frequency", Forecast.FREQUENCIES).required(), choice("category", "fixed", "variable"),
                        number("monthlyGrowthPct", -100, 1_000), integer("startMonth", 1, Forecast.MAX_MONTHS)),
                Resource.of("financial-models", "financial model", "financials",
                        text("name", SHORT).required(), json("data", 256)),
                Resource.of("milestones", "milestone", "journey",
                        text("title", SHORT).required(), date("date").required(),
                        choice("type", "founding", "product", "customer", "funding", "team", "launch", "other"),
                        text("description", LONG), flag("isMonumental"), tags("tags")),
                Resource.of("calendar-events", "event", "calendar",
                        text("title", SHORT).required(), instant("startsAt").required(), instant("endsAt"),
                        flag("allDay"), text("location", SHORT), text("description", LONG))
                        .refusing("calendar_events_order", "an event cannot end before it starts"));
    }

    /**
     * The pages custom roles allow, in the app's order (its tabs): the overview (ventures, their profile and metrics)
     * and the page of each resource.
     */
    private static final List<String> PAGES = List.of(OrgAccess.OVERVIEW, "canvas", "goals", "roadmap", "customers",
            "market", "competitors", "financials", "documents", "files", "journey", "calendar");

    public static List<String> pages() {
        List<String> declared = all().stream().map(Resource::page).distinct().toList();
        List<String> ofResources = PAGES.subList(1, PAGES.size());
        if (!ofResources.containsAll(declared) || !declared.containsAll(ofResources)) {
            throw new IllegalStateException("the pages " + PAGES + " and the resources' pages " + declared + " differ");
        }
        return PAGES;
    }
}
