package com.adaptivestartup.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review's low findings on answers, replayed: {@code /api} answers had no nosniff, CSP or frame
 * protection; {@code /readyz} was public and showed internal error text; a venture's documents grew without
 * bound (four 240 KB patches made a 960 KB list answer).
 */
class ResponseSecurityTest {
    static TestStack stack;
    static Api founder;
    static String org;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
        founder = stack.founder();
        org = stack.adminOrgId.toString();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersErrorsIncluded() {
        for (Api.Response r : new Api.Response[]{founder.get("/api/orgs"), stack.api().get("/api/orgs"),
                stack.api().get("/api/no/such/thing"), stack.api().get("/readyz")}) {
            var headers = r.raw().headers();
            assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
            assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'"));
            assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(headers.firstValue("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void readinessIsABareAnswerUnlessTheConsolesTokenComes() {
        Api.Response open = stack.api().get("/readyz");
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().size()).isEqualTo(1);
        assertThat(open.json().get("ready").asBoolean()).isTrue();
        assertThat(stack.api().withHeader("X-Health-Token", "guess").get("/readyz").json().has("checks")).isFalse();

        Api.Response detail = stack.api().withHeader("X-Health-Token", TestStack.HEALTH_TOKEN).get("/readyz");
        assertThat(detail.json().at(TestStack.sqlite() ? "/checks/sqlite/ok" : "/checks/postgres/ok").asBoolean()).isTrue();
        assertThat(detail.json().at("/setup/initialPasswordPending").asBoolean())
                .as("the founder changed the initial password").isFalse();
    }

    @Test
    void aVenturesDocumentsHaveACeilingWithASentence() {
        String v = founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Growing\"}").json().get("id").asText();
        String chunk = "x".repeat(60_000);
        for (int i = 0; i < 4; i++) {
            Api.Response r = founder.patch("/api/orgs/" + org + "/ventures/" + v, Api.json(Map.of("data", Map.of("part" + i, chunk))));
            assertThat(r.status()).as("part %d: %s", i, r.body()).isEqualTo(200);
        }
        Api.Response tooMuch = founder.patch("/api/orgs/" + org + "/ventures/" + v, Api.json(Map.of("data", Map.of("part4", chunk))));
        assertThat(tooMuch.status()).isEqualTo(413);
        assertThat(tooMuch.message()).contains("at most 256 KB");
        assertThat(founder.get("/api/orgs/" + org + "/ventures/" + v).json().get("data").has("part4")).as("nothing written").isFalse();
        Api.Response bigNew = founder.post("/api/orgs/" + org + "/ventures", Api.json(Map.of("name", "Huge",
                "data", Map.of("blob", "y".repeat(300_000)))));
        assertThat(bigNew.status()).isEqualTo(413);
    }
}
