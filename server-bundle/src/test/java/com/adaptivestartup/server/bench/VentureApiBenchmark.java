package com.adaptivestartup.server.bench;

import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.LiveClient;
import com.adaptivestartup.server.testing.TestStack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Load on loopback: reading and writing ventures through the HTTP API (auth, access check, JSON,
 * activity log, live updates) against the same reads and writes done directly over JDBC, in one run,
 * on real PostgreSQL and Redis. Prints requests per second, p50/p99 latency and the ratio API / JDBC. The clients
 * speak HTTP/1.1 over plain keep-alive sockets ({@link PlainHttp}), light as wrk, so the server gets the cores.
 * Run by bench/server-api.sh; not part of the test suite.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class VentureApiBenchmark {
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 15));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));

    @FunctionalInterface
    interface Call {
        void run(int client) throws Exception;
    }

    record Result(String name, long requests, double perSecond, double p50, double p99, long errors) {
        @Override
        public String toString() {
            return String.format("%-28s %9d req %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   errors %d",
                    name, requests, perSecond, p50, p99, errors);
        }
    }

    @Test
    void readAndWriteVentures() throws Exception {
        try (TestStack stack = TestStack.latest()) {
            Api founder = stack.founder();
            String org = stack.adminOrgId.toString();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ids.add(founder.post("/api/orgs/" + org + "/ventures", Api.json(java.util.Map.of("name", "Venture " + i,
                        "data", java.util.Map.of("leanCanvas", java.util.Map.of("problem", "p".repeat(200))))))
                        .json().get("id").asText());
            }
            String base = "/api/orgs/" + org + "/ventures/";
            String token = founder.token();
            PlainHttp[] http = connections(stack.port, token);

            Result apiRead = measure("API  GET venture", c -> {
                int status = http[c].send("GET", base + pick(ids), null);
                check(status == 200, status);
            });
            Call patch = c -> {
                int status = http[c].send("PATCH", base + pick(ids), "{\"data\":{\"okrs\":{\"n\":"
                        + ThreadLocalRandom.current().nextInt() + "}}}");
                check(status == 200, status);
            };
            Result apiWrite = measure("API  PATCH venture", patch);
            Result apiWriteListened;
            try (LiveClient page = LiveClient.signedIn(stack.port, token)) {
                // A page listening: every write is pushed to it, after re-checking its session and membership.
                apiWriteListened = measure("API  PATCH, a page listening", patch);
                page.drain();
            }
            String wrkRead = wrk("http://127.0.0.1:" + stack.port + base + ids.get(0), token);
            close(http);
            Peer peer = new Peer(stack);
            Connection[] connections = peer.connections;
            UUID orgId = stack.adminOrgId;
            Result jdbcRead = measure("JDBC SELECT venture", c -> {
                try (PreparedStatement s = peer.prepare(c, "SELECT id, org_id, name, hypothesis,"
                        + " data::text, revision FROM ventures WHERE org_id = ? AND id = ? AND deleted_at IS NULL",
                        orgId, UUID.fromString(pick(ids)))) {
                    try (ResultSet r = s.executeQuery()) {
                        check(r.next(), 0);
                    }
                }
            });
            Result jdbcWrite = measure("JDBC UPDATE venture", c -> {
                try (PreparedStatement s = peer.prepare(c, "UPDATE ventures SET data = " + peer.dialect.jsonMerged("data")
                        + ", revision = revision + 1, updated_at = now() WHERE org_id = ? AND id = ?",
                        "{\"okrs\":{\"n\":" + ThreadLocalRandom.current().nextInt() + "}}", orgId, UUID.fromString(pick(ids)))) {
                    check(s.executeUpdate() == 1, 0);
                }
            });
            for (Connection c : connections) {
                c.close();
            }
            peer.close();
            System.out.println();
            System.out.println("Venture API on loopback, " + peer.name() + ", " + CLIENTS + " concurrent clients, "
                    + MEASURE.toSeconds() + " s each, " + Runtime.getRuntime().availableProcessors() + " cores (server,"
                    + " clients and the database share them)");
            for (Result r : List.of(apiRead, jdbcRead, apiWrite, apiWriteListened, jdbcWrite)) {
                System.out.println(r);
            }
            System.out.println(wrkRead);
            System.out.printf("ratio read  throughput API/JDBC: %.2f%n", apiRead.perSecond() / jdbcRead.perSecond());
            System.out.printf("ratio write throughput API/JDBC: %.2f (the API also appends a hash-chained activity"
                    + " row and pushes a live update per write)%n", apiWrite.perSecond() / jdbcWrite.perSecond());
            System.out.printf("ratio write throughput with a page listening / without: %.2f (each push re-checks the"
                    + " page's session and membership)%n", apiWriteListened.perSecond() / apiWrite.perSecond());
        }
    }

    /**
     * The founder's workspace under a mixed load: each client picks, request by request, among reads (a page of
     * goals, one feature, the interviews, the forecast) and writes (a new interview, a changed feature, a new key
     * result, a canvas section), 70/30; reads and writes are timed apart. The JDBC peer does the same mix of
     * plain statements (a page select, an update, an insert) in the same run.
     */
    @Test
    void mixedWorkspaceWorkload() throws Exception {
        try (TestStack stack = TestStack.latest()) {
            Api founder = stack.founder();
            String org = stack.adminOrgId.toString();
            String venture = founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Bench\"}").json().get("id").asText();
            String v = "/api/orgs/" + org + "/ventures/" + venture + "/";
            List<String> goals = new ArrayList<>();
            List<String> features = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                goals.add(founder.post(v + "goals", Api.json(java.util.Map.of("title", "Goal " + i, "status", "in_progress")))
                        .json().get("id").asText());
                features.add(founder.post(v + "features", Api.json(java.util.Map.of("title", "Feature " + i,
                        "status", "planned"))).json().get("id").asText());
                founder.post(v + "interviews", Api.json(java.util.Map.of("name", "Customer " + i, "sentiment", "neutral")));
            }
            founder.post(v + "revenue-streams", "{\"name\":\"Plan\",\"price\":20,\"frequency\":\"monthly\",\"quantity\":100}");
            founder.post(v + "costs", "{\"name\":\"Rent\",\"amount\":900,\"frequency\":\"monthly\"}");
            String canvas = founder.get(v + "canvases").json().get("items").get(0).get("id").asText();
            String base = v;
            String token = founder.token();
            PlainHttp[] http = connections(stack.port, token);
            List<String> reads = List.of("goals?limit=50", "features/", "interviews?limit=50", "forecast?months=12");
            Mix api = mix("API  workspace", c -> {
                int pick = ThreadLocalRandom.current().nextInt(10);
                if (pick < 7) {
                    String path = reads.get(pick % reads.size());
                    String url = base + (path.endsWith("/") ? path + pickOf(features) : path);
                    int status = http[c].send("GET", url, null);
                    check(status == 200, status);
                    return false;
                }
                String[] write = switch (pick) {
                    case 7 -> new String[]{"POST", "interviews", "{\"name\":\"Walk-in\",\"sentiment\":\"positive\"}"};
                    case 8 -> new String[]{"PATCH", "features/" + pickOf(features), "{\"status\":\"in_progress\",\"title\":\"F"
                            + ThreadLocalRandom.current().nextInt(1000) + "\"}"};
                    default -> ThreadLocalRandom.current().nextBoolean()
                            ? new String[]{"POST", "key-results", "{\"goalId\":\"" + pickOf(goals)
                            + "\",\"description\":\"More\",\"target\":10,\"current\":3}"}
                            : new String[]{"PATCH", "canvases/" + canvas, "{\"sections\":{\"problem\":\"p"
                            + ThreadLocalRandom.current().nextInt() + "\"}}"};
                };
                int status = http[c].send(write[0], base + write[1], write[2]);
                check(status == 200 || status == 201, status);
                return true;
            });
            close(http);
            Peer peer = new Peer(stack);
            Connection[] connections = peer.connections;
            UUID orgId = stack.adminOrgId;
            UUID ventureId = UUID.fromString(venture);
            Mix jdbc = mix("JDBC workspace", c -> {
                int pick = ThreadLocalRandom.current().nextInt(10);
                if (pick < 7) {
                    try (PreparedStatement s = peer.prepare(c, "SELECT * FROM "
                            + (pick % 2 == 0 ? "goals" : "interviews") + " WHERE org_id = ? AND venture_id = ?"
                            + " ORDER BY created_at, id LIMIT 51", orgId, ventureId)) {
                        try (ResultSet r = s.executeQuery()) {
                            check(r.next(), 0);
                        }
                    }
                    return false;
                }
                try (PreparedStatement s = pick == 7
                        ? peer.prepare(c, "INSERT INTO interviews (id, org_id, venture_id, name, sentiment) VALUES (?, ?, ?,"
                        + " 'Walk-in', 'positive')", UUID.randomUUID(), orgId, ventureId)
                        : peer.prepare(c, "UPDATE features SET status = 'in_progress', revision = revision + 1,"
                        + " updated_at = now() WHERE org_id = ? AND venture_id = ? AND id = ?", orgId, ventureId,
                        UUID.fromString(pickOf(features)))) {
                    check(s.executeUpdate() == 1, 0);
                }
                return true;
            });
            for (Connection c : connections) {
                c.close();
            }
            peer.close();
            System.out.println();
            System.out.println("Workspace mix on loopback (70% reads, 30% writes), " + peer.name() + ", " + CLIENTS
                    + " concurrent clients, "
                    + MEASURE.toSeconds() + " s, " + Runtime.getRuntime().availableProcessors() + " cores shared");
            for (Result r : List.of(api.reads(), api.writes(), jdbc.reads(), jdbc.writes())) {
                System.out.println(r);
            }
            System.out.printf("ratio workspace read  throughput API/JDBC: %.2f   p99 %.1f ms (goal < 50)%n",
                    api.reads().perSecond() / jdbc.reads().perSecond(), api.reads().p99());
            System.out.printf("ratio workspace write throughput API/JDBC: %.2f   p99 %.1f ms (goal < 100)%n",
                    api.writes().perSecond() / jdbc.writes().perSecond(), api.writes().p99());
        }
    }

    /**
     * Live updates across two instances of the server on one database and Redis (replicas): the time from sending a
     * write to a page on the other instance hearing of it, against a page on the instance that made the change (the
     * peer: one instance alone), over 1,000 writes after 100 to warm up.
     */
    @Test
    void liveUpdatesAcrossInstances() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestStack.sqlite(), "the single container is one instance");
        try (TestStack stack = TestStack.latest()) {
            com.adaptivestartup.server.AdaptiveServer second = new com.adaptivestartup.server.AdaptiveServer(stack.config,
                    stack.release, java.time.Clock.systemUTC());
            int secondPort = second.start(0);
            Api founder = stack.founder();
            String org = stack.adminOrgId.toString();
            String venture = founder.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Live\"}").json().get("id").asText();
            String goals = "/api/orgs/" + org + "/ventures/" + venture + "/goals";
            PlainHttp writer = new PlainHttp(stack.port, founder.token());
            List<Long> same = new ArrayList<>();
            List<Long> other = new ArrayList<>();
            try (LiveClient here = LiveClient.signedIn(stack.port, founder.token());
                 LiveClient there = LiveClient.signedIn(secondPort, founder.token())) {
                here.drain();
                there.drain();
                for (int i = 0; i < 1_100; i++) {
                    long t0 = System.nanoTime();
                    int status = writer.send("POST", goals, "{\"title\":\"Goal " + i + "\"}");
                    check(status == 201, status);
                    long onSame = arrival(here) - t0;
                    long onOther = arrival(there) - t0;
                    if (i >= 100) {
                        same.add(onSame);
                        other.add(onOther);
                    }
                }
            } finally {
                writer.close();
                second.close();
            }
            same.sort(Long::compare);
            other.sort(Long::compare);
            System.out.println();
            System.out.println("Live updates across two server instances (PostgreSQL and Redis shared), " + other.size()
                    + " writes, one at a time");
            System.out.printf("API  live, page on the other instance   p50 %6.2f ms   p99 %6.2f ms%n", other.get(other.size() / 2) / 1e6,
                    other.get((int) (other.size() * 0.99)) / 1e6);
            System.out.printf("API  live, page on the same instance    p50 %6.2f ms   p99 %6.2f ms%n", same.get(same.size() / 2) / 1e6,
                    same.get((int) (same.size() * 0.99)) / 1e6);
            System.out.printf("ratio live p50 other/same instance: %.2f (the write itself is in both)%n",
                    (double) other.get(other.size() / 2) / same.get(same.size() / 2));
        }
    }

    /** When the next record.created event reached the page. */
    private static long arrival(LiveClient page) throws Exception {
        while (true) {
            LiveClient.Timed m = page.pollTimed(Duration.ofSeconds(5));
            if (m == null) {
                throw new IllegalStateException("no live update within 5 s");
            }
            if ("record.created".equals(m.message().path("type").asText())) {
                return m.arrivedNanos();
            }
        }
    }

    /**
     * The plain-JDBC peer: one connection per client to the same database, statements in its own spelling (PostgreSQL's
     * or SQLite's, as the server's own {@code Dialect} writes them) with values bound as the server binds them.
     */
    static final class Peer implements AutoCloseable {
        final Connection[] connections = new Connection[CLIENTS];
        final com.adaptivestartup.server.db.Dialect dialect;
        private final com.zaxxer.hikari.HikariDataSource pool;

        Peer(TestStack stack) throws java.sql.SQLException {
            var db = stack.config.database();
            dialect = db.isSqlite() ? com.adaptivestartup.server.db.Dialect.SQLITE : com.adaptivestartup.server.db.Dialect.POSTGRES;
            // SQLite's connections as the server opens them (write-ahead log, waiting for the writer, one writer)
            pool = db.isSqlite() ? com.adaptivestartup.server.db.Database.pool(db, CLIENTS) : null;
            for (int i = 0; i < CLIENTS; i++) {
                connections[i] = pool != null ? pool.getConnection()
                        : java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
            }
        }

        String name() {
            return dialect == com.adaptivestartup.server.db.Dialect.SQLITE ? "SQLite" : "PostgreSQL";
        }

        PreparedStatement prepare(int client, String sql, Object... params) throws java.sql.SQLException {
            PreparedStatement s = connections[client].prepareStatement(dialect.translate(sql));
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, dialect.bind(params[i]));
            }
            return s;
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /** One keep-alive connection per client (each used by one client thread at a time). */
    private static PlainHttp[] connections(int port, String token) {
        PlainHttp[] http = new PlainHttp[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            http[c] = new PlainHttp(port, token);
        }
        return http;
    }

    private static void close(PlainHttp[] http) {
        for (PlainHttp h : http) {
            h.close();
        }
    }

    @FunctionalInterface
    interface MixedCall {
        /** Runs one request; true when it was a write. */
        boolean run(int client) throws Exception;
    }

    record Mix(Result reads, Result writes) {
    }

    private static Mix mix(String name, MixedCall call) throws InterruptedException {
        long[][] readTimes = new long[CLIENTS][2_000_000];
        long[][] writeTimes = new long[CLIENTS][2_000_000];
        int[][] counts = new int[CLIENTS][2];
        Call timed = c -> {
            long t0 = System.nanoTime();
            boolean write = call.run(c);
            long took = System.nanoTime() - t0;
            int k = write ? 1 : 0;
            if (counts[c][k] < readTimes[c].length) {
                (write ? writeTimes : readTimes)[c][counts[c][k]++] = took;
            }
        };
        run(timed, WARMUP, null, new AtomicLong());
        for (int[] c : counts) {
            Arrays.fill(c, 0);
        }
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        run(timed, MEASURE, null, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Mix(summary(name + " reads", readTimes, counts, 0, seconds, errors.get()),
                summary(name + " writes", writeTimes, counts, 1, seconds, 0));
    }

    private static Result summary(String name, long[][] times, int[][] counts, int kind, double seconds, long errors) {
        long[] all = java.util.stream.IntStream.range(0, times.length)
                .mapToObj(c -> Arrays.copyOf(times[c], counts[c][kind])).flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            return new Result(name, 0, 0, 0, 0, errors);
        }
        return new Result(name, all.length, all.length / seconds, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, errors);
    }

    private static String pickOf(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    /** The same GET from wrk (C, far lighter than a JVM client), when it is installed. */
    private static String wrk(String url, String token) throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v wrk").start().waitFor() != 0) {
            return "wrk                          (not installed: apt-get install wrk)";
        }
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + CLIENTS, "-d" + MEASURE.toSeconds() + "s", "--latency",
                "-H", "Authorization: Bearer " + token, url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        String rps = out.lines().filter(l -> l.startsWith("Requests/sec")).findFirst().orElse("?").replaceAll("\\s+", " ");
        String p99 = out.lines().filter(l -> l.strip().startsWith("99%")).findFirst().orElse("?").strip();
        String p50 = out.lines().filter(l -> l.strip().startsWith("50%")).findFirst().orElse("?").strip();
        String non2xx = out.lines().filter(l -> l.contains("Non-2xx")).findFirst().orElse("non-2xx 0").strip();
        return String.format("%-28s %s   p50 %s   p99 %s   %s", "wrk  GET venture", rps, p50.replace("50% ", ""),
                p99.replace("99% ", ""), non2xx);
    }

    private static String pick(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private static void check(boolean ok, int status) {
        if (!ok) {
            throw new IllegalStateException("unexpected response " + status);
        }
    }

    private static Result measure(String name, Call call) throws InterruptedException {
        run(call, WARMUP, null, new AtomicLong());
        List<long[]> perClient = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        run(call, MEASURE, perClient, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        return new Result(name, all.length, all.length / seconds, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, errors.get());
    }

    private static void run(Call call, Duration duration, List<long[]> sink, AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                long[] latencies = new long[2_000_000];
                if (sink != null) {
                    synchronized (sink) {
                        sink.add(latencies);
                    }
                }
                pool.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end && n < latencies.length) {
                        long t0 = System.nanoTime();
                        try {
                            call.run(client);
                            latencies[n++] = System.nanoTime() - t0;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
        }
    }
}
