package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.access.Action;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.ai.AiProvider;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.resource.Catalogue;
import com.adaptivestartup.server.resource.ResourceService;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The AI actions of the workspace's pages, through the installation's own provider (none configured: 503 with how
 * to add one): suggest a canvas section, propose goals with key results, analyze the interviews, size a market,
 * fill a competitor's cells, explain the forecast. Each reads what the page shows, asks the provider, and returns a
 * suggestion; nothing is written until the person accepts it (then it is saved with source "ai").
 */
public final class AiActions {
    private static final int MAX_GOALS = 5;
    private static final int MAX_RESULTS = 5;
    private final Sql sql;
    private final OrgAccess access;
    private final ResourceService records;
    private final Catalogue catalogue;
    private final ForecastService forecasts;
    private final Optional<AiProvider> provider;

    public AiActions(Sql sql, OrgAccess access, ResourceService records, Catalogue catalogue, ForecastService forecasts,
                     Optional<AiProvider> provider) {
        this.sql = sql;
        this.access = access;
        this.records = records;
        this.catalogue = catalogue;
        this.forecasts = forecasts;
        this.provider = provider;
    }

    /** What an action is asked about: the canvas and section, the competitor, the market; absent when not needed. */
    public record Ask(UUID canvasId, String section, UUID competitorId, Integer months, String market) {
        public static final Ask NOTHING = new Ask(null, null, null, null, null);
    }

    public Map<String, Object> run(Principal p, UUID orgId, UUID ventureId, String action, Ask ask) {
        return switch (action) {
            case "canvas-section" -> canvasSection(p, orgId, ventureId, ask);
            case "okrs" -> okrs(p, orgId, ventureId);
            case "interview-analysis" -> interviewAnalysis(p, orgId, ventureId);
            case "market-size" -> marketSize(p, orgId, ventureId, ask);
            case "competitor-cells" -> competitorCells(p, orgId, ventureId, ask);
            case "forecast-explanation" -> forecastExplanation(p, orgId, ventureId, ask);
            default -> throw ApiError.notFound("an AI action called " + action + " (there are canvas-section, okrs,"
                    + " interview-analysis, market-size, competitor-cells and forecast-explanation)");
        };
    }

    private Map<String, Object> canvasSection(Principal p, UUID orgId, UUID ventureId, Ask ask) {
        access.require(p, orgId, "canvas", Action.EDIT);
        if (ask.canvasId() == null || ask.section() == null) {
            throw ApiError.badRequest("say which canvas ('canvasId') and which section ('section')");
        }
        if (!WorkspaceResources.LEAN_SECTIONS.contains(ask.section())
                && !WorkspaceResources.BUSINESS_MODEL_SECTIONS.contains(ask.section())) {
            throw ApiError.badRequest("'" + ask.section() + "' is no section of a canvas");
        }
        Map<String, Object> canvas = records.get(p, orgId, ventureId, catalogue.get("canvases"), ask.canvasId());
        String prompt = venture(orgId, ventureId) + "\nThe canvas \"" + canvas.get("name") + "\" so far:\n"
                + canvas.get("sections") + "\n\nWrite the \"" + ask.section() + "\" section of this canvas in at most 80"
                + " words, concrete to this venture. Answer with the text of the section only.";
        return Map.of("section", ask.section(), "text", ask(prompt).strip());
    }

    private Map<String, Object> okrs(Principal p, UUID orgId, UUID ventureId) {
        access.require(p, orgId, "goals", Action.CREATE);
        List<String> existing = titles(p, orgId, ventureId, "goals", "title");
        String prompt = venture(orgId, ventureId) + "\nGoals it already has: " + existing + "\n\nPropose up to " + MAX_GOALS
                + " new objectives for the next quarter, each with up to " + MAX_RESULTS + " measurable key results."
                + " Answer with JSON only: {\"goals\":[{\"title\":\"...\",\"keyResults\":[{\"description\":\"...\","
                + "\"target\":10,\"unit\":\"customers\"}]}]}";
        JsonNode answer = json(ask(prompt));
        List<Map<String, Object>> goals = new ArrayList<>();
        for (JsonNode g : answer.path("goals")) {
            if (goals.size() == MAX_GOALS || !g.path("title").isTextual()) {
                continue;
            }
            List<Map<String, Object>> results = new ArrayList<>();
            for (JsonNode kr : g.path("keyResults")) {
                if (results.size() < MAX_RESULTS && kr.path("description").isTextual()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("description", cut(kr.get("description").asText(), 500));
                    r.put("target", kr.path("target").isNumber() ? kr.get("target").decimalValue() : null);
                    r.put("unit", kr.path("unit").isTextual() ? cut(kr.get("unit").asText(), 30) : null);
                    results.add(r);
                }
            }
            goals.add(Map.of("title", cut(g.get("title").asText(), 200), "keyResults", results));
        }
        if (goals.isEmpty()) {
            throw unreadable("goals");
        }
        return Map.of("goals", goals);
    }

    private Map<String, Object> interviewAnalysis(Principal p, UUID orgId, UUID ventureId) {
        access.require(p, orgId, "customers", Action.EDIT);
        List<Map<String, Object>> interviews = records.list(p, orgId, ventureId, catalogue.get("interviews"),
                new ResourceService.Query(Map.of(), null, ResourceService.MAX_PAGE)).items();
        if (interviews.isEmpty()) {
            throw ApiError.badRequest("there are no interviews to analyze yet");
        }
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> i : interviews) {
            lines.append("- ").append(i.get("name")).append(": status ").append(i.get("customerStatus")).append(", sentiment ")
                    .append(i.get("sentiment")).append(", willingness to pay ").append(i.get("willingnessToPay"))
                    .append(", segment ").append(i.get("segment")).append(", notes ").append(i.get("customData")).append('\n');
        }
        String prompt = venture(orgId, ventureId) + "\nCustomer interviews:\n" + lines + "\nWhat do these interviews say"
                + " about the problem, who feels it most and what they would pay? Answer in at most 150 words.";
        return Map.of("text", ask(prompt).strip(), "interviews", interviews.size());
    }

    private Map<String, Object> marketSize(Principal p, UUID orgId, UUID ventureId, Ask ask) {
        access.require(p, orgId, "market", Action.CREATE);
        String market = MarketResearch.market(ask.market());
        return MarketResearch.read(json(ask(MarketResearch.prompt(venture(orgId, ventureId), market))), market);
    }

    private Map<String, Object> competitorCells(Principal p, UUID orgId, UUID ventureId, Ask ask) {
        access.require(p, orgId, "competitors", Action.EDIT);
        if (ask.competitorId() == null) {
            throw ApiError.badRequest("say which competitor ('competitorId')");
        }
        Map<String, Object> competitor = records.get(p, orgId, ventureId, catalogue.get("competitors"), ask.competitorId());
        List<String> attributes = titles(p, orgId, ventureId, "competitor-attributes", "name");
        if (attributes.isEmpty()) {
            throw ApiError.badRequest("there are no attributes to compare competitors on yet");
        }
        String prompt = venture(orgId, ventureId) + "\nCompetitor: " + competitor.get("name") + " (" + competitor.get("website")
                + ").\nFor each of these attributes give a short value (at most 12 words) for this competitor: "
                + attributes + ". Answer with JSON only: an object from attribute name to value.";
        JsonNode answer = json(ask(prompt));
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : attributes) {
            if (answer.path(attribute).isValueNode()) {
                values.put(attribute, cut(answer.get(attribute).asText(), 200));
            }
        }
        if (values.isEmpty()) {
            throw unreadable("values for the attributes");
        }
        return Map.of("values", values);
    }

    private Map<String, Object> forecastExplanation(Principal p, UUID orgId, UUID ventureId, Ask ask) {
        access.require(p, orgId, "financials", Action.VIEW);
        Forecast.Result f = forecasts.forecast(p, orgId, ventureId, ask.months());
        String prompt = venture(orgId, ventureId) + "\nIts forecast, month by month (revenue, costs, result, cumulative): "
                + Json.write(f.months()) + "\nBreak-even month: " + f.breakEvenMonth() + "\nExplain this scenario to the"
                + " founder in at most 120 words: what drives it, when money runs short, what to watch.";
        return Map.of("text", ask(prompt).strip());
    }

    private String venture(UUID orgId, UUID ventureId) {
        return sql.one("SELECT name, hypothesis, industry, stage FROM ventures WHERE org_id = ? AND id = ? AND deleted_at IS NULL",
                r -> "You advise the founder of the venture \"" + r.getString(1) + "\" (industry " + r.getString(3)
                        + ", stage " + r.getString(4) + "). Its hypothesis: " + r.getString(2), orgId, ventureId)
                .orElseThrow(() -> ApiError.notFound("the venture"));
    }

    private List<String> titles(Principal p, UUID orgId, UUID ventureId, String path, String field) {
        return records.list(p, orgId, ventureId, catalogue.get(path), new ResourceService.Query(Map.of(), null,
                ResourceService.MAX_PAGE)).items().stream().map(r -> String.valueOf(r.get(field))).toList();
    }

    String ask(String prompt) {
        AiProvider ai = provider.orElseThrow(() -> new ApiError(503, "ai_not_configured",
                "no AI provider is configured for this installation; the admin can add a Gemini API key or an"
                        + " Ollama URL in the console's settings"));
        return ai.generate(prompt);
    }

    /** The first JSON object in the answer (models wrap it in prose or code fences). */
    static JsonNode json(String answer) {
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end <= start) {
            throw unreadable("JSON");
        }
        try {
            return Json.MAPPER.readTree(answer.substring(start, end + 1));
        } catch (java.io.IOException e) {
            throw unreadable("JSON");
        }
    }

    static ApiError unreadable(String what) {
        return new ApiError(502, "ai_unreadable", "the AI provider's answer could not be read as " + what + "; try again");
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
