package com.adaptivestartup.server.ai;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's own AI provider, if they configured one: Gemini (an API key) or a local Ollama (a URL).
 * The stack works fully without either; the AI endpoints then answer 503 and say how to enable them.
 */
public sealed interface AiProvider {

    String name();

    String generate(String prompt);

    static Optional<AiProvider> from(ServerConfig.Ai config, HttpClient http) {
        if (config.ollamaUrl() != null) {
            return Optional.of(new Ollama(http, URI.create(config.ollamaUrl()), config.ollamaModel()));
        }
        if (config.geminiApiKey() != null) {
            return Optional.of(new Gemini(http, URI.create(config.geminiBaseUrl()), config.geminiApiKey()));
        }
        return Optional.empty();
    }

    record Ollama(HttpClient http, URI base, String model) implements AiProvider {
        public String name() {
            return "ollama";
        }

        public String generate(String prompt) {
            JsonNode reply = post(http, base.resolve("/api/generate"),
                    Map.of("model", model, "prompt", prompt, "stream", false));
            return reply.path("response").asText();
        }
    }

    record Gemini(HttpClient http, URI base, String apiKey) implements AiProvider {
        public String name() {
            return "gemini";
        }

        public String generate(String prompt) {
            URI uri = base.resolve("/v1beta/models/gemini-2.0-flash:generateContent?key="
                    + URLEncoder.encode(apiKey, StandardCharsets.UTF_8));
            JsonNode reply = post(http, uri, Map.of("contents", List.of(Map.of("parts", List.of(Map.of("text", prompt))))));
            return reply.path("candidates").path(0).path("content").path("parts").path(0).path("text").asText();
        }

        @Override
        public String toString() {
            return "Gemini[" + base + ", key=(hidden)]";
        }
    }

    private static JsonNode post(HttpClient http, URI uri, Object body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ApiError(502, "ai_provider_error", "the AI provider answered HTTP " + response.statusCode());
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new ApiError(502, "ai_provider_unreachable", "the AI provider could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "shutting_down", "the server is shutting down");
        }
    }
}
