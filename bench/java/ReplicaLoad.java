import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.adaptivestartup.server.bench.PlainHttp;

/**
 * The load of bench/replicas.sh against an installed stack (run as a source file, with the server's test classes on the
 * class path for its benchmark client, {@code PlainHttp}):
 * <ul>
 *   <li>{@code setup PORT EMAIL INITIAL-PASSWORD STATE-FILE}: replaces the first admin's initial password, makes a
 *       venture with 50 goals, features and interviews, and writes the token and the venture's path to STATE-FILE;</li>
 *   <li>{@code mix ADDRESS STATE-FILE CLIENTS WARMUP-S SECONDS LABEL}: the workspace mix of bench/server-api.sh (70%
 *       reads of four kinds, 30% writes of four) through ADDRESS (the web server), clients on keep-alive connections one
 *       request at a time; prints reads and writes apart (req/s, p50, p99);</li>
 *   <li>{@code live STATE-FILE WRITER PAGE...}: 1,100 goals written one at a time through WRITER (a server container's
 *       address), each timed until every PAGE (server containers' addresses) heard it live; the first 100 not counted.</li>
 * </ul>
 */
public final class ReplicaLoad {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(Integer.parseInt(args[1]), args[2], args[3], Path.of(args[4]));
            case "mix" -> mix(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), args[6]);
            case "live" -> live(Path.of(args[1]), args[2], Arrays.asList(args).subList(3, args.length));
            default -> throw new IllegalArgumentException("setup | mix | live");
        }
    }

    private static void setup(int port, String email, String initial, Path state) throws Exception {
        String api = "http://127.0.0.1:" + port;
        String password = "bench-" + Long.toHexString(System.nanoTime()) + "-password";
        String first = field(post(api + "/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + initial + "\"}"), "token");
        post(api + "/api/auth/password", first, "{\"currentPassword\":\"" + initial + "\",\"newPassword\":\"" + password + "\"}");
        String token = field(post(api + "/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), "token");
        String org = ids(get(api + "/api/orgs", token)).getFirst();
        String venture = field(post(api + "/api/orgs/" + org + "/ventures", token, "{\"name\":\"Bench\"}"), "id");
        String v = "/api/orgs/" + org + "/ventures/" + venture + "/";
        for (int i = 0; i < 50; i++) {
            post(api + v + "goals", token, "{\"title\":\"Goal " + i + "\",\"status\":\"in_progress\"}");
            post(api + v + "features", token, "{\"title\":\"Feature " + i + "\",\"status\":\"planned\"}");
            post(api + v + "interviews", token, "{\"name\":\"Customer " + i + "\",\"sentiment\":\"neutral\"}");
        }
        post(api + v + "revenue-streams", token, "{\"name\":\"Plan\",\"price\":20,\"frequency\":\"monthly\",\"quantity\":100}");
        post(api + v + "costs", token, "{\"name\":\"Rent\",\"amount\":900,\"frequency\":\"monthly\"}");
        Files.writeString(state, token + "\n" + v + "\n");
    }

    private record Timed(boolean write, long nanos) {
    }

    private static void mix(String address, Path state, int clients, int warmup, int seconds, String label) throws Exception {
        List<String> lines = Files.readAllLines(state);
        String token = lines.get(0);
        String v = lines.get(1);
        String api = "http://" + address;
        List<String> goals = ids(get(api + v + "goals?limit=50", token));
        List<String> features = ids(get(api + v + "features?limit=50", token));
        String canvas = ids(get(api + v + "canvases", token)).getFirst();
        List<String> reads = List.of("goals?limit=50", "features/", "interviews?limit=50", "forecast?months=12");
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<List<Timed>> sinks = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Timed> sink = new ArrayList<>();
            sinks.add(sink);
            threads.add(Thread.ofPlatform().start(() -> {
                try (PlainHttp http = client(address, token)) {
                    while (running.get()) {
                        ThreadLocalRandom r = ThreadLocalRandom.current();
                        int pick = r.nextInt(10);
                        String method = "GET";
                        String path;
                        String body = null;
                        if (pick < 7) {
                            String p = reads.get(pick % reads.size());
                            path = v + (p.endsWith("/") ? p + features.get(r.nextInt(features.size())) : p);
                        } else if (pick == 7) {
                            method = "POST";
                            path = v + "interviews";
                            body = "{\"name\":\"Walk-in\",\"sentiment\":\"positive\"}";
                        } else if (pick == 8) {
                            method = "PATCH";
                            path = v + "features/" + features.get(r.nextInt(features.size()));
                            body = "{\"status\":\"in_progress\",\"title\":\"F" + r.nextInt(1000) + "\"}";
                        } else if (r.nextBoolean()) {
                            method = "POST";
                            path = v + "key-results";
                            body = "{\"goalId\":\"" + goals.get(r.nextInt(goals.size())) + "\",\"description\":\"More\",\"target\":10,\"current\":3}";
                        } else {
                            method = "PATCH";
                            path = v + "canvases/" + canvas;
                            body = "{\"sections\":{\"problem\":\"p" + r.nextInt() + "\"}}";
                        }
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = http.send(method, path, body);
                        } catch (IOException e) {
                            status = -1;
                        }
                        long took = System.nanoTime() - t0;
                        if (status < 200 || status > 299) {
                            errors.incrementAndGet();
                        } else if (measuring.get()) {
                            sink.add(new Timed(pick >= 7, took));
                        }
                    }
                }
            }));
        }
        Thread.sleep(warmup * 1000L);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        for (boolean write : new boolean[] {false, true}) {
            long[] times = sinks.stream().flatMap(List::stream).filter(t -> t.write() == write).mapToLong(Timed::nanos).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s %-6s %8.1f req/s   p50 %6.1f ms   p99 %6.1f ms%n", label, write ? "writes" : "reads",
                    times.length / elapsed, times[times.length / 2] / 1e6, times[(int) (times.length * 0.99)] / 1e6);
        }
        if (errors.get() > 0) {
            System.out.printf("%s errors %d%n", label, errors.get());
        }
    }

    private static void live(Path state, String writer, List<String> pages) throws Exception {
        List<String> lines = Files.readAllLines(state);
        String token = lines.get(0);
        String goals = lines.get(1) + "goals";
        List<Page> listening = new ArrayList<>();
        for (String p : pages) {
            listening.add(Page.signedIn(p, token));
        }
        List<List<Long>> heard = new ArrayList<>();
        pages.forEach(p -> heard.add(new ArrayList<>()));
        try (PlainHttp http = client(writer, token)) {
            for (int i = 0; i < 1_100; i++) {
                long t0 = System.nanoTime();
                int status = http.send("POST", goals, "{\"title\":\"Live " + i + "\"}");
                if (status != 201) {
                    throw new IllegalStateException("writing a goal answered " + status);
                }
                for (int p = 0; p < listening.size(); p++) {
                    long at = listening.get(p).nextCreated();
                    if (i >= 100) {
                        heard.get(p).add(at - t0);
                    }
                }
            }
        }
        for (int p = 0; p < pages.size(); p++) {
            List<Long> h = heard.get(p);
            h.sort(Long::compare);
            System.out.printf(Locale.ROOT, "live page %d (%s)  p50 %6.2f ms   p99 %6.2f ms   of %d%n", p + 1,
                    pages.get(p).equals(writer) ? "the writer's server" : "another server", h.get(h.size() / 2) / 1e6,
                    h.get((int) (h.size() * 0.99)) / 1e6, h.size());
        }
        listening.forEach(Page::close);
    }

    /** A page's live connection, signed in; {@link #nextCreated} waits for the next goal created. */
    private static final class Page implements WebSocket.Listener {
        private final BlockingQueue<long[]> created = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> other = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Page signedIn(String address, String token) throws Exception {
            Page page = new Page();
            page.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://" + address + "/api/ws"), page).get(5, TimeUnit.SECONDS);
            page.socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true);
            String ready = page.other.poll(5, TimeUnit.SECONDS);
            if (ready == null || !ready.contains("\"ready\"")) {
                throw new IllegalStateException("no ready from " + address + ": " + ready);
            }
            return page;
        }

        long nextCreated() throws InterruptedException {
            long[] at = created.poll(5, TimeUnit.SECONDS);
            if (at == null) {
                throw new IllegalStateException("no live update within 5 s");
            }
            return at[0];
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.contains("\"record.created\"")) {
                    created.add(new long[] {System.nanoTime()});
                } else {
                    other.add(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            socket.abort();
        }
    }

    private static String post(String url, String token, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    private static String get(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
    }

    private static String send(HttpRequest.Builder b, String token) throws Exception {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static List<String> ids(String json) {
        List<String> out = new ArrayList<>();
        Matcher m = ID.matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** One keep-alive client to {@code address} (host:port): the server's benchmark client. */
    private static PlainHttp client(String address, String token) {
        int colon = address.lastIndexOf(':');
        return new PlainHttp(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), token);
    }
}
