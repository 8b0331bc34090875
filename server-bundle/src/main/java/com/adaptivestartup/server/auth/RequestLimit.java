package com.adaptivestartup.server.auth;

import java.time.Duration;
import java.util.List;
import redis.clients.jedis.JedisPooled;

/**
 * A fixed-window count for requests that cost something (a mail sent, a token tried), in Redis or, in the single
 * container, in memory: each call counts, and says whether the count is still within the limit. Atomic, so
 * parallel requests cannot slip past it.
 */
public final class RequestLimit {
    private static final String PREFIX = "as:limit:";
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;
    private final JedisPooled redis;
    private final MemoryCounters memory;

    public RequestLimit(JedisPooled redis) {
        this.redis = redis;
        this.memory = null;
    }

    public RequestLimit(MemoryCounters memory) {
        this.redis = null;
        this.memory = memory;
    }

    /** Counts this request under {@code key}; true while at most {@code limit} have been counted in the window. */
    public boolean allow(String key, int limit, Duration window) {
        long n = memory != null ? memory.increment(PREFIX + key, window.toSeconds())
                : (Long) redis.eval(COUNT, List.of(PREFIX + key), List.of(String.valueOf(window.toSeconds())));
        return n <= limit;
    }
}
