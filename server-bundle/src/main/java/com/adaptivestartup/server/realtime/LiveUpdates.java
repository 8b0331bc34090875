package com.adaptivestartup.server.realtime;

import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.auth.SessionListener;
import com.adaptivestartup.server.auth.SessionStore;
import com.adaptivestartup.server.http.Json;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/ws}: pushes changes to the members of an organization. Browsers cannot set headers on a
 * WebSocket, and a token in the URL would end up in access logs, so the first message authenticates:
 * {@code {"type":"auth","token":"..."}}; the server answers {@code {"type":"ready","orgs":[...]}} and
 * from then on sends {@code {"type":"venture.updated","orgId":...,"data":{...}}} and the like.
 *
 * <p>A socket lives no longer than what let it in. It is closed with {@value #SESSION_ENDED} (sign in
 * again) the moment its session is signed out, ended everywhere or by a password change, and found expired by
 * a sweep every {@code 30 s}; with {@value #MEMBERSHIP_CHANGED} (reconnect: what you may see changed) when its
 * user joins, leaves or changes role in an organization. Every publish re-checks its receivers (one query of
 * the organization's members, one Redis round trip for their sessions), so nothing reaches a socket whose right
 * ended elsewhere. A socket that does not authenticate within {@code 10 s} is closed. With several instances of
 * the server, every event and every closing reaches the sockets of all of them ({@link Fanout}); a socket stays on
 * the instance it connected to.
 */
public final class LiveUpdates implements SessionListener, AutoCloseable {
    public static final int SESSION_ENDED = 4401;
    public static final int MEMBERSHIP_CHANGED = 4403;
    /** The standard "service restart" close: reconnect (and catch up), nothing about the right changed. */
    public static final int RECONNECT = 1012;
    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
    private static final Duration AUTHENTICATE_WITHIN = Duration.ofSeconds(10);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    private final Map<String, LiveSocket> sockets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-updates-timer");
        t.setDaemon(true);
        return t;
    });
    private final AccountService accounts;
    private final SessionStore sessions;
    private final OrgAccess access;
    private final Fanout fanout;

    /** An instance alone (the single container, tests of one server). */
    public LiveUpdates(AccountService accounts, SessionStore sessions, OrgAccess access) {
        this(accounts, sessions, access, Fanout.NONE);
    }

    /** One of several instances sharing a database: what one tells reaches the sockets of all through {@code fanout}. */
    public LiveUpdates(AccountService accounts, SessionStore sessions, OrgAccess access, Fanout fanout) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.access = access;
        this.fanout = fanout;
        fanout.listen(this::deliver, this::resync);
        sessions.addListener(this);
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void register(Javalin app) {
        app.ws("/api/ws", ws -> {
            ws.onConnect(ctx -> {
                ctx.enableAutomaticPings(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
                LiveSocket socket = new LiveSocket(ctx);
                sockets.put(ctx.sessionId(), socket);
                timer.schedule(() -> {
                    if (!socket.authenticated()) {
                        socket.close(SESSION_ENDED, "sign in first");
                    }
                }, AUTHENTICATE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            });
            ws.onMessage(ctx -> {
                LiveSocket socket = sockets.get(ctx.sessionId());
                if (socket == null || socket.authenticated()) {
                    return; // closed meanwhile, or already authenticated: clients send nothing else
                }
                Optional<Principal> principal = tokenOf(ctx.message()).flatMap(accounts::principalOf)
                        .filter(p -> !p.mustChangePassword());
                if (principal.isEmpty()) {
                    socket.close(SESSION_ENDED, "sign in first");
                    return;
                }
                List<UUID> memberOf = access.orgIdsOf(principal.get().userId());
                socket.authenticate(principal.get(), Set.copyOf(memberOf));
                socket.send(Json.write(Map.of("type", "ready", "orgs", memberOf)));
            });
            ws.onClose(ctx -> sockets.remove(ctx.sessionId()));
            ws.onError(ctx -> sockets.remove(ctx.sessionId()));
        });
    }

    /**
     * Sends an event to every connected member of the organization whose session is still live; a socket
     * found without the right any more is closed instead. Call after the change committed. Every instance of the
     * server tells its own sockets (through the {@link Fanout}).
     */
    public void publish(UUID orgId, String type, Object data) {
        tell(Signal.event(orgId, null, null, message(orgId, type, data)));
    }

    /**
     * The same for a change on a workspace page: members whose custom role does not include the page are not
     * told (their sockets stay open).
     */
    public void publish(UUID orgId, String page, String type, Object data) {
        tell(Signal.event(orgId, page, null, message(orgId, type, data)));
    }

    /** An event for one person (their notification), on their sockets open in that organization. */
    public void publishTo(UUID orgId, UUID userId, String type, Object data) {
        tell(Signal.event(orgId, null, userId, message(orgId, type, data)));
    }

    /** The user joined, left or changed role in an organization: their sockets reconnect to learn what they may see. */
    public void membershipChanged(UUID userId) {
        tell(Signal.membershipChanged(userId));
    }

    @Override
    public void sessionEnded(String sessionHash) {
        tell(Signal.sessionEnded(sessionHash));
    }

    @Override
    public void userSignedOut(UUID userId) {
        tell(Signal.signedOut(userId));
    }

    private void tell(Signal signal) {
        deliver(signal);
        fanout.send(signal);
    }

    /** What a signal means for this instance's sockets (from this instance or another). */
    void deliver(Signal signal) {
        switch (signal.kind()) {
            case EVENT -> deliverEvent(signal);
            case MEMBERSHIP_CHANGED -> matching(s -> signal.userId().equals(s.userId()))
                    .forEach(s -> s.close(MEMBERSHIP_CHANGED, "your membership changed"));
            case SESSION_ENDED -> matching(s -> signal.sessionHash().equals(s.sessionHash()))
                    .forEach(s -> s.close(SESSION_ENDED, "signed out"));
            case SIGNED_OUT -> matching(s -> signal.userId().equals(s.userId()))
                    .forEach(s -> s.close(SESSION_ENDED, "signed out"));
        }
    }

    private void deliverEvent(Signal signal) {
        UUID orgId = signal.orgId();
        List<LiveSocket> receivers = matching(s -> s.memberOf(orgId)
                && (signal.userId() == null || signal.userId().equals(s.userId())));
        if (receivers.isEmpty()) {
            return;
        }
        if (signal.page() != null) {
            Map<UUID, Boolean> members = access.membersSeeing(orgId, signal.page());
            send(receivers, members::containsKey, member -> members.getOrDefault(member, false), signal.message());
        } else {
            Map<UUID, Role> members = access.membersOf(orgId);
            send(receivers, members::containsKey, member -> true, signal.message());
        }
    }

    private static String message(UUID orgId, String type, Object data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("orgId", orgId);
        event.put("data", data);
        return Json.write(event);
    }

    private void send(List<LiveSocket> receivers, Predicate<UUID> isMember, Predicate<UUID> sees, String message) {
        Set<String> live = sessions.live(receivers.stream().map(LiveSocket::sessionHash).toList());
        for (LiveSocket socket : receivers) {
            if (!live.contains(socket.sessionHash())) {
                socket.close(SESSION_ENDED, "the session ended");
            } else if (!isMember.test(socket.userId())) {
                socket.close(MEMBERSHIP_CHANGED, "your membership changed");
            } else if (sees.test(socket.userId())) {
                socket.send(message);
            }
        }
    }

    /** Hearing the other instances resumed after a gap: open pages reconnect and catch up on what they missed. */
    private void resync() {
        matching(LiveSocket::authenticated).forEach(s -> s.close(RECONNECT, "reconnect to catch up"));
    }

    /** How many sockets are open (authenticated or not); for tests and the health view. */
    public int openSockets() {
        return sockets.size();
    }

    /** Closes the sockets of sessions that ended without this server hearing of it (expired, another instance). */
    void sweep() {
        try {
            List<LiveSocket> authenticated = matching(LiveSocket::authenticated);
            if (authenticated.isEmpty()) {
                return;
            }
            Set<String> live = sessions.live(authenticated.stream().map(LiveSocket::sessionHash).toList());
            authenticated.stream().filter(s -> !live.contains(s.sessionHash()))
                    .forEach(s -> s.close(SESSION_ENDED, "the session ended"));
        } catch (RuntimeException e) {
            LOG.warn("checking the live-update sessions failed; trying again in {} s: {}", SWEEP_EVERY.toSeconds(), e.toString());
        }
    }

    private List<LiveSocket> matching(Predicate<LiveSocket> which) {
        return sockets.values().stream().filter(which).toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        fanout.close();
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

    /** One open socket: who it belongs to once authenticated, and the organizations it hears. */
    private final class LiveSocket {
        private final WsContext ctx;
        private volatile Principal principal;
        private volatile Set<UUID> orgs = Set.of();

        LiveSocket(WsContext ctx) {
            this.ctx = ctx;
        }

        boolean authenticated() {
            return principal != null;
        }

        void authenticate(Principal p, Set<UUID> memberOf) {
            this.orgs = memberOf;
            this.principal = p;
        }

        boolean memberOf(UUID orgId) {
            return principal != null && orgs.contains(orgId);
        }

        UUID userId() {
            Principal p = principal;
            return p == null ? null : p.userId();
        }

        String sessionHash() {
            Principal p = principal;
            return p == null ? null : p.sessionHash();
        }

        synchronized void send(String message) {
            try {
                if (ctx.session.isOpen()) {
                    ctx.send(message);
                }
            } catch (RuntimeException e) {
                LOG.debug("dropping a live-update socket that failed to send: {}", e.toString());
                sockets.remove(ctx.sessionId());
            }
        }

        synchronized void close(int code, String reason) {
            sockets.remove(ctx.sessionId());
            try {
                if (ctx.session.isOpen()) {
                    ctx.closeSession(code, reason);
                }
            } catch (RuntimeException e) {
                LOG.debug("closing a live-update socket failed: {}", e.toString());
            }
        }
    }
}
