package com.adaptivestartup.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.testing.DelayedProxy;
import com.adaptivestartup.server.testing.TestPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The jar's one-off commands as the console runs them: configured by environment, answering JSON. */
class ServerCommandsTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = ServerMainAccess.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Map<String, String> env(ServerConfig.Database db) throws Exception {
        Path secret = Files.writeString(dir.resolve("pg-password"), db.password() + "\n");
        return Map.of("POSTGRES_HOST", db.host(), "POSTGRES_PORT", String.valueOf(db.port()), "POSTGRES_DB", db.name(),
                "POSTGRES_USER", db.user(), "POSTGRES_PASSWORD_FILE", secret.toString());
    }

    @Test
    void everyCommandAnswersHelpWithNoEnvironmentAndNoDatabase() {
        CommandLine root = ServerMainAccess.commandLine(Map.of());
        java.util.List<CommandLine> all = new java.util.ArrayList<>(java.util.List.of(root));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);
        for (CommandLine command : all) {
            java.util.List<String> path = new java.util.ArrayList<>();
            for (CommandLine c = command; c.getParent() != null; c = c.getParent()) {
                path.add(0, c.getCommandName());
            }
            path.add("--help");
            out.getBuffer().setLength(0);
            assertThat(run(Map.of(), path.toArray(String[]::new))).as(String.join(" ", path) + ": " + err).isZero();
            assertThat(out.toString()).as(String.join(" ", path)).contains("Usage:");
        }
    }

    @Test
    void migrateThenCreateAdminWithSecretsFromFiles() throws Exception {
        Map<String, String> env = env(TestPostgres.get().newDatabase());
        assertThat(run(env, "migrate")).as(err.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("schemaAfter").asText()).isEqualTo("9");
        assertThat(report.get("applied")).hasSize(9);

        out.getBuffer().setLength(0);
        Path pw = Files.writeString(dir.resolve("admin-pw"), "first-admin-password\n");
        assertThat(run(env, "create-admin", "--email", "admin@example.com", "--password-file", pw.toString())).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("created").asBoolean()).isTrue();
        out.getBuffer().setLength(0);
        assertThat(run(env, "create-admin", "--email", "admin@example.com", "--password-file", pw.toString())).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("created").asBoolean()).isFalse();
    }

    @Test
    void theOwnersResetGivesAOneTimePasswordAndEndsEverySessionAndMailTestSaysWhatTheMailServerAnswered() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(env(TestPostgres.get().newDatabase()));
        var redis = com.adaptivestartup.server.testing.TestRedis.get().config();
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", String.valueOf(redis.port()));
        assertThat(run(env, "migrate")).as(err.toString()).isZero();
        Path pw = Files.writeString(dir.resolve("admin-pw"), "first-admin-password\n");
        out.getBuffer().setLength(0);
        assertThat(run(env, "create-admin", "--email", "owner@example.com", "--password-file", pw.toString())).isZero();
        java.util.UUID userId = java.util.UUID.fromString(new ObjectMapper().readTree(out.toString()).get("userId").asText());
        try (var jedis = new redis.clients.jedis.JedisPooled(redis.host(), redis.port())) {
            var sessions = new com.adaptivestartup.server.auth.SessionStore(jedis, java.time.Duration.ofHours(1),
                    java.time.Duration.ofDays(1), java.time.Clock.systemUTC());
            String token = sessions.open(userId, "owner@example.com", false);

            out.getBuffer().setLength(0);
            assertThat(run(env, "reset-password", "--email", "Owner@Example.com")).as(err.toString()).isZero();
            JsonNode reset = new ObjectMapper().readTree(out.toString());
            assertThat(reset.get("email").asText()).isEqualTo("owner@example.com");
            assertThat(reset.get("oneTimePassword").asText()).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
            assertThat(reset.get("sessionsEnded").asInt()).isEqualTo(1);
            assertThat(sessions.resolve(token)).isEmpty();
        }
        err.getBuffer().setLength(0);
        assertThat(run(env, "reset-password", "--email", "nobody@example.com")).isEqualTo(2);
        assertThat(err.toString()).contains("no account uses the email nobody@example.com on this installation");

        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(port));
        env.put("SMTP_SECURITY", "none");
        env.put("MAIL_FROM", "adaptive@example.com");
        out.getBuffer().setLength(0);
        assertThat(run(env, "mail", "test", "--to", "it@example.com")).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(out.toString()).get("message").asText())
                .isEqualTo("nothing answers at 127.0.0.1:" + port + " (is the mail server running, and is that its port?)");
        var smtp = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(port, "127.0.0.1", "smtp"));
        smtp.start();
        try {
            out.getBuffer().setLength(0);
            assertThat(run(env, "mail", "test", "--to", "it@example.com")).as(out.toString()).isZero();
            assertThat(new ObjectMapper().readTree(out.toString()).get("ok").asBoolean()).isTrue();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Adaptive Startup test email");
        } finally {
            smtp.stop();
        }
        env.put("SMTP_SECURITY", "sometimes");
        err.getBuffer().setLength(0);
        assertThat(run(env, "mail", "test", "--to", "it@example.com")).isEqualTo(2);
        assertThat(err.toString()).contains("SMTP_SECURITY must be starttls, tls or none; not 'sometimes'");
        env.put("SMTP_SECURITY", "none");
        out.getBuffer().setLength(0);
        assertThat(run(env, "mail", "status")).isZero();
        JsonNode status = new ObjectMapper().readTree(out.toString());
        assertThat(status.get("configured").asBoolean()).isTrue();
        assertThat(status.get("waiting").asLong()).isZero();
    }

    @Test
    void setupMigratesThenCreatesTheAdminOnceAndPrintsBothReports() throws Exception {
        Map<String, String> env = env(TestPostgres.get().newDatabase());
        Path pw = Files.writeString(dir.resolve("admin-pw"), "first-admin-password\n");
        String[] args = {"setup", "--wait-for-database", "5", "--admin-email", "admin@example.com",
                "--admin-password-file", pw.toString()};
        assertThat(run(env, args)).as(err.toString()).isZero();
        java.util.List<String> lines = out.toString().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).hasSize(2);
        assertThat(new ObjectMapper().readTree(lines.get(0)).get("schemaAfter").asText()).isEqualTo("9");
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("created").asBoolean()).isTrue();
        out.getBuffer().setLength(0);
        assertThat(run(env, args)).isZero();
        lines = out.toString().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(new ObjectMapper().readTree(lines.get(0)).get("applied")).isEmpty();
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("created").asBoolean()).as("idempotent").isFalse();
    }

    @Test
    void setupCreatesNoAdminWhenTheMigrationFails() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "x");
        Path pw = Files.writeString(dir.resolve("admin-pw"), "first-admin-password\n");
        Map<String, String> env = Map.of("POSTGRES_HOST", "127.0.0.1", "POSTGRES_PORT", "1",
                "POSTGRES_PASSWORD_FILE", secret.toString());
        assertThat(run(env, "setup", "--admin-email", "a@example.com", "--admin-password-file", pw.toString())).isEqualTo(1);
        assertThat(out.toString().lines().filter(l -> l.startsWith("{")).toList()).hasSize(1);
        assertThat(new ObjectMapper().readTree(out.toString()).get("ok").asBoolean()).isFalse();
    }

    @Test
    void missingConfigurationIsListedWholeAndExitsTwo() {
        assertThat(run(Map.of("POSTGRES_PORT", "eighty"), "migrate")).isEqualTo(2);
        assertThat(err.toString()).contains("POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE) is not set")
                .contains("POSTGRES_PORT must be a whole number from 1 to 65535, not 'eighty'");
        assertThat(run(Map.of("POSTGRES_PASSWORD_FILE", "/nonexistent/secret"), "migrate")).isEqualTo(2);
        assertThat(err.toString()).contains("POSTGRES_PASSWORD_FILE names /nonexistent/secret, which cannot be read");
    }

    @Test
    void aMigrationAgainstAnUnreachableDatabaseFailsWithJson() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "x");
        Map<String, String> env = Map.of("POSTGRES_HOST", "127.0.0.1", "POSTGRES_PORT", "1",
                "POSTGRES_PASSWORD_FILE", secret.toString());
        assertThat(run(env, "migrate")).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("error").asText()).isNotBlank();
    }

    @Test
    void migrateWaitsForADatabaseThatIsStillStarting() throws Exception {
        ServerConfig.Database db = TestPostgres.get().newDatabase();
        try (DelayedProxy proxy = new DelayedProxy(db.port(), 1_500)) {
            Map<String, String> env = new java.util.HashMap<>(env(db));
            env.put("POSTGRES_PORT", String.valueOf(proxy.port()));
            long start = System.nanoTime();
            assertThat(run(env, "migrate", "--wait-for-database", "30")).as(out + " " + err).isZero();
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1_500);
            assertThat(new ObjectMapper().readTree(out.toString()).get("schemaAfter").asText()).isEqualTo("9");
        }
    }

    @Test
    void migrateGivesUpOnADatabaseThatNeverAnswersAndSaysHowLongItWaited() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "x");
        Map<String, String> env = Map.of("POSTGRES_HOST", "127.0.0.1", "POSTGRES_PORT", "1",
                "POSTGRES_PASSWORD_FILE", secret.toString());
        assertThat(run(env, "migrate", "--wait-for-database", "1")).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("error").asText()).startsWith("the database did not answer within 1 s: ");
        assertThat(report.get("applied")).isEmpty();
    }

    @Test
    void versionPrintsTheBuiltRelease() throws Exception {
        assertThat(run(Map.of(), "version")).isZero();
        JsonNode v = new ObjectMapper().readTree(out.toString());
        assertThat(v.get("version").asText()).matches("1\\.[012]\\.0");
    }
}
