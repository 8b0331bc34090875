package com.adaptivestartup.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.JedisPooled;

/**
 * Slows password guessing, counted over a window (15 minutes) and atomically, in Redis (one Lua script checks the
 * limits and counts) or, alone, in memory (the same steps under one lock): each attempt is counted before its
 * password is checked, so parallel guesses cannot all slip through between a check and a count. Three counts:
 * <ul>
 *   <li>per client address: after {@value #CLIENT_LIMIT} failures, whatever the accounts, each further attempt
 *       from it must wait a pause that doubles (1 s, 2 s, 4 s ... at most a minute): spraying many emails is
 *       slowed to nothing, while people behind one office address who mistype are only slowed;</li>
 *   <li>per account and client: {@value #PAIR_LIMIT} failures, then that client waits out the window;</li>
 *   <li>per account: {@value #ACCOUNT_LIMIT} failures from anywhere. Past it the account is locked only for
 *       clients that have failed on it: the owner, signing in from a client that has not been failing, still
 *       gets in with the right password, so an attacker cannot lock them out.</li>
 * </ul>
 * A successful sign-in takes back its own count and forgives that client's failures on that account.
 */
public final class SignInLimiter {
    static final int CLIENT_LIMIT = 10;
    static final int PAIR_LIMIT = 5;
    static final int ACCOUNT_LIMIT = 10;
    private static final int LONGEST_PAUSE_SECONDS = 60;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String PREFIX = "as:signin:";
    private static final String RESERVE = """
            local now = tonumber(ARGV[5])   -- milliseconds
            local client = tonumber(redis.call('GET', KEYS[1]) or '0')
            if client >= tonumber(ARGV[1]) then
              local ready = tonumber(redis.call('GET', KEYS[4]) or '0')
              if now < ready then return {1, math.ceil((ready - now) / 1000)} end
            end
            local pair = tonumber(redis.call('GET', KEYS[2]) or '0')
            if pair >= tonumber(ARGV[2]) then return {2, redis.call('TTL', KEYS[2])} end
            local account = tonumber(redis.call('GET', KEYS[3]) or '0')
            if account >= tonumber(ARGV[3]) and pair > 0 then return {3, redis.call('TTL', KEYS[3])} end
            for i = 1, 3 do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[4]) end
            end
            local over = client + 1 - tonumber(ARGV[1])
            if over >= 0 then
              redis.call('SET', KEYS[4], now + 1000 * math.min(tonumber(ARGV[6]), 2 ^ over), 'EX', ARGV[4])
            end
            return {0, 0}
            """;
    private static final String FORGIVE = """
            for i = 1, 3, 2 do
              if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
            end
            redis.call('DEL', KEYS[2])
            return 0
            """;
    private final JedisPooled redis;
    private final MemoryCounters memory;
    private final int clientLimit;

    /**
     * @param clientsToldApart whether the server learns each client's own address (from release 1.2.0 the stack's
     *                         nginx names it and the server trusts it); without that every client behind the proxy
     *                         shares one address, and a limit per address would shut everyone out at once
     */
    public SignInLimiter(JedisPooled redis, boolean clientsToldApart) {
        this.redis = redis;
        this.memory = null;
        this.clientLimit = clientsToldApart ? CLIENT_LIMIT : Integer.MAX_VALUE;
    }

    /** Counting in this process (the single container): the same rules, RESERVE and FORGIVE in Java. */
    public SignInLimiter(MemoryCounters memory) {
        this.redis = null;
        this.memory = memory;
        this.clientLimit = CLIENT_LIMIT;
    }

    /** Why an attempt was refused before its password was looked at; {@code retryAfterSeconds} for the client. */
    public record Refusal(String message, long retryAfterSeconds) {
    }

    /** Counts the attempt as a failure in advance; a refusal when a limit is already reached. */
    public java.util.Optional<Refusal> reserve(String email, String client) {
        List<?> result = memory != null ? memory.atomically(m -> reserveInMemory(m, keys(email, client)))
                : (List<?>) redis.eval(RESERVE, keys(email, client),
                List.of(String.valueOf(clientLimit), String.valueOf(PAIR_LIMIT), String.valueOf(ACCOUNT_LIMIT),
                        String.valueOf(WINDOW.toSeconds()), String.valueOf(Instant.now().toEpochMilli()),
                        String.valueOf(LONGEST_PAUSE_SECONDS)));
        long which = (Long) result.get(0);
        long seconds = Math.max(1, (Long) result.get(1));
        return switch ((int) which) {
            case 0 -> java.util.Optional.empty();
            case 1 -> java.util.Optional.of(new Refusal("too many failed sign-ins from your address; wait " + seconds
                    + " second" + (seconds == 1 ? "" : "s") + " before trying again", seconds));
            default -> java.util.Optional.of(new Refusal("too many failed sign-ins for this email from your address;"
                    + " wait " + Math.max(1, (seconds + 59) / 60) + " minute" + (seconds > 60 ? "s" : "")
                    + ", or reset the password", seconds));
        };
    }

    /** The attempt succeeded: its advance count is taken back and this client's failures on the account forgiven. */
    public void succeeded(String email, String client) {
        List<String> keys = keys(email, client);
        if (memory != null) {
            memory.atomically(m -> {
                m.decrement(keys.get(0));
                m.decrement(keys.get(2));
                m.delete(keys.get(1));
                return null;
            });
        } else {
            redis.eval(FORGIVE, keys, List.of());
        }
    }

    /** {@link #RESERVE}, step for step, over counts in this process. */
    private List<Long> reserveInMemory(MemoryCounters m, List<String> keys) {
        long now = Instant.now().toEpochMilli();
        long window = WINDOW.toSeconds();
        long client = m.number(keys.get(0));
        if (client >= clientLimit) {
            long ready = m.number(keys.get(3));
            if (now < ready) {
                return List.of(1L, (ready - now + 999) / 1000);
            }
        }
        long pair = m.number(keys.get(1));
        if (pair >= PAIR_LIMIT) {
            return List.of(2L, m.secondsLeft(keys.get(1)));
        }
        long account = m.number(keys.get(2));
        if (account >= ACCOUNT_LIMIT && pair > 0) {
            return List.of(3L, m.secondsLeft(keys.get(2)));
        }
        for (int i = 0; i < 3; i++) {
            m.increment(keys.get(i), window);
        }
        long over = client + 1 - clientLimit;
        if (over >= 0) {
            m.put(keys.get(3), Long.toString(now + 1000 * (long) Math.min(LONGEST_PAUSE_SECONDS, Math.pow(2, over))), window);
        }
        return List.of(0L, 0L);
    }

    private static List<String> keys(String email, String client) {
        String account = email.strip().toLowerCase(Locale.ROOT);
        return List.of(PREFIX + "client:" + client, PREFIX + "pair:" + account + "|" + client, PREFIX + "account:" + account,
                PREFIX + "client-ready:" + client);
    }
}
