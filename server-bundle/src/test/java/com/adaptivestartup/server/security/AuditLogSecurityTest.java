package com.adaptivestartup.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.server.ServerMain;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.testing.Api;
import com.adaptivestartup.server.testing.Approvals;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The review's activity-log findings, replayed: the server connected as a superuser owning the table, so
 * TRUNCATE and {@code session_replication_role = replica} passed the row trigger; the chain was an unkeyed
 * SHA-256 with no anchor, so a rewritten and re-chained entry, or dropped newest entries, still verified; and
 * a signed AI approval could be recorded again and again. Each attack runs against a fresh stack.
 */
class AuditLogSecurityTest {
    private TestStack stack;
    private Api founder;
    private String org;

    @BeforeEach
    void start() {
        stack = TestStack.latest();
        founder = stack.founder();
        org = stack.adminOrgId.toString();
        for (int i = 0; i < 3; i++) {
            founder.post("/api/orgs/" + org + "/ventures", Api.json(Map.of("name", "Venture " + i)));
        }
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void theServersOwnRoleCannotTruncateRewriteOrSilenceTheLog() throws Exception {
        if (TestStack.sqlite()) {   // one file, no roles: its triggers refuse whoever asks through the server's driver
            assertThatThrownBy(() -> stack.sql.update("UPDATE activity_log SET payload = '{}'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> stack.sql.update("DELETE FROM activity_log")).hasMessageContaining("append-only");
            assertThat(verify("[]").get("ok").asBoolean()).isTrue();
            return;
        }
        ServerConfig.Database runtime = stack.config.database().runtime();
        assertThat(runtime.user()).isEqualTo(TestStack.APP_ROLE);
        try (Connection c = DriverManager.getConnection(runtime.jdbcUrl(), runtime.user(), runtime.password());
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("TRUNCATE activity_log")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("SET session_replication_role = replica")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("UPDATE activity_log SET payload = '{}'")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("DELETE FROM activity_log")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("ALTER TABLE activity_log DISABLE TRIGGER ALL")).hasMessageContaining("owner");
            assertThatThrownBy(() -> s.execute("CREATE TABLE sneaky (id int)")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("DELETE FROM flyway_schema_history")).hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> stack.sql.update("TRUNCATE activity_log")).as("even the owner meets the trigger")
                .hasMessageContaining("cannot be truncated");
        assertThat(verify("[]").get("ok").asBoolean()).isTrue();
    }

    @Test
    void anEntryRewrittenAndReChainedWithoutTheKeyIsFound() throws Exception {
        // The old attack: rewrite an entry and recompute every hash after it, as plain SHA-256 (no key at hand).
        rechainFrom(2, "{\"name\":\"Forged\"}");
        JsonNode report = verify("[]");
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(problems(report)).anyMatch(p -> p.contains("entry 2 ") && p.contains("not keyed"));
        assertThat(founder.get("/api/orgs/" + org + "/activity/verify").json().get("intact").asBoolean()).isFalse();
    }

    @Test
    void droppingTheNewestEntriesOrTheWholeLogIsFoundByTheAnchors() throws Exception {
        String anchors = anchorsNow();
        assertThat(verify(anchors).get("ok").asBoolean()).isTrue();
        asSuperuserBypassingTriggers("DELETE FROM activity_log WHERE seq = (SELECT max(seq) FROM activity_log)");
        JsonNode cut = verify(anchors);
        assertThat(cut.get("ok").asBoolean()).as("the chain alone still holds; the anchor does not").isFalse();
        assertThat(problems(cut)).anyMatch(p -> p.contains("is missing: the log was cut short"));

        asSuperuserBypassingTriggers("TRUNCATE activity_log");
        assertThat(problems(verify(anchors))).anyMatch(p -> p.contains("is missing"));
    }

    @Test
    void aWholeLogReplacedByAPlainChainIsFoundByTheAnchors() throws Exception {
        String anchors = anchorsNow();
        rechainFrom(1, "{\"name\":\"Rewritten history\"}");
        JsonNode report = verify(anchors);
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(problems(report)).anyMatch(p -> p.contains("differs from what was recorded"));
    }

    @Test
    void aSignedApprovalCountsOnceAndOnlyInTheOrganizationItNames() throws Exception {
        KeyPair key = Approvals.newKey();
        founder.put("/api/auth/public-key", Api.json(Map.of("publicKey", Approvals.publicKey(key))));
        String body = Approvals.body(key, org, "okr", "okr-7", Instant.now());
        assertThat(founder.post("/api/orgs/" + org + "/activity/approvals", body).status()).isEqualTo(201);
        Api.Response replay = founder.post("/api/orgs/" + org + "/activity/approvals", body);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.message()).contains("already recorded");

        String otherOrg = founder.post("/api/orgs", "{\"name\":\"Second company\"}").json().get("id").asText();
        Api.Response elsewhere = founder.post("/api/orgs/" + otherOrg + "/activity/approvals", body);
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.message()).contains("must name the organization it is recorded in");
        assertThat(stack.sql.one("SELECT count(*) FROM activity_log WHERE action = 'ai.approved'", r -> r.getLong(1)))
                .contains(1L);
    }

    /** What an attacker with the database (but not the key) can do: rewrite from seq n on, re-chained as plain SHA-256. */
    private void rechainFrom(long fromSeq, String payload) throws Exception {
        List<Map<String, Object>> rows = stack.sql.list("SELECT seq, org_id, actor_id, action, entity_type, entity_id,"
                        + " payload, signed_payload, signature, public_key, created_at, prev_hash FROM activity_log"
                        + " WHERE org_id = ?::uuid ORDER BY seq",
                r -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    for (String c : List.of("seq", "org_id", "actor_id", "action", "entity_type", "entity_id", "payload",
                            "signed_payload", "signature", "public_key", "prev_hash")) {
                        m.put(c, r.getObject(c));
                    }
                    m.put("created_at", com.adaptivestartup.server.db.Sql.instant(r, "created_at"));
                    return m;
                }, org);
        String prev = null;
        StringBuilder sql = new StringBuilder();
        for (Map<String, Object> row : rows) {
            long seq = ((Number) row.get("seq")).longValue();
            if (seq < fromSeq) {
                prev = stack.sql.one("SELECT hash FROM activity_log WHERE seq = ?", r -> r.getString(1), seq).orElseThrow();
                continue;
            }
            String p = seq == fromSeq ? payload : (String) row.get("payload");
            String prevHash = prev == null ? "0".repeat(64) : prev;
            String hash = plainHash(prevHash, row, p);
            sql.append("UPDATE activity_log SET payload = '").append(p.replace("'", "''")).append("', prev_hash = '")
                    .append(prevHash).append("', hash = '").append(hash).append("', chain = 'sha256' WHERE seq = ")
                    .append(seq).append(';');
            prev = hash;
        }
        asSuperuserBypassingTriggers(sql.toString());
    }

    private static String plainHash(String prevHash, Map<String, Object> row, String payload) throws Exception {
        StringBuilder in = new StringBuilder();
        for (Object f : new Object[]{prevHash, row.get("org_id"), row.get("actor_id"), row.get("action"),
                row.get("entity_type"), row.get("entity_id"), payload, row.get("signed_payload"), row.get("signature"),
                row.get("public_key"), row.get("created_at")}) {
            String s = f == null ? "" : f.toString();
            in.append(s.length()).append(':').append(s).append(';');
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.toString().getBytes()));
    }

    private void asSuperuserBypassingTriggers(String statements) throws Exception {
        stack.bypassingLogTriggers(statements);
    }

    /** The heads as the console records them, from a verification that passed. */
    private String anchorsNow() throws Exception {
        JsonNode report = verify("[]");
        assertThat(report.get("ok").asBoolean()).isTrue();
        List<Map<String, Object>> anchors = new java.util.ArrayList<>();
        for (JsonNode o : report.get("organizations")) {
            anchors.add(Map.of("orgId", o.at("/head/orgId").asText(), "seq", o.at("/head/seq").asLong(),
                    "hash", o.at("/head/hash").asText()));
        }
        return Api.json(anchors);
    }

    /** {@code adaptive-server audit verify} as the console runs it: the stack's environment, JSON out. */
    private JsonNode verify(String anchors) throws Exception {
        ServerConfig.Database db = stack.config.database();
        Map<String, String> env = db.isSqlite()
                ? Map.of("DATABASE_URL", "jdbc:sqlite:" + db.sqliteFile(), "AUDIT_KEY", TestStack.AUDIT_KEY)
                : Map.of("POSTGRES_HOST", db.host(), "POSTGRES_PORT", String.valueOf(db.port()),
                "POSTGRES_DB", db.name(), "POSTGRES_USER", db.user(), "POSTGRES_PASSWORD", db.password(),
                "POSTGRES_APP_USER", db.appUser(), "POSTGRES_APP_PASSWORD", db.appPassword(), "AUDIT_KEY", TestStack.AUDIT_KEY);
        StringWriter out = new StringWriter();
        var cli = ServerMain.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("audit", "verify", "--anchors", anchors);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(code).as(out.toString()).isEqualTo(report.get("ok").asBoolean() ? 0 : 1);
        return report;
    }

    private static List<String> problems(JsonNode report) {
        List<String> out = new java.util.ArrayList<>();
        report.get("organizations").forEach(o -> o.get("problems").forEach(p -> out.add(p.asText())));
        return out;
    }
}
