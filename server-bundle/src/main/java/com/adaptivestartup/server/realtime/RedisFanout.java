package com.adaptivestartup.server.realtime;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;

/**
 * Signals between the server's instances over one Redis pub/sub channel. A listening thread keeps a subscription,
 * subscribing again with a growing pause when the connection drops; once it hears again after a gap, the local
 * sockets are asked to reconnect and catch up ({@code resync}), since what was said meanwhile is not replayed.
 */
public final class RedisFanout implements Fanout {
    static final String CHANNEL = "adaptive:live";
    private static final Logger LOG = LoggerFactory.getLogger(RedisFanout.class);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    /** How long a starting instance waits to hear the others before it serves anyway (and says so). */
    private static final Duration FIRST_HEARING = Duration.ofSeconds(10);
    private final java.util.concurrent.CountDownLatch heard = new java.util.concurrent.CountDownLatch(1);
    private final JedisPooled redis;
    private final String origin = UUID.randomUUID().toString();
    private volatile boolean closed;
    private volatile JedisPubSub subscription;
    private Thread listener;

    public RedisFanout(JedisPooled redis) {
        this.redis = redis;
    }

    @Override
    public void send(Signal signal) {
        try {
            redis.publish(CHANNEL, signal.write(origin));
        } catch (RuntimeException e) {
            LOG.warn("a live update did not reach the other server instances (Redis: {}); their pages catch up when"
                    + " they next reconnect", e.toString());
        }
    }

    @Override
    public synchronized void listen(Consumer<Signal> deliver, Runnable resync) {
        if (listener != null) {
            throw new IllegalStateException("already listening");
        }
        listener = new Thread(() -> hear(deliver, resync), "live-updates-fanout");
        listener.setDaemon(true);
        listener.start();
        try {
            if (!heard.await(FIRST_HEARING.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("not hearing the other server instances yet (Redis pub/sub); serving anyway, pages connected"
                        + " here miss changes made through other instances until it does");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hear(Consumer<Signal> deliver, Runnable resync) {
        long pauseMs = 100;
        boolean gap = false;
        while (!closed) {
            boolean resumed = gap;
            JedisPubSub s = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int subscribedChannels) {
                    heard.countDown();
                    if (resumed) {
                        LOG.info("hearing the other server instances again; open pages reconnect to catch up");
                        resync.run();
                    }
                }

                @Override
                public void onMessage(String channel, String message) {
                    Signal.read(message, origin).ifPresent(signal -> {
                        try {
                            deliver.accept(signal);
                        } catch (RuntimeException e) {
                            LOG.warn("delivering a live update from another instance failed: {}", e.toString());
                        }
                    });
                }
            };
            subscription = s;
            try {
                redis.subscribe(s, CHANNEL);
                pauseMs = 100;
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("not hearing the other server instances (Redis: {}); trying again in {} ms", e.toString(), pauseMs);
                }
            }
            if (closed) {
                return;
            }
            gap = true;
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE.toMillis());
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub s = subscription;
        if (s != null && s.isSubscribed()) {
            try {
                s.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is going anyway
            }
        }
    }
}
