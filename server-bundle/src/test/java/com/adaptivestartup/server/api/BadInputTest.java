package com.adaptivestartup.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bad request gets a 4xx with a JSON error, and nothing is written. */
class BadInputTest {
    static TestStack stack;
    static Api founder;
    static String ventures;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
        founder = stack.founder();
        ventures = "/api/orgs/" + stack.adminOrgId + "/ventures";
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private void refusedAndNothingWritten(Api.Response r, int status, String error) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.message()).isNotBlank();
        assertThat(stack.count("ventures")).isZero();
    }

    @Test
    void malformedJson() {
        refusedAndNothingWritten(founder.post(ventures, "{\"name\": \"x\""), 400, "bad_json");
        refusedAndNothingWritten(founder.post(ventures, "[1,2]"), 400, "bad_json");
        refusedAndNothingWritten(founder.post(ventures, ""), 400, "bad_request");
        refusedAndNothingWritten(founder.post(ventures, "{\"name\":\"a\",\"name\":\"b\"}"), 400, "bad_json");
        refusedAndNothingWritten(founder.post(ventures, "{\"name\":\"a\"} trailing"), 400, "bad_json");
    }

    @Test
    void unknownFieldsAreNamed() {
        Api.Response r = founder.post(ventures, "{\"name\":\"x\",\"owner\":\"me\"}");
        refusedAndNothingWritten(r, 400, "unknown_field");
        assertThat(r.message()).startsWith("unknown field 'owner'; known fields: data, foundingDate, hypothesis, industry, name, slug, stage");
    }

    @Test
    void oversizedBodies() {
        String big = "{\"name\":\"x\",\"hypothesis\":\"" + "a".repeat(300 * 1024) + "\"}";
        refusedAndNothingWritten(founder.post(ventures, big), 413, "too_large");
        refusedAndNothingWritten(founder.post(ventures, Api.json(Map.of("name", "n".repeat(201)))), 400, "bad_request");
    }

    @Test
    void sqlLookingIdsAreRefusedBeforeAnyQuery() {
        Api.Response r = founder.get(ventures + "/1'%20OR%20'1'='1");
        refusedAndNothingWritten(r, 400, "bad_id");
        refusedAndNothingWritten(founder.get("/api/orgs/x';DROP%20TABLE%20ventures;--/ventures"), 400, "bad_id");
        Api.Response q = founder.get(ventures + "/00000000-0000-0000-0000-000000000000/metrics?from=2020'--");
        assertThat(q.status()).isEqualTo(400);
    }

    @Test
    void sqlLookingTextIsStoredAsTextAndHarmsNothing() {
        String evil = "Robert'); DROP TABLE ventures;--";
        Api.Response r = founder.post(ventures, Api.json(Map.of("name", evil, "data", Map.of("q", "' OR 1=1 --"))));
        assertThat(r.status()).isEqualTo(201);
        assertThat(founder.get(ventures + "/" + r.json().get("id").asText()).json().get("name").asText()).isEqualTo(evil);
        assertThat(stack.count("ventures")).isEqualTo(1);
        founder.delete(ventures + "/" + r.json().get("id").asText());
        stack.sql.update("DELETE FROM ventures");
    }

    @Test
    void wrongTypesAndControlCharacters() {
        refusedAndNothingWritten(founder.post(ventures, "{\"name\": 42, \"data\": []}"), 400, "bad_request");
        refusedAndNothingWritten(founder.post(ventures, "{\"name\":\"a\\u0000b\"}"), 400, "bad_request");
        refusedAndNothingWritten(founder.post(ventures, "{\"name\":\"ok\",\"data\":\"not an object\"}"), 400, "bad_request");
    }

    @Test
    void expiredAndForgedTokensAndUnknownEndpoints() {
        refusedAndNothingWritten(stack.api().withToken("x".repeat(43)).post(ventures, "{\"name\":\"x\"}"), 401, "unauthorized");
        refusedAndNothingWritten(stack.api().withToken("y".repeat(500)).post(ventures, "{\"name\":\"x\"}"), 401, "unauthorized");
        Api.Response missing = founder.get("/api/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("not_found");
    }
}
