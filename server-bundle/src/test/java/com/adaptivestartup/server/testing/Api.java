package com.adaptivestartup.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real HTTP client for the tests: JSON in, status and JSON out, with the session token kept. */
public final class Api {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final String base;
    private final HttpClient http;
    private String token;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public Api(String base) {
        this(base, HTTP);
    }

    private Api(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    public static Api at(String base) {
        return new Api(base);
    }

    /** A client whose connections come from this local address (another loopback address is another client). */
    public Api from(String localAddress) {
        try {
            return new Api(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .localAddress(java.net.InetAddress.getByName(localAddress)).build());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public record Response(int status, JsonNode json, String body, HttpResponse<byte[]> raw) {
        public String error() {
            return json.path("error").asText();
        }

        public String message() {
            return json.path("message").asText();
        }
    }

    public String token() {
        return token;
    }

    public Api withToken(String token) {
        this.token = token;
        return this;
    }

    /** Sends this header with every later request (a client address through a proxy, a health token). */
    public Api withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Response login(String email, String password) {
        Response r = post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (r.status() == 200) {
            token = r.json().get("token").asText();
        }
        return r;
    }

    public void changePassword(String current, String next) {
        Response r = post("/api/auth/password", json(java.util.Map.of("currentPassword", current, "newPassword", next)));
        if (r.status() != 200) {
            throw new AssertionError("password change failed: " + r.body());
        }
        token = r.json().get("token").asText();
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response upload(String path, String contentType, byte[] bytes) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return b;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(r.body(), StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = body.isEmpty() ? MissingNode.getInstance() : MAPPER.readTree(body);
            } catch (IOException e) {
                json = MissingNode.getInstance();
            }
            return new Response(r.statusCode(), json, body, r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
