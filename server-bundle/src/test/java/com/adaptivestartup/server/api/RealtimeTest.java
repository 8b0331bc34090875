package com.adaptivestartup.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

        Listener listener = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + stack.port + "/api/ws"), listener).get(5, TimeUnit.SECONDS);
        ws.sendText(Api.json(Map.of("type", "auth", "token", member.token())), true);
        JsonNode ready = listener.next();
        assertThat(ready.get("type").asText()).isEqualTo("ready");
        assertThat(ready.get("orgs").toString()).contains(org);

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
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    @Test
    void anUnauthenticatedSocketIsClosed() throws Exception {
        Listener listener = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + stack.port + "/api/ws"), listener).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"auth\",\"token\":\"forged\"}", true);
        assertThat(listener.closed.poll(5, TimeUnit.SECONDS)).isEqualTo(4401);
    }

    static final class Listener implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.add(statusCode);
            return null;
        }

        JsonNode next() throws Exception {
            String m = messages.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("a message within 5 s").isNotNull();
            return new ObjectMapper().readTree(m);
        }
    }
}
