package com.adaptivestartup.server.realtime;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.org.OrgService;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/ws}: pushes changes to the members of an organization. Browsers cannot set headers on a
 * WebSocket, and a token in the URL would end up in access logs, so the first message authenticates:
 * {@code {"type":"auth","token":"..."}}; the server answers {@code {"type":"ready","orgs":[...]}} and
 * from then on sends {@code {"type":"venture.updated","orgId":...,"data":{...}}} and the like.
 */
public final class LiveUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
    private static final int UNAUTHORIZED = 4401;
    private final Map<UUID, Set<WsContext>> byOrg = new ConcurrentHashMap<>();
    private final Map<String, List<UUID>> orgsBySession = new ConcurrentHashMap<>();

    public void register(Javalin app, AccountService accounts, OrgService orgs) {
        app.ws("/api/ws", ws -> {
            ws.onConnect(ctx -> ctx.enableAutomaticPings(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            ws.onMessage(ctx -> {
                if (orgsBySession.containsKey(ctx.sessionId())) {
                    return; // already authenticated; clients send nothing else
                }
                Optional<Principal> principal = tokenOf(ctx.message()).flatMap(accounts::principalOf)
                        .filter(p -> !p.mustChangePassword());
                if (principal.isEmpty()) {
                    ctx.closeSession(UNAUTHORIZED, "sign in first");
                    return;
                }
                List<UUID> memberOf = orgs.orgIdsOf(principal.get().userId());
                orgsBySession.put(ctx.sessionId(), memberOf);
                memberOf.forEach(org -> byOrg.computeIfAbsent(org, k -> new CopyOnWriteArraySet<>()).add(ctx));
                ctx.send(Json.write(Map.of("type", "ready", "orgs", memberOf)));
            });
            ws.onClose(ctx -> forget(ctx));
            ws.onError(ctx -> forget(ctx));
        });
    }

    /** Sends an event to every connected member of the organization. Call after the change committed. */
    public void publish(UUID orgId, String type, Object data) {
        Set<WsContext> sessions = byOrg.get(orgId);
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("orgId", orgId);
        event.put("data", data);
        String message = Json.write(event);
        for (WsContext session : sessions) {
            try {
                if (session.session.isOpen()) {
                    session.send(message);
                }
            } catch (RuntimeException e) {
                LOG.debug("dropping a live-update session that failed to send: {}", e.toString());
                forget(session);
            }
        }
    }

    private void forget(WsContext ctx) {
        List<UUID> orgs = orgsBySession.remove(ctx.sessionId());
        if (orgs != null) {
            orgs.forEach(org -> Optional.ofNullable(byOrg.get(org)).ifPresent(s -> s.remove(ctx)));
        }
    }

    private static Optional<String> tokenOf(String message) {
        try {
            JsonNode node = Json.MAPPER.readTree(message);
            return "auth".equals(node.path("type").asText()) && node.path("token").isTextual()
                    ? Optional.of(node.get("token").asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
