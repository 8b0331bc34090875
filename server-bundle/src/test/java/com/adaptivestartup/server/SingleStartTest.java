package com.adaptivestartup.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.server.config.ConfigException;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.Api;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server alone, as the single container and a developer's {@code java -jar adaptive-server.jar serve} run it:
 * where its data goes from the settings given (or none), what it does on a new database (the schema, a first
 * account whose one-time password only the server's user can read), and the clear refusals.
 */
class SingleStartTest {
    @TempDir
    Path dir;

    @Test
    void theSeedsDatabaseUrlNamesAFileAndItsFilesGoBesideIt() {
        ServerConfig.All config = ServerConfig.All.from(Map.of("DATABASE_URL", "sqlite:///data/adaptive.db"));
        assertThat(config.single()).isTrue();
        assertThat(config.database().sqliteFile()).isEqualTo(Path.of("/data/adaptive.db"));
        assertThat(config.storage().directory()).isEqualTo(Path.of("/data/files"));
        assertThat(config.redis()).isNull();
        assertThat(ServerConfig.All.from(Map.of("DATABASE_URL", "jdbc:sqlite:/srv/x.db", "FILES_DIR", "/srv/blobs"))
                .storage().directory()).isEqualTo(Path.of("/srv/blobs"));
    }

    @Test
    void withNoDatabaseSettingTheServerKeepsItsDataInAFolderItNames() {
        ServerConfig.All config = ServerConfig.All.from(Map.of("HTTP_PORT", "0"));
        assertThat(config.database().sqliteFile()).isEqualTo(Path.of("adaptive-data", "adaptive.db").toAbsolutePath());
        assertThat(config.database().describe()).contains("SQLite file").contains("adaptive-data");
    }

    @Test
    void aStackThatForgotItsDatabasePasswordIsRefusedNotMovedToSqlite() {
        assertThatThrownBy(() -> ServerConfig.All.from(Map.of("POSTGRES_HOST", "postgres", "S3_ACCESS_KEY", "a",
                "S3_SECRET_KEY", "b"))).isInstanceOf(ConfigException.class).hasMessageContaining("POSTGRES_PASSWORD");
    }

    @Test
    void aDatabaseUrlThatIsNotASqliteFileSaysWhatToDoInstead() {
        assertThatThrownBy(() -> ServerConfig.All.from(Map.of("DATABASE_URL", "postgres://u:secret@db/app")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sqlite:///data/adaptive.db").hasMessageContaining("POSTGRES_HOST")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ServerConfig.All.from(Map.of("DATABASE_URL", "sqlite::memory:")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a SQLite file on disk");
    }

    @Test
    void aNewDatabaseGetsItsSchemaAndAFirstAccountWithAOneTimePasswordOnlyTheServerCanRead() throws Exception {
        Map<String, String> env = Map.of("DATABASE_URL", "sqlite://" + dir.resolve("data/adaptive.db"), "HTTP_PORT", "0");
        ServerConfig.All config = ServerConfig.All.from(env);
        SingleStart.prepare(config, env, Release.of("1.2.0"), Clock.systemUTC());
        Path passwordFile = dir.resolve("data").resolve(SingleStart.PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String password = Files.readString(passwordFile).strip();
        assertThat(password).matches("([a-z2-9]{4}-){4}[a-z2-9]{4}");

        SingleStart.prepare(config, env, Release.of("1.2.0"), Clock.systemUTC());
        assertThat(Files.readString(passwordFile).strip()).as("a second start makes no second account").isEqualTo(password);

        try (AdaptiveServer server = new AdaptiveServer(config, Release.of("1.2.0"), Clock.systemUTC())) {
            Api api = new Api("http://127.0.0.1:" + server.start(0));
            assertThat(api.get("/readyz").json().at("/checks/sqlite/ok").asBoolean()).isTrue();
            assertThat(api.get("/readyz").json().get("checks").has("redis")).as("no Redis in the single container").isFalse();
            Api.Response in = api.login(SingleStart.DEFAULT_EMAIL, password);
            assertThat(in.status()).as(in.body()).isEqualTo(200);
            assertThat(in.json().at("/mustChangePassword").asBoolean()).isTrue();
            api.withToken(in.json().get("token").asText()).changePassword(password, "my-own-password-123");
        }
        SingleStart.prepare(config, env, Release.of("1.2.0"), Clock.systemUTC());
        assertThat(passwordFile).as("the changed one-time password is not left on the disk").doesNotExist();
    }

    @Test
    void anOperatorsPasswordResetInTheContainerEndsTheSessionsTheServerKeepsInItsDatabase() throws Exception {
        Map<String, String> env = ownerOf("reset.db");
        try (AdaptiveServer server = preparedAlone(env)) {
            Api api = new Api("http://127.0.0.1:" + server.start(0));
            Api.Response in = api.login("owner@example.com", "a-long-enough-password");
            Api owner = api.withToken(in.json().get("token").asText());
            assertThat(owner.get("/api/auth/me").status()).isEqualTo(200);

            var report = run(env, "reset-password", "--email", "owner@example.com");
            assertThat(report.get("sessionsEnded").asInt()).isEqualTo(1);
            assertThat(owner.get("/api/auth/me").status()).as("the session the command ended").isEqualTo(401);
            assertThat(api.login("owner@example.com", report.get("oneTimePassword").asText()).status()).isEqualTo(200);
        }
    }

    @Test
    void theDatabaseIsCopiedWhileTheServerWritesAndTheCopyChecksIntact() throws Exception {
        Map<String, String> env = ownerOf("live.db");
        try (AdaptiveServer server = preparedAlone(env)) {
            Api api = new Api("http://127.0.0.1:" + server.start(0));
            Api owner = api.withToken(api.login("owner@example.com", "a-long-enough-password").json().get("token").asText());
            owner.changePassword("a-long-enough-password", "the-owners-own-password");
            String org = owner.get("/api/orgs").json().get(0).get("id").asText();
            assertThat(owner.post("/api/orgs/" + org + "/ventures", "{\"name\":\"Before the copy\"}").status()).isEqualTo(201);

            Path copy = dir.resolve("backups/copy.db");
            com.fasterxml.jackson.databind.JsonNode backup = run(env, "database", "backup", "--to", copy.toString());
            assertThat(backup.get("ok").asBoolean()).isTrue();
            assertThat(owner.post("/api/orgs/" + org + "/ventures", "{\"name\":\"After the copy\"}").status())
                    .as("the server goes on writing").isEqualTo(201);
            com.fasterxml.jackson.databind.JsonNode check = run(env, "database", "check", "--file", copy.toString());
            assertThat(check.get("ok").asBoolean()).isTrue();
            assertThat(check.get("schemaVersion").asText()).isEqualTo("9");
            assertThat(check.get("users").asLong()).as("the owner, in the copy").isEqualTo(1);
            assertThat(check.get("tables").asInt()).as("the schema's tables, not FTS5's shadow ones").isBetween(30, 80);
            assertThat(check.get("rows").asLong()).as("the owner, the organization, the venture, the log ...").isGreaterThan(5);
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
                 var rows = c.createStatement().executeQuery("SELECT name FROM ventures ORDER BY name")) {
                List<String> names = new java.util.ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                assertThat(names).containsExactly("Before the copy");
            }

            StringWriter refused = new StringWriter();
            var cli = ServerMain.commandLine(env);
            cli.setErr(new PrintWriter(refused, true));
            assertThat(cli.execute("database", "backup", "--to", copy.toString())).isEqualTo(2);
            assertThat(refused.toString()).contains("already exists; a backup never overwrites a file");
        }
    }

    /** Settings of a server alone on {@code file} in the test's folder, its first account named. */
    private Map<String, String> ownerOf(String file) {
        return Map.of("DATABASE_URL", "jdbc:sqlite:" + dir.resolve(file), "ADMIN_EMAIL", "owner@example.com",
                "ADMIN_PASSWORD", "a-long-enough-password");
    }

    /** The server as {@code serve} starts it alone: its database prepared first (not yet listening). */
    private static AdaptiveServer preparedAlone(Map<String, String> env) {
        ServerConfig.All config = ServerConfig.All.from(env);
        SingleStart.prepare(config, env, Release.of("1.2.0"), Clock.systemUTC());
        return new AdaptiveServer(config, Release.of("1.2.0"), Clock.systemUTC());
    }

    private static com.fasterxml.jackson.databind.JsonNode run(Map<String, String> env, String... args) throws Exception {
        StringWriter out = new StringWriter();
        var cli = ServerMain.commandLine(env);
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute(args)).as(out.toString()).isZero();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    }

    @Test
    void theFirstAccountCanBeNamedAndAReleaseBeforeTheSingleEditionIsRefused() throws Exception {
        Map<String, String> env = ownerOf("named.db");
        ServerConfig.All config = ServerConfig.All.from(env);
        try (AdaptiveServer server = preparedAlone(env)) {
            assertThat(dir.resolve(SingleStart.PASSWORD_FILE)).doesNotExist();
            Api api = new Api("http://127.0.0.1:" + server.start(0));
            assertThat(api.login("owner@example.com", "a-long-enough-password").status()).isEqualTo(200);
        }
        assertThatThrownBy(() -> SingleStart.prepare(config, env, Release.of("1.1.0"), Clock.systemUTC()))
                .hasMessageContaining("begins with release 1.2.0");
    }
}
