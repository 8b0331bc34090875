package com.adaptivestartup.server.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

/**
 * Sessions in Redis: each a key with a TTL (the idle expiry), its info in a hash, and each user's set of session
 * hashes living as long as the longest a session can, so "sign out everywhere" always finds every session.
 */
final class RedisSessionRecords implements SessionRecords {
    private static final String SESSION = "as:session:";
    private static final String USER_SESSIONS = "as:user-sessions:";
    /** What the person sees of each session in their profile: where it signed in from, with what. */
    private static final String INFO = "as:session-info:";
    private final JedisPooled redis;

    RedisSessionRecords(JedisPooled redis) {
        this.redis = redis;
    }

    @Override
    public void create(UUID userId, String hash, String value, long idleSeconds, long maxAgeSeconds,
                       Map<String, String> info) {
        try (var p = redis.pipelined()) {
            p.setex(SESSION + hash, idleSeconds, value);
            p.sadd(USER_SESSIONS + userId, hash);
            p.expire(USER_SESSIONS + userId, maxAgeSeconds);
            p.hset(INFO + hash, info);
            p.expire(INFO + hash, maxAgeSeconds);
            p.sync();
        }
    }

    @Override
    public Optional<String> touch(String hash, long idleSeconds) {
        return Optional.ofNullable(redis.getEx(SESSION + hash, new GetExParams().ex(idleSeconds)));
    }

    @Override
    public void rewrite(UUID userId, String hash, String value, long maxAgeSeconds) {
        redis.set(SESSION + hash, value, SetParams.setParams().keepTtl());
        redis.sadd(USER_SESSIONS + userId, hash);
        redis.expire(USER_SESSIONS + userId, maxAgeSeconds);
    }

    @Override
    public void shorten(String hash, long seconds) {
        redis.expire(SESSION + hash, seconds);
    }

    @Override
    public Set<String> hashesOf(UUID userId) {
        return redis.smembers(USER_SESSIONS + userId);
    }

    @Override
    public boolean belongs(UUID userId, String hash) {
        return redis.sismember(USER_SESSIONS + userId, hash);
    }

    @Override
    public List<Described> describe(List<String> hashes) {
        List<Response<Long>> ttls = new ArrayList<>(hashes.size());
        List<Response<Map<String, String>>> infos = new ArrayList<>(hashes.size());
        try (var p = redis.pipelined()) {
            for (String h : hashes) {
                ttls.add(p.ttl(SESSION + h));
                infos.add(p.hgetAll(INFO + h));
            }
            p.sync();
        }
        List<Described> out = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            long ttl = ttls.get(i).get();
            if (ttl >= 0) {   // otherwise ended (or expired) since it was added to the set
                out.add(new Described(hashes.get(i), ttl, infos.get(i).get()));
            }
        }
        return out;
    }

    @Override
    public void putNote(String hash, String name, String value) {
        redis.hset(INFO + hash, name, value);
    }

    @Override
    public Optional<String> note(String hash, String name) {
        return Optional.ofNullable(redis.hget(INFO + hash, name));
    }

    @Override
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

    @Override
    public void end(UUID userId, String hash) {
        redis.del(SESSION + hash, INFO + hash);
        redis.srem(USER_SESSIONS + userId, hash);
    }

    @Override
    public Set<String> endAll(UUID userId) {
        Set<String> hashes = redis.smembers(USER_SESSIONS + userId);
        for (String hash : hashes) {
            redis.del(SESSION + hash, INFO + hash);
        }
        redis.del(USER_SESSIONS + userId);
        return hashes;
    }
}
