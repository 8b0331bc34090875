package com.adaptivestartup.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.testing.TestRedis;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Signals between two instances over a real Redis: each hears the other and never itself; when Redis goes away and
 * comes back, both hear again by themselves and ask their pages to catch up on what was said meanwhile.
 */
class RedisFanoutTest {

    private static JedisPooled client(int port) {
        return new JedisPooled(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().timeoutMillis(2_000).build());
    }

    @Test
    void instancesHearEachOtherNotThemselvesAndCatchUpAfterRedisComesBack() throws Exception {
        try (TestRedis.Own redis = TestRedis.own();
             JedisPooled a = client(redis.port()); JedisPooled b = client(redis.port());
             RedisFanout first = new RedisFanout(a); RedisFanout second = new RedisFanout(b)) {
            BlockingQueue<Signal> heardByFirst = new LinkedBlockingQueue<>();
            BlockingQueue<Signal> heardBySecond = new LinkedBlockingQueue<>();
            Semaphore resyncs = new Semaphore(0);
            first.listen(heardByFirst::add, resyncs::release);
            second.listen(heardBySecond::add, resyncs::release);

            UUID org = UUID.randomUUID();
            Signal event = Signal.event(org, "goals", null, "{\"type\":\"record.created\"}");
            first.send(event);
            assertThat(heardBySecond.poll(5, TimeUnit.SECONDS)).isEqualTo(event);
            assertThat(heardByFirst.poll(300, TimeUnit.MILLISECONDS)).as("an instance does not hear itself").isNull();
            Signal out = Signal.sessionEnded("abc123");
            second.send(out);
            assertThat(heardByFirst.poll(5, TimeUnit.SECONDS)).isEqualTo(out);

            redis.stop();
            first.send(Signal.signedOut(UUID.randomUUID())); // lost, and said so in the log; never thrown
            redis.start();
            assertThat(resyncs.tryAcquire(2, 20, TimeUnit.SECONDS)).as("both heard again and asked their pages to catch up")
                    .isTrue();
            Signal after = Signal.membershipChanged(UUID.randomUUID());
            first.send(after);
            assertThat(heardBySecond.poll(5, TimeUnit.SECONDS)).isEqualTo(after);
        }
    }

    @Test
    void signalsOfOtherShapesOrFromItselfAreIgnored() {
        Signal s = Signal.event(UUID.randomUUID(), null, UUID.randomUUID(), "{}");
        assertThat(Signal.read(s.write("me"), "me")).isEmpty();
        assertThat(Signal.read(s.write("other"), "me")).contains(s);
        assertThat(Signal.read("{\"kind\":\"SOMETHING\"}", "me")).isEmpty();
        assertThat(Signal.read("not json", "me")).isEmpty();
    }
}
