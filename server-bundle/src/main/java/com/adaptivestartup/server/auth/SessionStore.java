package com.adaptivestartup.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

/**
 * Opaque sessions in Redis: the client holds a random token, Redis holds its hash with the user id, a
 * sliding idle expiry and an absolute one ({@code maxAge} after sign-in, however busy the session). Each
 * user's set of sessions lives as long as the longest a session can, so "sign out everywhere" and a password
 * change always find every session. Listeners hear of each end at once.
 */
public final class SessionStore {
    private static final String SESSION = "as:session:";
    private static final String USER_SESSIONS = "as:user-sessions:";
    /** What the person sees of each session in their profile: where it signed in from, with what. */
    private static final String INFO = "as:session-info:";
    private final JedisPooled redis;
    private final Duration idle;
    private final Duration maxAge;
    private final Clock clock;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    public SessionStore(JedisPooled redis, Duration idle, Duration maxAge, Clock clock) {
        this.redis = redis;
        this.idle = idle;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    /**
     * Creates a session and returns its token (the only time the token exists outside the client). The
     * session holds what each request needs to know of its user, so authenticating costs one Redis call;
     * a password change ends all sessions, so the flag kept here cannot go stale.
     */
    public String open(UUID userId, String email, boolean mustChangePassword) {
        return open(userId, email, mustChangePassword, Origin.UNKNOWN);
    }

    /** Where a session was opened from: the client's address and its browser's User-Agent (each may be unknown). */
    public record Origin(String client, String agent) {
        public static final Origin UNKNOWN = new Origin("", "");

        public Origin {
            client = client == null ? "" : client;
            agent = agent == null ? "" : agent.length() > 300 ? agent.substring(0, 300) : agent;
        }
    }

    /** Like {@link #open(UUID, String, boolean)}, remembering where the session comes from for the profile's list. */
    public String open(UUID userId, String email, boolean mustChangePassword, Origin origin) {
        String token = Tokens.random();
        String hash = Tokens.sha256Hex(token);
        long now = clock.instant().getEpochSecond();
        try (var p = redis.pipelined()) {
            p.setex(SESSION + hash, Math.min(idle.toSeconds(), maxAge.toSeconds()), value(userId, mustChangePassword, email, now));
            p.sadd(USER_SESSIONS + userId, hash);
            p.expire(USER_SESSIONS + userId, maxAge.toSeconds());
            p.hset(INFO + hash, java.util.Map.of("client", origin.client(), "agent", origin.agent(),
                    "created", String.valueOf(now)));
            p.expire(INFO + hash, maxAge.toSeconds());
            p.sync();
        }
        return token;
    }

    /**
     * One of a person's live sessions as their profile lists it. {@code id} is the session's hash (never its
     * token); {@code lastActive} is told from the idle expiry Redis keeps, so it costs no write per request.
     */
    public record Listed(String id, long createdEpochSecond, long lastActiveEpochSecond, String client, String agent) {
    }

    /** The person's live sessions, newest first (one round trip for the lot). */
    public List<Listed> list(UUID userId) {
        List<String> hashes = List.copyOf(redis.smembers(USER_SESSIONS + userId));
        List<Response<Long>> ttls = new ArrayList<>(hashes.size());
        List<Response<java.util.Map<String, String>>> infos = new ArrayList<>(hashes.size());
        try (var p = redis.pipelined()) {
            for (String h : hashes) {
                ttls.add(p.ttl(SESSION + h));
                infos.add(p.hgetAll(INFO + h));
            }
            p.sync();
        }
        long now = clock.instant().getEpochSecond();
        List<Listed> out = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            long ttl = ttls.get(i).get();
            if (ttl < 0) {
                continue;   // ended (or expired) since it was added to the set
            }
            java.util.Map<String, String> info = infos.get(i).get();
            long created = Long.parseLong(info.getOrDefault("created", "0"));
            long lastActive = Math.max(created, now - Math.max(0, idle.toSeconds() - ttl));
            out.add(new Listed(hashes.get(i), created, lastActive, info.getOrDefault("client", ""),
                    info.getOrDefault("agent", "")));
        }
        out.sort(java.util.Comparator.comparingLong(Listed::createdEpochSecond).reversed());
        return out;
    }

    /**
     * Keeps a note with a session (how to end it at the identity provider too), for as long as the session can
     * live; {@link #noteOf} reads it back.
     */
    public void note(String token, String name, String value) {
        String hash = Tokens.sha256Hex(token);
        redis.hset(INFO + hash, "note:" + name, value);
    }

    public Optional<String> noteOf(Principal p, String name) {
        return Optional.ofNullable(redis.hget(INFO + p.sessionHash(), "note:" + name));
    }

    /** Ends one of the user's sessions by its id; false when they have no such live session. */
    public boolean close(UUID userId, String sessionHash) {
        if (sessionHash == null || !redis.sismember(USER_SESSIONS + userId, sessionHash)) {
            return false;
        }
        end(userId, sessionHash);
        return true;
    }

    /** Ends every session of the user but {@code keep} (the one asking); returns how many ended. */
    public int closeOthers(UUID userId, String keep) {
        int n = 0;
        for (String hash : redis.smembers(USER_SESSIONS + userId)) {
            if (!hash.equals(keep)) {
                end(userId, hash);
                n++;
            }
        }
        return n;
    }

    /** The user of a live session, extending its idle expiry; empty when unknown, expired or revoked. */
    public Optional<Principal> resolve(String token) {
        String hash = Tokens.sha256Hex(token);
        String value = redis.getEx(SESSION + hash, new GetExParams().ex(idle.toSeconds()));
        if (value == null) {
            return Optional.empty();
        }
        Stored stored = Stored.parse(value);
        long now = clock.instant().getEpochSecond();
        long created = stored.createdEpochSecond();
        if (created < 0) {
            // A session opened before sessions had an absolute lifetime: it starts counting now.
            created = now;
            redis.set(SESSION + hash, value(stored.userId(), stored.mustChangePassword(), stored.email(), now),
                    SetParams.setParams().keepTtl());
            redis.sadd(USER_SESSIONS + stored.userId(), hash);
            redis.expire(USER_SESSIONS + stored.userId(), maxAge.toSeconds());
        }
        long left = created + maxAge.toSeconds() - now;
        if (left <= 0) {
            end(stored.userId(), hash);
            return Optional.empty();
        }
        if (left < idle.toSeconds()) {
            redis.expire(SESSION + hash, left);
        }
        return Optional.of(new Principal(stored.userId(), stored.email(), stored.mustChangePassword(), hash));
    }

    /** Which of these sessions are still live (one round trip, however many). */
    public Set<String> live(Collection<String> sessionHashes) {
        List<String> hashes = List.copyOf(sessionHashes);
        List<Response<Boolean>> answers = new ArrayList<>(hashes.size());
        try (var p = redis.pipelined()) {
            hashes.forEach(h -> answers.add(p.exists(SESSION + h)));
            p.sync();
        }
        Set<String> live = new HashSet<>();
        for (int i = 0; i < hashes.size(); i++) {
            if (Boolean.TRUE.equals(answers.get(i).get())) {
                live.add(hashes.get(i));
            }
        }
        return live;
    }

    public void close(Principal principal) {
        end(principal.userId(), principal.sessionHash());
    }

    /** Ends every session of the user; returns how many there were. */
    public int closeAll(UUID userId) {
        Set<String> hashes = redis.smembers(USER_SESSIONS + userId);
        for (String hash : hashes) {
            redis.del(SESSION + hash, INFO + hash);
        }
        redis.del(USER_SESSIONS + userId);
        listeners.forEach(l -> l.userSignedOut(userId));
        return hashes.size();
    }

    private void end(UUID userId, String hash) {
        redis.del(SESSION + hash, INFO + hash);
        redis.srem(USER_SESSIONS + userId, hash);
        listeners.forEach(l -> l.sessionEnded(hash));
    }

    private static String value(UUID userId, boolean mustChangePassword, String email, long createdEpochSecond) {
        return "v2|" + createdEpochSecond + "|" + (mustChangePassword ? "1" : "0") + "|" + userId + "|" + email;
    }

    /** A session's value: {@code v2|created|flag|user|email}, or before 1.2.0 {@code user|flag|email} (created -1). */
    private record Stored(UUID userId, boolean mustChangePassword, String email, long createdEpochSecond) {
        static Stored parse(String value) {
            if (value.startsWith("v2|")) {
                String[] p = value.split("\\|", 5);
                return new Stored(UUID.fromString(p[3]), p[2].equals("1"), p[4], Long.parseLong(p[1]));
            }
            String[] p = value.split("\\|", 3);
            return new Stored(UUID.fromString(p[0]), p[1].equals("1"), p[2], -1);
        }
    }
}
