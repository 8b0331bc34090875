package com.adaptivestartup.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A page's live connection, as the tests hold it: connect, authenticate, read events, see how it was closed. */
public final class LiveClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static LiveClient connect(int port) throws Exception {
        LiveClient client = new LiveClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/ws"), client).get(5, TimeUnit.SECONDS);
        return client;
    }

    /** Connects and authenticates; returns the server's "ready" message. */
    public static LiveClient signedIn(int port, String token) throws Exception {
        LiveClient client = connect(port);
        client.send(Api.json(Map.of("type", "auth", "token", token)));
        JsonNode ready = client.next();
        if (!"ready".equals(ready.path("type").asText())) {
            throw new AssertionError("expected ready, got " + ready);
        }
        client.lastReady = ready;
        return client;
    }

    private JsonNode lastReady;

    public JsonNode ready() {
        return lastReady;
    }

    public void send(String text) {
        socket.sendText(text, true);
    }

    /** The next message, within 5 s, or an assertion error. */
    public JsonNode next() throws Exception {
        JsonNode m = poll(Duration.ofSeconds(5));
        if (m == null) {
            throw new AssertionError("no message within 5 s");
        }
        return m;
    }

    /** The next message within the wait, or null. */
    public JsonNode poll(Duration wait) throws Exception {
        Timed m = pollTimed(wait);
        return m == null ? null : m.message();
    }

    /** A message with the moment ({@link System#nanoTime()}) it arrived. */
    public record Timed(JsonNode message, long arrivedNanos) {
    }

    /** The next message within the wait with when it arrived, or null. */
    public Timed pollTimed(Duration wait) throws Exception {
        Received m = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return m == null ? null : new Timed(MAPPER.readTree(m.text()), m.at());
    }

    private record Received(String text, long at) {
    }

    /** Forgets the messages received so far; returns how many there were. */
    public int drain() {
        int n = messages.size();
        messages.clear();
        return n;
    }

    /** The close code the server sent within the wait, or -1 when it did not close. */
    public int awaitClose(Duration wait) throws InterruptedException {
        Integer code = closed.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        return code == null ? -1 : code;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(new Received(partial.toString(), System.nanoTime()));
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

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.add(1006);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
