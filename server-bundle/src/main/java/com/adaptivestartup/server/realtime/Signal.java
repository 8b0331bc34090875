package com.adaptivestartup.server.realtime;

import com.adaptivestartup.server.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one server instance tells every instance's open sockets: an event for an organization (to all its members,
 * those who may see a page, or one person), or that sockets must close (a membership changed, a session ended, a
 * user signed out everywhere). Each instance re-checks its own receivers when it delivers.
 *
 * @param message the event exactly as sockets receive it (JSON), for {@link Kind#EVENT}
 */
public record Signal(Kind kind, UUID orgId, String page, UUID userId, String sessionHash, String message) {

    enum Kind { EVENT, MEMBERSHIP_CHANGED, SESSION_ENDED, SIGNED_OUT }

    static Signal event(UUID orgId, String page, UUID userId, String message) {
        return new Signal(Kind.EVENT, orgId, page, userId, null, message);
    }

    static Signal membershipChanged(UUID userId) {
        return new Signal(Kind.MEMBERSHIP_CHANGED, null, null, userId, null, null);
    }

    static Signal sessionEnded(String sessionHash) {
        return new Signal(Kind.SESSION_ENDED, null, null, null, sessionHash, null);
    }

    static Signal signedOut(UUID userId) {
        return new Signal(Kind.SIGNED_OUT, null, null, userId, null, null);
    }

    /** The signal on the wire between instances, with the instance that sent it. */
    String write(String origin) {
        Map<String, Object> wire = new java.util.LinkedHashMap<>();
        wire.put("origin", origin);
        wire.put("kind", kind.name());
        wire.put("orgId", orgId);
        wire.put("page", page);
        wire.put("userId", userId);
        wire.put("sessionHash", sessionHash);
        wire.put("message", message);
        return Json.write(wire);
    }

    /** A signal read off the wire, unless it is unreadable or was sent by {@code origin} itself. */
    static Optional<Signal> read(String wire, String origin) {
        try {
            JsonNode n = Json.MAPPER.readTree(wire);
            if (origin.equals(n.path("origin").asText())) {
                return Optional.empty();
            }
            return Optional.of(new Signal(Kind.valueOf(n.path("kind").asText()), uuid(n, "orgId"), text(n, "page"),
                    uuid(n, "userId"), text(n, "sessionHash"), text(n, "message")));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isTextual() ? n.get(field).asText() : null;
    }

    private static UUID uuid(JsonNode n, String field) {
        String t = text(n, field);
        return t == null ? null : UUID.fromString(t);
    }
}
