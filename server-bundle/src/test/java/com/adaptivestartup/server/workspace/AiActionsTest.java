package com.adaptivestartup.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workspace's AI actions against a local server speaking Ollama's {@code /api/generate}: what each sends (the
 * page's own data) and how each reads the answer (JSON wrapped in prose, too many goals, nonsense).
 */
class AiActionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static HttpServer ollama;
    static final List<String> prompts = new CopyOnWriteArrayList<>();
    static volatile String nextAnswer;
    static TestStack stack;
    static Api founder;
    static String v;

    @BeforeAll
    static void start() throws Exception {
        ollama = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ollama.createContext("/api/generate", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            prompts.add(request.get("prompt").asText());
            byte[] reply = JSON.writeValueAsBytes(Map.of("response", nextAnswer, "done", true));
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        ollama.start();
        stack = new TestStack(Release.of("1.2.0"), new ServerConfig.Ai(null, null, "http://127.0.0.1:"
                + ollama.getAddress().getPort(), "tiny"), 1024 * 1024);
        founder = stack.founder();
        String org = stack.adminOrgId.toString();
        String venture = founder.post("/api/orgs/" + org + "/ventures", Api.json(Map.of("name", "Solar Kiosk",
                "hypothesis", "Shops rent charging by the hour", "industry", "Energy"))).json().get("id").asText();
        v = "/api/orgs/" + org + "/ventures/" + venture + "/";
    }

    @AfterAll
    static void stop() {
        stack.close();
        ollama.stop(0);
    }

    /** The founder of a second organization on the same server (a signed-up account with an organization of its own). */
    private static Api outsider() {
        Api other = stack.invite(founder, stack.adminOrgId.toString(), "member", "ai-outsider@example.com");
        Api.Response org = other.post("/api/orgs", "{\"name\":\"Other Co\"}");
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        String me = other.get("/api/auth/me").json().get("id").asText();
        assertThat(founder.delete("/api/orgs/" + stack.adminOrgId + "/members/" + me).status()).isEqualTo(204);
        return other;
    }

    private static Api.Response ask(String action, Object body) {
        return founder.post(v + "ai/" + action, body == null ? "" : Api.json(body));
    }

    private static String lastPrompt() {
        return prompts.get(prompts.size() - 1);
    }

    @Test
    void aCanvasSectionIsSuggestedFromTheVentureAndTheRestOfItsCanvas() {
        JsonNode canvas = founder.get(v + "canvases").json().get("items").get(0);
        founder.patch(v + "canvases/" + canvas.get("id").asText(), Api.json(Map.of("sections", Map.of("problem", "Phones die"))));
        nextAnswer = "  Village shop owners and their customers.\n";
        Api.Response r = ask("canvas-section", Map.of("canvasId", canvas.get("id").asText(), "section", "customerSegments"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("text").asText()).isEqualTo("Village shop owners and their customers.");
        assertThat(lastPrompt()).contains("Solar Kiosk").contains("Shops rent charging by the hour").contains("Phones die")
                .contains("\"customerSegments\" section");
        assertThat(ask("canvas-section", Map.of("canvasId", canvas.get("id").asText(), "section", "mood")).message())
                .isEqualTo("'mood' is no section of a canvas");
    }

    @Test
    void proposedGoalsAreReadFromJsonInProseCappedAndNotSaved() {
        founder.post(v + "goals", "{\"title\":\"Ten kiosks\"}");
        StringBuilder goals = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            goals.append(i > 1 ? "," : "").append("{\"title\":\"Goal ").append(i)
                    .append("\",\"keyResults\":[{\"description\":\"Kiosks live\",\"target\":20,\"unit\":\"kiosks\"},{\"oops\":1}]}");
        }
        nextAnswer = "Here you go:\n```json\n{\"goals\":[" + goals + "]}\n```";
        Api.Response r = ask("okrs", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("goals")).hasSize(5);
        assertThat(r.json().at("/goals/0/keyResults")).hasSize(1);
        assertThat(r.json().at("/goals/0/keyResults/0/target").asInt()).isEqualTo(20);
        assertThat(lastPrompt()).contains("Ten kiosks");
        assertThat(founder.get(v + "goals").json().get("items")).as("a suggestion until accepted").hasSize(1);

        nextAnswer = "I cannot help with that.";
        Api.Response nonsense = ask("okrs", null);
        assertThat(nonsense.status()).isEqualTo(502);
        assertThat(nonsense.message()).isEqualTo("the AI provider's answer could not be read as JSON; try again");
    }

    @Test
    void aMarketIsSizedIntoAMarketSizeTheFounderCanAcceptAsItIs() {
        nextAnswer = "Sure. {\"tam\":\"12,000,000\",\"sam\":3000000,\"som\":150000.4,\"currency\":\"kes\","
                + "\"report\":\"40,000 village shops...\",\"sources\":[{\"title\":\"Census 2019\",\"url\":\"https://knbs.example\"},"
                + "{\"title\":\"A rumour\",\"url\":\"javascript:alert(1)\"},{\"url\":\"https://no-title.example\"}],"
                + "\"keywords\":[\"solar\",\"solar\",\"kiosk\"],\"naicsCode\":\"221114\"} Good luck!";
        Api.Response r = ask("market-size", Map.of("market", "  Village shops\nin Kenya "));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode size = r.json();
        assertThat(size.get("name").asText()).isEqualTo("Village shops in Kenya");
        assertThat(size.get("tam").asLong()).isEqualTo(12_000_000);
        assertThat(size.get("som").asLong()).isEqualTo(150_000);
        assertThat(size.get("currency").asText()).isEqualTo("KES");
        assertThat(size.get("sources")).hasSize(2);
        assertThat(size.at("/sources/1/url").asText()).as("only web addresses are kept").isEmpty();
        assertThat(size.get("keywords")).hasSize(2);
        assertThat(size.get("naicsCode").asText()).isEqualTo("221114");
        assertThat(lastPrompt()).contains("Solar Kiosk").contains("\"Village shops in Kenya\"");
        assertThat(founder.get(v + "market-sizes").json().get("items")).as("a suggestion until accepted").isEmpty();

        ((com.fasterxml.jackson.databind.node.ObjectNode) size).put("source", "ai");
        Api.Response accepted = founder.post(v + "market-sizes", size.toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.json().get("source").asText()).isEqualTo("ai");
        assertThat(accepted.json().get("status").asText()).isEqualTo("completed");

        nextAnswer = "{\"tam\":100,\"sam\":500,\"som\":1}";
        Api.Response contradicting = ask("market-size", Map.of("market", "Shops"));
        assertThat(contradicting.status()).isEqualTo(502);
        assertThat(contradicting.message()).startsWith("the AI provider's figures do not nest");
        nextAnswer = "{\"tam\":\"a lot\",\"sam\":5,\"som\":1}";
        assertThat(ask("market-size", Map.of("market", "Shops")).message())
                .isEqualTo("the AI provider's answer could not be read as three market figures (TAM, SAM, SOM); try again");
        int asked = prompts.size();
        assertThat(ask("market-size", null).message()).startsWith("say which market to size ('market')");
        assertThat(ask("market-size", Map.of("market", "x".repeat(201))).message()).isEqualTo("'market' may be at most 200 characters");
        assertThat(prompts).as("a bad question never reaches the provider").hasSize(asked);
    }

    @Test
    void interviewsAreAnalyzedCompetitorCellsFilledAndTheForecastExplained() {
        founder.post(v + "interviews", Api.json(Map.of("name", "Amina", "sentiment", "positive",
                "customData", Map.of("notes", "pays 50 cents a charge"))));
        nextAnswer = "Shop owners feel it most.";
        Api.Response analysis = ask("interview-analysis", null);
        assertThat(analysis.json().get("interviews").asInt()).isEqualTo(1);
        assertThat(lastPrompt()).contains("Amina").contains("pays 50 cents a charge");

        founder.post(v + "competitor-attributes", "{\"name\":\"Price\"}");
        founder.post(v + "competitor-attributes", "{\"name\":\"Reach\"}");
        String competitor = founder.post(v + "competitors", "{\"name\":\"GridCharge\"}").json().get("id").asText();
        nextAnswer = "{\"Price\":\"$1 a charge\",\"Reach\":\"3 cities\",\"Invented\":\"x\"}";
        Api.Response cells = ask("competitor-cells", Map.of("competitorId", competitor));
        assertThat(cells.status()).as(cells.body()).isEqualTo(200);
        assertThat(cells.json().get("values")).isEqualTo(JSON.valueToTree(Map.of("Price", "$1 a charge", "Reach", "3 cities")));

        founder.post(v + "revenue-streams", "{\"name\":\"Charging\",\"price\":1,\"frequency\":\"monthly\",\"quantity\":500}");
        nextAnswer = "Revenue covers costs from the start.";
        assertThat(ask("forecast-explanation", Map.of("months", 3)).json().get("text").asText())
                .isEqualTo("Revenue covers costs from the start.");
        assertThat(lastPrompt()).contains("\"revenue\":500");
        assertThat(ask("crystal-ball", null).status()).isEqualTo(404);
    }

    @Test
    void aViewerGetsNoSuggestionsAndWithoutAProviderTheActionsSaySo() {
        Api viewer = stack.invite(founder, stack.adminOrgId.toString(), "viewer", "ai-viewer@example.com");
        assertThat(viewer.post(v + "ai/okrs", "").status()).isEqualTo(403);
        int asked = prompts.size();
        Api.Response viewerSizing = viewer.post(v + "ai/market-size", "{\"market\":\"Shops\"}");
        assertThat(viewerSizing.status()).isEqualTo(403);
        assertThat(viewerSizing.message()).isEqualTo("your role here is viewer; this needs member or higher");
        // Someone of another organization learns nothing of this one's venture, and its provider is not asked.
        Api.Response otherOrganization = stack.api().withToken(outsider().token()).post(v + "ai/market-size",
                "{\"market\":\"Shops\"}");
        assertThat(otherOrganization.status()).isEqualTo(404);
        assertThat(prompts).hasSize(asked);
        try (TestStack plain = TestStack.latest()) {
            Api other = plain.founder();
            String venture = other.post("/api/orgs/" + plain.adminOrgId + "/ventures", "{\"name\":\"x\"}").json().get("id").asText();
            Api.Response r = other.post("/api/orgs/" + plain.adminOrgId + "/ventures/" + venture + "/ai/okrs", "");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.error()).isEqualTo("ai_not_configured");
        }
    }
}
