package com.adaptivestartup.server.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/**
 * Opaque sessions in Redis: the client holds a random token, Redis holds its hash with the user id and
 * a sliding expiry. Logout deletes it; a password change deletes all of a user's sessions.
 */
public final class SessionStore {
    private static final String SESSION = "as:session:";
    private static final String USER_SESSIONS = "as:user-sessions:";
    private static final String FAILED_LOGINS = "as:failed-logins:";
    private final JedisPooled redis;
    private final Duration ttl;

    public SessionStore(JedisPooled redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /**
     * Creates a session and returns its token (the only time the token exists outside the client). The
     * session holds what each request needs to know of its user, so authenticating costs one Redis call;
     * a password change ends all sessions, so the flag kept here cannot go stale.
     */
    public String open(UUID userId, String email, boolean mustChangePassword) {
        String token = Tokens.random();
        String hash = Tokens.sha256Hex(token);
        redis.setex(SESSION + hash, ttl.toSeconds(), userId + "|" + (mustChangePassword ? "1" : "0") + "|" + email);
        redis.sadd(USER_SESSIONS + userId, hash);
        redis.expire(USER_SESSIONS + userId, ttl.toSeconds());
        return token;
    }

    /** The user of a live session, extending it; empty when unknown, expired or revoked. */
    public Optional<Principal> resolve(String token) {
        String hash = Tokens.sha256Hex(token);
        String value = redis.getEx(SESSION + hash, new redis.clients.jedis.params.GetExParams().ex(ttl.toSeconds()));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\|", 3);
        return Optional.of(new Principal(UUID.fromString(parts[0]), parts[2], parts[1].equals("1"), hash));
    }

    public void close(String sessionHash) {
        redis.del(SESSION + sessionHash);
    }

    public void closeAll(UUID userId) {
        for (String hash : redis.smembers(USER_SESSIONS + userId)) {
            redis.del(SESSION + hash);
        }
        redis.del(USER_SESSIONS + userId);
    }

    /** Counts a failed login for this email; true when it is over the limit (10 in 15 minutes). */
    public boolean tooManyFailures(String email) {
        String key = FAILED_LOGINS + email.toLowerCase(java.util.Locale.ROOT);
        String count = redis.get(key);
        return count != null && Integer.parseInt(count) >= 10;
    }

    public void recordFailure(String email) {
        String key = FAILED_LOGINS + email.toLowerCase(java.util.Locale.ROOT);
        long n = redis.incr(key);
        if (n == 1) {
            redis.expire(key, 15 * 60);
        }
    }

    public void clearFailures(String email) {
        redis.del(FAILED_LOGINS + email.toLowerCase(java.util.Locale.ROOT));
    }
}
