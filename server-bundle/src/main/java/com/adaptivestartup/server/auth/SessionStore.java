package com.adaptivestartup.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.JedisPooled;

/**
 * Opaque sessions: the client holds a random token, the store (Redis in the full stack, the database in the
 * single container) holds its hash with the user id, a sliding idle expiry and an absolute one ({@code maxAge}
 * after sign-in, however busy the session). "Sign out everywhere" and a password change always find every
 * session. Listeners hear of each end at once.
 */
public final class SessionStore {
    private final SessionRecords records;
    private final Duration idle;
    private final Duration maxAge;
    private final Clock clock;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    public SessionStore(JedisPooled redis, Duration idle, Duration maxAge, Clock clock) {
        this(new RedisSessionRecords(redis), idle, maxAge, clock);
    }

    /**
     * Sessions kept in the database itself (the single container, which has no Redis); their idle expiry runs on the
     * machine's clock as Redis's would, the maximum age on {@code clock}.
     */
    public static SessionStore inDatabase(com.adaptivestartup.server.db.Sql sql, Duration idle, Duration maxAge, Clock clock) {
        return new SessionStore(new SqlSessionRecords(sql, Clock.systemUTC()), idle, maxAge, clock);
    }

    private SessionStore(SessionRecords records, Duration idle, Duration maxAge, Clock clock) {
        this.records = records;
        this.idle = idle;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    /**
     * Creates a session and returns its token (the only time the token exists outside the client). The
     * session holds what each request needs to know of its user, so authenticating costs one call to the store;
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
        records.create(userId, hash, value(userId, mustChangePassword, email, now),
                Math.min(idle.toSeconds(), maxAge.toSeconds()), maxAge.toSeconds(),
                java.util.Map.of("client", origin.client(), "agent", origin.agent(), "created", String.valueOf(now)));
        return token;
    }

    /**
     * One of a person's live sessions as their profile lists it. {@code id} is the session's hash (never its
     * token); {@code lastActive} is told from the idle expiry the store keeps, so it costs no write per request.
     */
    public record Listed(String id, long createdEpochSecond, long lastActiveEpochSecond, String client, String agent) {
    }

    /** The person's live sessions, newest first (one round trip for the lot). */
    public List<Listed> list(UUID userId) {
        long now = clock.instant().getEpochSecond();
        List<Listed> out = new ArrayList<>();
        for (SessionRecords.Described d : records.describe(List.copyOf(records.hashesOf(userId)))) {
            java.util.Map<String, String> info = d.info();
            long created = Long.parseLong(info.getOrDefault("created", "0"));
            long lastActive = Math.max(created, now - Math.max(0, idle.toSeconds() - d.secondsLeft()));
            out.add(new Listed(d.hash(), created, lastActive, info.getOrDefault("client", ""),
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
        records.putNote(hash, "note:" + name, value);
    }

    public Optional<String> noteOf(Principal p, String name) {
        return records.note(p.sessionHash(), "note:" + name);
    }

    /** Ends one of the user's sessions by its id; false when they have no such live session. */
    public boolean close(UUID userId, String sessionHash) {
        if (sessionHash == null || !records.belongs(userId, sessionHash)) {
            return false;
        }
        end(userId, sessionHash);
        return true;
    }

    /** Ends every session of the user but {@code keep} (the one asking); returns how many ended. */
    public int closeOthers(UUID userId, String keep) {
        int n = 0;
        for (String hash : records.hashesOf(userId)) {
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
        Optional<String> value = records.touch(hash, idle.toSeconds());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Stored stored = Stored.parse(value.get());
        long now = clock.instant().getEpochSecond();
        long created = stored.createdEpochSecond();
        if (created < 0) {
            // A session opened before sessions had an absolute lifetime: it starts counting now.
            created = now;
            records.rewrite(stored.userId(), hash, value(stored.userId(), stored.mustChangePassword(), stored.email(), now),
                    maxAge.toSeconds());
        }
        long left = created + maxAge.toSeconds() - now;
        if (left <= 0) {
            end(stored.userId(), hash);
            return Optional.empty();
        }
        if (left < idle.toSeconds()) {
            records.shorten(hash, left);
        }
        return Optional.of(new Principal(stored.userId(), stored.email(), stored.mustChangePassword(), hash));
    }

    /** Which of these sessions are still live (one round trip, however many). */
    public Set<String> live(Collection<String> sessionHashes) {
        return records.live(sessionHashes);
    }

    public void close(Principal principal) {
        end(principal.userId(), principal.sessionHash());
    }

    /** Ends every session of the user; returns how many there were. */
    public int closeAll(UUID userId) {
        Set<String> hashes = records.endAll(userId);
        listeners.forEach(l -> l.userSignedOut(userId));
        return hashes.size();
    }

    private void end(UUID userId, String hash) {
        records.end(userId, hash);
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
