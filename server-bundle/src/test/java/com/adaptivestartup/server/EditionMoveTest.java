package com.adaptivestartup.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.TestPostgres;
import com.adaptivestartup.server.testing.TestRedis;
import com.adaptivestartup.server.testing.TestS3;
import com.adaptivestartup.server.testing.WorkspaceSamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single container's data moved onto the full stack ({@code database copy-to-full}): a server alone on SQLite with
 * every kind of the workspace's records, nested folders, files, an invitation and its activity log; the move into an
 * empty PostgreSQL at the same schema and an S3 bucket; then a server on those answers every read the same, serves the
 * files' bytes, and its activity log's chains verify. A second move into the now full database is refused with nothing
 * changed, as is a database at another schema.
 */
class EditionMoveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void everyRowAndFileArrivesAndTheFullStackServesThemTheSame() throws Exception {
        Map<String, String> single = Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("adaptive.db"),
                "ADMIN_EMAIL", "owner@example.com", "ADMIN_PASSWORD", "a-long-enough-password",
                "AUDIT_KEY", "audit-key-of-this-installation-0123456789");
        List<String> reads = new java.util.ArrayList<>();
        Map<String, JsonNode> before = new LinkedHashMap<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        String org;
        try (AdaptiveServer server = preparedAlone(single)) {
            Api api = new Api("http://127.0.0.1:" + server.start(0));
            Api owner = api.withToken(api.login("owner@example.com", "a-long-enough-password").json().get("token").asText());
            owner.changePassword("a-long-enough-password", "the-owners-own-password");
            org = owner.get("/api/orgs").json().get(0).get("id").asText();
            String me = owner.get("/api/auth/me").json().get("id").asText();
            String venture = owner.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Moved whole\"}").json().get("id").asText();
            String ventures = "/api/orgs/" + org + "/ventures/" + venture;
            owner.post(ventures + "/metrics", "{\"name\":\"signups\",\"value\":42}");
            Random random = new Random(3);
            StringBuilder csv = new StringBuilder("week,signups\n");
            while (csv.length() < 300_000) {
                csv.append(random.nextInt(1000)).append(',').append(random.nextLong()).append('\n');
            }
            byte[] big = csv.toString().getBytes(StandardCharsets.UTF_8);
            String bigId = owner.upload("/api/orgs/" + org + "/files?ventureId=" + venture + "&name=signups.csv", "text/csv",
                    big).json().get("id").asText();
            files.put(bigId, big);
            byte[] pdf = "%PDF-1.4 waiver".getBytes(StandardCharsets.UTF_8);
            String pdfId = owner.upload("/api/orgs/" + org + "/files?ventureId=" + venture + "&name=waiver.pdf",
                    "application/pdf", pdf).json().get("id").asText();
            files.put(pdfId, pdf);
            Map<String, String> ids = new HashMap<>(Map.of("files", pdfId));
            for (String kind : WorkspaceSamples.of(Map.of(), me).keySet()) {   // each naming the ones made before it
                Api.Response made = owner.post(ventures + "/" + kind, Api.json(WorkspaceSamples.of(ids, me).get(kind)));
                assertThat(made.status()).as(kind + ": " + made.body()).isEqualTo(201);
                ids.put(kind, made.json().get("id").asText());
                reads.add(ventures + "/" + kind);
            }
            String parent = ids.get("folders");
            owner.post(ventures + "/folders", Api.json(Map.of("name", "Inside", "parentId", parent)));
            owner.post("/api/orgs/" + org + "/invitations", "{\"email\":\"new@example.com\",\"role\":\"member\"}");
            reads.addAll(List.of("/api/orgs", "/api/auth/me", "/api/orgs/" + org + "/ventures", ventures + "/metrics",
                    "/api/orgs/" + org + "/files", "/api/orgs/" + org + "/invitations", "/api/orgs/" + org + "/members",
                    "/api/orgs/" + org + "/activity"));
            for (String path : reads) {
                Api.Response r = owner.get(path);
                assertThat(r.status()).as(path).isEqualTo(200);
                before.put(path, r.json());
            }
        }

        ServerConfig.Database postgres = TestPostgres.get().newDatabase();
        try (var pool = Database.pool(postgres, 2)) {
            assertThat(new Migrator(pool, Release.current()).migrate().ok()).isTrue();
        }
        ServerConfig.Storage bucket = TestS3.get().newBucket();
        Map<String, String> full = fullStack(postgres, bucket);
        JsonNode report = run(full, 0, "database", "copy-to-full", "--from", dir.resolve("adaptive.db").toString());
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("files").asInt()).isEqualTo(2);
        assertThat(report.get("tables").get("users").asLong()).isEqualTo(1);
        assertThat(report.get("notMoved")).extracting(JsonNode::asText).containsExactly("sessions");

        Map<String, String> serving = new LinkedHashMap<>(full);
        serving.put("REDIS_HOST", TestRedis.get().config().host());
        serving.put("REDIS_PORT", String.valueOf(TestRedis.get().config().port()));
        if (TestRedis.get().config().password() != null) {
            serving.put("REDIS_PASSWORD", TestRedis.get().config().password());
        }
        serving.put("AUDIT_KEY", single.get("AUDIT_KEY"));
        try (AdaptiveServer server = new AdaptiveServer(ServerConfig.All.from(serving), Release.current(), Clock.systemUTC())) {
            Api api = new Api("http://127.0.0.1:" + server.start(0));
            Api owner = api.withToken(api.login("owner@example.com", "the-owners-own-password").json().get("token").asText());
            for (String path : reads) {
                assertThat(owner.get(path).json()).as(path).isEqualTo(before.get(path));
            }
            for (var f : files.entrySet()) {
                assertThat(owner.get("/api/orgs/" + org + "/files/" + f.getKey()).raw().body()).isEqualTo(f.getValue());
            }
            JsonNode verified = owner.get("/api/orgs/" + org + "/activity/verify").json();
            assertThat(verified.get("intact").asBoolean()).as("the activity log's chain, keyed, holds after the move: "
                    + verified).isTrue();
            assertThat(verified.get("entries").asInt()).as("every entry the single container logged").isGreaterThan(20);
            owner.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Made on the full stack\"}");
            assertThat(owner.get("/api/orgs/" + org + "/ventures").json().findValuesAsText("name"))
                    .contains("Moved whole", "Made on the full stack");
        }

        JsonNode again = run(full, 1, "database", "copy-to-full", "--from", dir.resolve("adaptive.db").toString());
        assertThat(again.get("error").asText()).contains("holds data already").endsWith("nothing was moved");
    }

    @Test
    void aDatabaseAtAnotherSchemaIsRefusedWithNothingMoved() throws Exception {
        Map<String, String> single = Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("adaptive.db"),
                "ADMIN_EMAIL", "owner@example.com", "ADMIN_PASSWORD", "a-long-enough-password");
        preparedAlone(single).close();
        ServerConfig.Database postgres = TestPostgres.get().newDatabase();
        try (var pool = Database.pool(postgres, 2)) {
            new Migrator(pool, Release.of("1.1.0")).migrate();
        }
        JsonNode report = run(fullStack(postgres, TestS3.get().newBucket()), 1, "database", "copy-to-full", "--from",
                dir.resolve("adaptive.db").toString());
        assertThat(report.get("error").asText()).contains("must be at release " + Release.current().version())
                .endsWith("nothing was moved");
        try (var pool = Database.pool(postgres, 1)) {
            assertThat(Database.sql(pool).one("SELECT count(*) FROM users", r -> r.getLong(1))).contains(0L);
        }
    }

    private static Map<String, String> fullStack(ServerConfig.Database postgres, ServerConfig.Storage bucket) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_HOST", postgres.host());
        env.put("POSTGRES_PORT", String.valueOf(postgres.port()));
        env.put("POSTGRES_DB", postgres.name());
        env.put("POSTGRES_USER", postgres.user());
        env.put("POSTGRES_PASSWORD", postgres.password());
        env.put("S3_ENDPOINT", bucket.endpoint().toString());
        env.put("S3_BUCKET", bucket.bucket());
        env.put("S3_ACCESS_KEY", bucket.accessKey());
        env.put("S3_SECRET_KEY", bucket.secretKey());
        env.put("S3_REGION", bucket.region());
        return env;
    }

    private static AdaptiveServer preparedAlone(Map<String, String> env) {
        ServerConfig.All config = ServerConfig.All.from(env);
        SingleStart.prepare(config, env, Release.current(), Clock.systemUTC());
        return new AdaptiveServer(config, Release.current(), Clock.systemUTC());
    }

    /** The command's last JSON line (its report), its exit code checked. */
    private static JsonNode run(Map<String, String> env, int exit, String... args) throws Exception {
        StringWriter out = new StringWriter();
        var cli = ServerMain.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute(args)).as(out.toString()).isEqualTo(exit);
        List<String> lines = out.toString().lines().filter(l -> l.startsWith("{") && !l.startsWith("{\"progress\"")).toList();
        return JSON.readTree(lines.getLast());
    }
}
