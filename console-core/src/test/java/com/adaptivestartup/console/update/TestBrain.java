package com.adaptivestartup.console.update;

import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The vendor's Brain for activations and heartbeats, as a real HTTP server on loopback: it keeps every
 * request, and answers each with a standing signed for the license and installation the request names,
 * by the rule the test sets ({@link #answer}).
 */
final class TestBrain implements AutoCloseable {
    record Received(String path, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** From the request's body to the signed text sent back; by default "active" signed with {@code key}. */
    volatile Function<JsonNode, String> answer;
    private final HttpServer server;

    TestBrain(PrivateKey key) throws IOException {
        answer = body -> standing(key, body, "active", "", Instant.now());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/activations", this::handle);
        server.createContext("/v1/heartbeats", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String standing(PrivateKey key, JsonNode request, String status, String reason, Instant issued) {
        var body = JSON.createObjectNode().put("licenseId", request.path("licenseId").asText())
                .put("instanceId", request.path("instanceId").asText()).put("status", status).put("reason", reason)
                .put("issuedAt", issued.toString()).put("validUntil", issued.plus(Duration.ofDays(7)).toString());
        return new DocumentSigner(key).sign(DocumentKind.LICENSE_STANDING, body).compact();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            received.add(new Received(exchange.getRequestURI().getPath(), body));
            byte[] out = answer.apply(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
