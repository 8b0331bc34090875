package com.adaptivestartup.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.Approvals;
import com.adaptivestartup.server.testing.TestStack;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActivityAndApprovalsTest {
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
    void everyChangeIsLoggedInAChainThatDetectsRewriting() throws Exception {
        String v = founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Logged\"}").json().get("id").asText();
        founder.patch("/api/orgs/" + org + "/ventures/" + v, "{\"hypothesis\":\"h\"}");
        Api.Response log = founder.get("/api/orgs/" + org + "/activity");
        assertThat(log.json().findValuesAsText("action")).contains("venture.created", "venture.updated");
        Api.Response check = founder.get("/api/orgs/" + org + "/activity/verify");
        assertThat(check.json().get("intact").asBoolean()).isTrue();
        assertThat(check.json().get("entries").asInt()).isGreaterThanOrEqualTo(2);

        // Someone with database access rewrites history behind the trigger's back.
        stack.bypassingLogTriggers("UPDATE activity_log SET payload = '{\"name\":\"Forged\"}' WHERE action = 'venture.created'"
                + " AND entity_id = '" + UUID.fromString(v) + "'");
        Api.Response broken = founder.get("/api/orgs/" + org + "/activity/verify");
        assertThat(broken.json().get("intact").asBoolean()).isFalse();
        assertThat(broken.json().get("problem").asText()).contains("was changed after it was written");
    }

    @Test
    void aSignedAiApprovalIsVerifiedAndStoredWithItsPayload() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = key.getPublic().getEncoded();
        String raw = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        Api.Response approvalBeforeKey = founder.post("/api/orgs/" + org + "/activity/approvals",
                approval("okr", "okr-1", Instant.now(), key));
        assertThat(approvalBeforeKey.status()).isEqualTo(400);
        assertThat(approvalBeforeKey.message()).contains("register your signing key first");
        assertThat(founder.put("/api/auth/public-key", Api.json(Map.of("publicKey", raw))).status()).isEqualTo(204);

        Api.Response ok = founder.post("/api/orgs/" + org + "/activity/approvals", approval("okr", "okr-1", Instant.now(), key));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("signedPayload").asText()).contains("AI_APPROVAL");
        assertThat(ok.json().get("publicKey").asText()).isEqualTo(raw);

        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Api.Response forged = founder.post("/api/orgs/" + org + "/activity/approvals", approval("okr", "okr-1", Instant.now(), other));
        assertThat(forged.status()).isEqualTo(403);
        Api.Response stale = founder.post("/api/orgs/" + org + "/activity/approvals",
                approval("okr", "okr-1", Instant.now().minusSeconds(3600), key));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.message()).contains("more than 10 minutes");
        assertThat(founder.get("/api/orgs/" + org + "/activity/verify").json().get("intact").asBoolean()).isTrue();
    }

    private static String approval(String type, String id, Instant at, KeyPair key) throws Exception {
        return Approvals.body(key, org, type, id, at);
    }
}
