package com.adaptivestartup.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.LiveClient;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A change made by one member reaches another member's open WebSocket within a second. */
class RealtimeTest {
    static TestStack stack;

    @BeforeAll
    static void start() {
        stack = TestStack.latest();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aVentureChangeIsPushedToMembersOnlyAfterTheyAuthenticate() throws Exception {
        Api founder = stack.founder();
        String org = stack.adminOrgId.toString();
        Api member = VenturesAndAccessTest.stackInvite(stack, founder, org, "member@example.com");

        try (LiveClient listener = LiveClient.signedIn(stack.port, member.token())) {
            assertThat(listener.ready().get("orgs").toString()).contains(org);

            long start = System.nanoTime();
            founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Live one\"}");
            JsonNode event = listener.next();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(event.get("type").asText()).isEqualTo("venture.created");
            assertThat(event.at("/data/name").asText()).isEqualTo("Live one");
            assertThat(millis).isLessThan(1000);

            String ventureId = event.at("/data/id").asText();
            founder.upload("/api/orgs/" + org + "/files?name=notes.txt&ventureId=" + ventureId, "text/plain",
                    "pitch notes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            JsonNode uploaded = listener.next();
            assertThat(uploaded.get("type").asText()).isEqualTo("file.uploaded");
            assertThat(uploaded.at("/data/name").asText()).isEqualTo("notes.txt");
            assertThat(uploaded.at("/data/ventureId").asText()).isEqualTo(ventureId);
        }
    }

    @Test
    void anUnauthenticatedSocketIsClosed() throws Exception {
        try (LiveClient listener = LiveClient.connect(stack.port)) {
            listener.send("{\"type\":\"auth\",\"token\":\"forged\"}");
            assertThat(listener.awaitClose(Duration.ofSeconds(5))).isEqualTo(4401);
        }
    }
}
