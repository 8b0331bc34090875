package com.adaptivestartup.server.auth;

import java.util.Optional;
import redis.clients.jedis.JedisPooled;

/**
 * One-time values that live a few minutes (a sign-in's state while the person is at their identity provider, the
 * code that hands its session to the app): in Redis in the full stack, in this process in the single container.
 */
public interface Handoffs {
    void put(String key, String value, long seconds);

    /** The value, gone once taken; empty when unknown, expired or already taken. */
    Optional<String> take(String key);

    static Handoffs redis(JedisPooled redis) {
        return new Handoffs() {
            public void put(String key, String value, long seconds) {
                redis.setex(key, seconds, value);
            }

            public Optional<String> take(String key) {
                return Optional.ofNullable(redis.getDel(key));
            }
        };
    }

    static Handoffs memory(MemoryCounters memory) {
        return new Handoffs() {
            public void put(String key, String value, long seconds) {
                memory.put(key, value, seconds);
            }

            public Optional<String> take(String key) {
                return memory.take(key);
            }
        };
    }
}
