package com.adaptivestartup.server.testing;

import com.adaptivestartup.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real Redis for tests: the machine's redis-server on a free port, one per test JVM, no persistence. */
public final class TestRedis {
    private static TestRedis instance;
    private final int port;

    private TestRedis() throws IOException {
        this.port = Processes.freePort();
        Path dir = Files.createTempDirectory("adaptive-redis-");
        Path log = dir.resolve("redis.log");
        Process process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        Processes.awaitPort(port, Duration.ofSeconds(20), process, log);
    }

    public static synchronized TestRedis get() {
        if (instance == null) {
            try {
                instance = new TestRedis();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start redis-server: install the 'redis-server' package"
                        + " (bin/test does): " + e.getMessage(), e);
            }
        }
        return instance;
    }

    public ServerConfig.Redis config() {
        return new ServerConfig.Redis("127.0.0.1", port, null);
    }

    public int port() {
        return port;
    }

    /** A Redis of the test's own, which it may stop and start again on the same port (a dropped connection). */
    public static Own own() {
        return new Own(Processes.freePort());
    }

    public static final class Own implements AutoCloseable {
        private final int port;
        private Process process;

        private Own(int port) {
            this.port = port;
            start();
        }

        public int port() {
            return port;
        }

        public synchronized void start() {
            try {
                Path dir = Files.createTempDirectory("adaptive-redis-own-");
                Path log = dir.resolve("redis.log");
                process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                Processes.awaitPort(port, Duration.ofSeconds(20), process, log);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start redis-server: " + e.getMessage(), e);
            }
        }

        public synchronized void stop() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
