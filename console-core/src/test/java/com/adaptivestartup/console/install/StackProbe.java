package com.adaptivestartup.console.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What end-to-end tests use to look at a running stack from outside, as an admin or a peer tool would:
 * its API over HTTP, `docker exec` into its containers, and a fingerprint of all its data.
 */
public final class StackProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StackProbe() {
    }

    public static JsonNode call(String method, String url, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(method + " " + url + ": " + new String(r.body(), StandardCharsets.UTF_8)).isBetween(200, 299);
        return r.body().length == 0 ? null : JSON.readTree(r.body());
    }

    public static JsonNode post(String url, String token, Object json) throws Exception {
        return call("POST", url, token, "application/json", JSON.writeValueAsBytes(json));
    }

    /** Runs a command (docker, tar) and returns its output; fails the test when it fails. */
    public static String run(String... args) throws Exception {
        Process p = new ProcessBuilder(List.of(args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", args) + "\n" + out).isZero();
        return out;
    }

    public static String psql(String project, String sql) throws Exception {
        return run("docker", "exec", project + "-postgres-1", "psql", "-U", "adaptive", "-d", "adaptive", "-tAc", sql).strip();
    }

    /** Every table's rows, hashed in a stable order, and every stored object's SHA-256. */
    public static String fingerprint(String project) throws Exception {
        String tables = psql(project, "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'");
        StringBuilder sql = new StringBuilder();
        for (String t : tables.split(" ")) {
            sql.append("SELECT '").append(t).append("', count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ")
                    .append(t).append(" x;");
        }
        String rows = run("docker", "exec", project + "-postgres-1", "psql", "-U", "adaptive", "-d", "adaptive", "-tA",
                "-c", sql.toString());
        String objects = run("docker", "exec", project + "-storage-1", "bash", "-c",
                "cd /data && find . -type f -not -name '.*' -exec sha256sum {} + | sort");
        return rows + "\n" + objects;
    }

    public static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
