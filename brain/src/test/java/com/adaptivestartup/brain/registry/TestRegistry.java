package com.adaptivestartup.brain.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real registry for tests (Debian's docker-registry, on a free loopback port, its data in a folder of the test's):
 * with token authentication against a token server, or with an htpasswd file; and a client of its HTTP API that
 * answers a 401 as Docker does (a token for the scope asked, with the account's credentials, then the request again).
 */
public final class TestRegistry implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    public final String url;
    private final Process process;

    private TestRegistry(String url, Process process) {
        this.url = url;
        this.process = process;
    }

    /** A registry whose tokens come from {@code realm}, signed by the key of {@code certificate}. */
    public static TestRegistry withTokens(Path dir, String realm, Path certificate) throws Exception {
        return start(dir, """
                auth:
                  token:
                    realm: %s
                    service: adaptive-registry
                    issuer: adaptive-brain
                    rootcertbundle: %s
                """.formatted(realm, certificate));
    }

    /** A registry with one account in an htpasswd file (bcrypt, as htpasswd -B makes it). */
    public static TestRegistry withHtpasswd(Path dir, String user, String password) throws Exception {
        Files.createDirectories(dir);
        run(List.of("htpasswd", "-B", "-b", "-c", dir.resolve("htpasswd").toString(), user, password));
        return start(dir, """
                auth:
                  htpasswd:
                    realm: test
                    path: %s
                """.formatted(dir.resolve("htpasswd")));
    }

    private static TestRegistry start(Path dir, String auth) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("registry.yml"), """
                version: 0.1
                log: { level: warn }
                storage: { filesystem: { rootdirectory: %s } }
                http: { addr: "127.0.0.1:%d" }
                """.formatted(dir.resolve("data"), port) + auth);
        Process p = new ProcessBuilder("docker-registry", "serve", dir.resolve("registry.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        TestRegistry registry = new TestRegistry("http://127.0.0.1:" + port, p);
        for (int i = 0; i < 100; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(registry.url + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
                    return registry;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        p.destroy();
        throw new IllegalStateException("the registry did not start: " + Files.readString(dir.resolve("registry.log")));
    }

    /** A token for the scope the registry asked for in its 401, with these credentials; null when refused. */
    static String token(HttpResponse<?> challenge, String user, String password) throws Exception {
        String header = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String url = params.get("realm") + "?service=" + params.get("service")
                + (params.containsKey("scope") ? "&scope=" + params.get("scope") : "");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user, password))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()).get("token").asText() : null;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The request as Docker makes it: sent, and on a 401 sent again with a token (token auth) or the credentials
     * (basic auth).
     */
    HttpResponse<byte[]> call(HttpRequest.Builder request, String user, String password) throws Exception {
        HttpResponse<byte[]> first = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 401) {
            return first;
        }
        String challenge = first.headers().firstValue("WWW-Authenticate").orElse("");
        if (challenge.startsWith("Basic")) {
            return HTTP.send(request.header("Authorization", basic(user, password)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        String token = token(first, user, password);
        return token == null ? first
                : HTTP.send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Pushes a small image as {@code repository:1} (a config and one layer), as the account; fails when refused. */
    void push(String repository, String user, String password) throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repository).repeat(1000).getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : List.of(config, layer)) {
            HttpResponse<byte[]> started = call(HttpRequest.newBuilder(URI.create(url + "/v2/" + repository + "/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()), user, password);
            expect(started, 202);
            String location = started.headers().firstValue("Location").orElseThrow();
            URI put = URI.create(location.startsWith("http") ? location : url + location);
            expect(call(HttpRequest.newBuilder(URI.create(put + (put.getQuery() == null ? "?" : "&") + "digest=" + digest(blob)))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).header("Content-Type", "application/octet-stream"),
                    user, password), 201);
        }
        String manifest = JSON.writeValueAsString(Map.of("schemaVersion", 2,
                "mediaType", "application/vnd.docker.distribution.manifest.v2+json",
                "config", Map.of("mediaType", "application/vnd.docker.container.image.v1+json", "size", config.length,
                        "digest", digest(config)),
                "layers", List.of(Map.of("mediaType", "application/vnd.docker.image.rootfs.diff.tar.gzip",
                        "size", layer.length, "digest", digest(layer)))));
        expect(call(HttpRequest.newBuilder(URI.create(url + "/v2/" + repository + "/manifests/1"))
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))
                .header("Content-Type", "application/vnd.docker.distribution.manifest.v2+json"), user, password), 201);
    }

    /** The image's manifest, as the account (the status tells whether the registry let it). */
    HttpResponse<byte[]> manifest(String repository, String user, String password) throws Exception {
        return call(HttpRequest.newBuilder(URI.create(url + "/v2/" + repository + "/manifests/1"))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json"), user, password);
    }

    /** A whole pull as Docker does it: the manifest, then each blob it names (one session, one token). */
    void pull(String repository, String user, String password) throws Exception {
        HttpResponse<byte[]> first = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v2/" + repository + "/manifests/1"))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String challenge = first.headers().firstValue("WWW-Authenticate").orElse("");
        String authorization = challenge.startsWith("Basic") ? basic(user, password) : "Bearer " + token(first, user, password);
        HttpResponse<byte[]> m = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v2/" + repository + "/manifests/1"))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").header("Authorization", authorization)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        expect(m, 200);
        var body = JSON.readTree(m.body());
        List<String> blobs = new java.util.ArrayList<>(List.of(body.at("/config/digest").asText()));
        body.get("layers").forEach(l -> blobs.add(l.get("digest").asText()));
        for (String blob : blobs) {
            expect(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v2/" + repository + "/blobs/" + blob))
                    .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofByteArray()), 200);
        }
    }

    private static void expect(HttpResponse<byte[]> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ", not "
                    + status + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
    }

    static String digest(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    public static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
