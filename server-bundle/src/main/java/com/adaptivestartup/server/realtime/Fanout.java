package com.adaptivestartup.server.realtime;

import java.util.function.Consumer;

/**
 * How a signal reaches the other instances of the server: none when it runs alone (the single container, a test),
 * Redis pub/sub when several share one database ({@link RedisFanout}). The sending instance delivers to its own
 * sockets itself; a fanout carries the signal to the others only.
 */
public interface Fanout extends AutoCloseable {

    /** Tells the other instances (never throws: a lost signal is logged, the change it tells of is committed). */
    void send(Signal signal);

    /**
     * Starts hearing the other instances: {@code deliver} gets their signals; {@code resync} runs when hearing
     * resumed after a gap (signals may have been missed: the local sockets should reconnect and catch up).
     */
    void listen(Consumer<Signal> deliver, Runnable resync);

    @Override
    void close();

    /** An instance alone. */
    Fanout NONE = new Fanout() {
        @Override
        public void send(Signal signal) {
        }

        @Override
        public void listen(Consumer<Signal> deliver, Runnable resync) {
        }

        @Override
        public void close() {
        }
    };
}
