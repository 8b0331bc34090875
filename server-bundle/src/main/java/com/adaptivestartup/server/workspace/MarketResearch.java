package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.http.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The AI's sizing of a market: what it is asked (the venture and the market in the founder's words) and how its
 * answer is read into a market size the founder can accept as it is (the fields of {@code market-sizes}): the
 * three figures nested as the table requires, the report, up to ten sources, keywords and a NAICS code; what does
 * not fit is left out rather than saved wrong, and figures that contradict each other are no answer at all.
 */
final class MarketResearch {
    private static final int MAX_SOURCES = 10;
    private static final int MAX_KEYWORDS = 12;
    private static final BigDecimal MAX_FIGURE = new BigDecimal("1e13");
    private static final Pattern NAICS = Pattern.compile("\\d{2,6}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private MarketResearch() {
    }

    /** The market asked about, in the founder's words (required, one line of at most 200 characters). */
    static String market(String asked) {
        if (asked == null || asked.isBlank()) {
            throw ApiError.badRequest("say which market to size ('market'), for example \"village shops in Kenya\"");
        }
        String market = asked.strip().replaceAll("\\s+", " ");
        if (market.length() > 200) {
            throw ApiError.badRequest("'market' may be at most 200 characters");
        }
        return market;
    }

    static String prompt(String venture, String market) {
        return venture + "\nSize this market for it: \"" + market + "\". Estimate the total addressable market (TAM),"
                + " the serviceable addressable market (SAM, a part of the TAM) and the serviceable obtainable market"
                + " (SOM, a part of the SAM) as yearly revenue, and explain how you reached each figure in at most 250"
                + " words. Answer with JSON only: {\"tam\":1000000,\"sam\":200000,\"som\":10000,\"currency\":\"USD\","
                + "\"report\":\"...\",\"sources\":[{\"title\":\"...\",\"url\":\"https://...\"}],\"keywords\":[\"...\"],"
                + "\"naicsCode\":\"541511\"}";
    }

    /** The suggestion, as the fields of a new market size (status completed); a 502 when the figures are unusable. */
    static Map<String, Object> read(JsonNode answer, String market) {
        BigDecimal tam = figure(answer.path("tam"));
        BigDecimal sam = figure(answer.path("sam"));
        BigDecimal som = figure(answer.path("som"));
        if (tam == null || sam == null || som == null) {
            throw AiActions.unreadable("three market figures (TAM, SAM, SOM)");
        }
        if (sam.compareTo(tam) > 0 || som.compareTo(sam) > 0) {
            throw new ApiError(502, "ai_unreadable", "the AI provider's figures do not nest (the serviceable market must"
                    + " be part of the total, the obtainable part of the serviceable); try again");
        }
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("name", AiActions.cut(market, 200));
        size.put("tam", tam);
        size.put("sam", sam);
        size.put("som", som);
        String currency = answer.path("currency").asText("").strip().toUpperCase(java.util.Locale.ROOT);
        size.put("currency", CURRENCY.matcher(currency).matches() ? currency : "USD");
        size.put("reportContent", AiActions.cut(answer.path("report").asText("").strip(), 50_000));
        size.put("sources", sources(answer.path("sources")));
        size.put("keywords", keywords(answer.path("keywords")));
        String naics = answer.path("naicsCode").asText("").strip();
        size.put("naicsCode", NAICS.matcher(naics).matches() ? naics : null);
        size.put("status", "completed");
        return size;
    }

    /** A figure from zero to ten trillion (what the table takes), from a number or a number written as text ("1,200,000"). */
    private static BigDecimal figure(JsonNode value) {
        BigDecimal n;
        if (value.isNumber()) {
            n = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                n = new BigDecimal(value.textValue().replaceAll("[,_\\s]", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return n.signum() < 0 || n.compareTo(MAX_FIGURE) > 0 ? null : n.setScale(0, java.math.RoundingMode.HALF_UP);
    }

    private static List<Map<String, String>> sources(JsonNode list) {
        List<Map<String, String>> sources = new ArrayList<>();
        for (JsonNode s : list) {
            String title = s.path("title").asText("").strip();
            String url = s.path("url").asText("").strip();
            if (sources.size() < MAX_SOURCES && !title.isEmpty()) {
                sources.add(Map.of("title", AiActions.cut(title, 300),
                        "url", url.startsWith("https://") || url.startsWith("http://") ? AiActions.cut(url, 1000) : ""));
            }
        }
        return sources;
    }

    private static List<String> keywords(JsonNode list) {
        List<String> keywords = new ArrayList<>();
        for (JsonNode k : list) {
            String word = k.asText("").strip();
            if (keywords.size() < MAX_KEYWORDS && !word.isEmpty() && !keywords.contains(word)) {
                keywords.add(AiActions.cut(word, 40));
            }
        }
        return keywords;
    }
}
