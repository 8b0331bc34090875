package com.adaptivestartup.console.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * The app's own readiness ({@code /readyz}) asked through the web port, the way a person's browser reaches
 * it. From release 1.2.0 the server tells the details (each check, whether the first admin still has the
 * initial password) only to the console, which sends the install's health token; anyone else gets yes or no.
 */
public final class AppReadiness {
    /** The header the server reads the token from. */
    static final String TOKEN_HEADER = "X-Health-Token";
    static final String TOKEN_SECRET = "health_token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What {@code /readyz} answered: its status and body (the details when the token was accepted). */
    public record Answer(int status, JsonNode body) {
        public boolean ready() {
            return status == 200;
        }

        /** Whether the first admin still has the initial password; empty when the server does not say. */
        public Optional<Boolean> initialPasswordPending() {
            JsonNode pending = body.at("/setup/initialPasswordPending");
            return pending.isBoolean() ? Optional.of(pending.asBoolean()) : Optional.empty();
        }

        /** For a message: the status and the body as the server gave it. */
        public String describe() {
            return "HTTP " + status + ": " + body;
        }
    }

    /**
     * Asks once. {@code bindAddress} is where the web port listens on {@code engineHost} (null: this machine); every
     * interface (0.0.0.0) is asked at the engine's host, 127.0.0.1 for this machine. Throws {@link IOException} when
     * nothing answers.
     */
    public Answer ask(String engineHost, String bindAddress, int port, InstallDirectory dir) throws IOException {
        String host = bindAddress == null || bindAddress.equals("0.0.0.0") || bindAddress.equals("127.0.0.1")
                ? (engineHost == null ? "127.0.0.1" : engineHost) : bindAddress;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/readyz"))
                .timeout(Duration.ofSeconds(5)).GET();
        token(dir).ifPresent(t -> request.header(TOKEN_HEADER, t));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(r.body());
            } catch (IOException e) {
                body = MissingNode.getInstance();
            }
            return new Answer(r.statusCode(), body == null ? MissingNode.getInstance() : body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Optional<String> token(InstallDirectory dir) {
        var file = dir.path().resolve(InstallDirectory.SECRETS).resolve(TOKEN_SECRET);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()).filter(t -> !t.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
