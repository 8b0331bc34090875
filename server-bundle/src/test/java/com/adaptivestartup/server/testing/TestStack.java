package com.adaptivestartup.server.testing;

import com.adaptivestartup.server.AdaptiveServer;
import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.PasswordHasher;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.db.RuntimeRole;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.release.Release;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.UUID;

/**
 * One server on real PostgreSQL, Redis and S3 (fresh database and bucket), migrated, with a first admin,
 * listening on a free port. For a test class; close it at the end. With {@code -Dtest.database=sqlite} (the
 * suite's second run) the same server runs as the single container does: a fresh SQLite file, files in a folder, no
 * Redis; the tests are the same.
 */
public final class TestStack implements AutoCloseable {
    public static final String ADMIN_EMAIL = "founder@example.com";
    public static final String ADMIN_PASSWORD = "initial-password-123";
    /** From release 1.2.0 the server runs as this least-privileged role (one per test cluster, as in a stack). */
    public static final String APP_ROLE = "adaptive_app";
    private static final String APP_PASSWORD = "app-" + UUID.randomUUID();
    public static final String AUDIT_KEY = "audit-key-" + UUID.randomUUID();
    public static final String HEALTH_TOKEN = "health-" + UUID.randomUUID();
    public final ServerConfig.All config;
    public final Release release;
    /** The owner's pool (a superuser here, as the schema's owner is in a stack): tests tamper through it. */
    public final HikariDataSource db;
    public final Sql sql;
    public final UUID adminOrgId;
    private final AdaptiveServer server;
    public final int port;

    public TestStack(Release release, ServerConfig.Ai ai, long maxUploadBytes) {
        this(release, ai, new ServerConfig.Http(0, maxUploadBytes, 12));
    }

    /** With the HTTP settings given (session lifetimes, trusted proxies). */
    public TestStack(Release release, ServerConfig.Ai ai, ServerConfig.Http http) {
        this(release, ai, http, Clock.systemUTC());
    }

    /** With the server's clock given (a test moves it to pass session lifetimes). */
    public TestStack(Release release, ServerConfig.Ai ai, ServerConfig.Http http, Clock clock) {
        this(release, ai, http, clock, ServerConfig.Mail.NONE);
    }

    /** With a mail server (a test's GreenMail) and the server's clock given. */
    public TestStack(Release release, ServerConfig.Ai ai, ServerConfig.Http http, Clock clock, ServerConfig.Mail mail) {
        this.release = release;
        if (sqlite() && !release.has(Release.Feature.WORKSPACE)) {
            throw new IllegalArgumentException("the single-container edition (SQLite) begins with release 1.2.0, not "
                    + release.version() + ": a test of an older release runs on PostgreSQL only");
        }
        boolean hardened = release.has(Release.Feature.HARDENING);
        ServerConfig.Integrity integrity = hardened ? new ServerConfig.Integrity(AUDIT_KEY, HEALTH_TOKEN)
                : ServerConfig.Integrity.none();
        ServerConfig.Database owner;
        if (sqlite()) {
            java.nio.file.Path folder = newFolder();
            owner = ServerConfig.Database.sqlite(folder.resolve("adaptive.db"));
            this.config = new ServerConfig.All(owner, null, ServerConfig.Storage.disk(folder.resolve("files")), ai, http,
                    integrity, mail);
        } else {
            owner = TestPostgres.get().newDatabase();
            this.config = new ServerConfig.All(hardened ? new ServerConfig.Database(owner.host(), owner.port(), owner.name(),
                    owner.user(), owner.password(), APP_ROLE, APP_PASSWORD) : owner, TestRedis.get().config(),
                    TestS3.get().newBucket(), ai, http, integrity, mail);
        }
        this.db = Database.pool(owner, 4);
        this.sql = Database.sql(db);
        Migrator.Report report = new Migrator(db, release).migrate();
        if (!report.ok()) {
            throw new IllegalStateException("migration failed: " + report.error());
        }
        if (hardened && !sqlite()) {
            RuntimeRole.grant(db, APP_ROLE, APP_PASSWORD);
        }
        this.adminOrgId = AccountService.createAdmin(sql, new PasswordHasher(), Clock.systemUTC(), ADMIN_EMAIL,
                "Founder", ADMIN_PASSWORD, "Acme").orgId();
        this.server = new AdaptiveServer(config, release, clock);
        this.port = server.start(config.http().port());
    }

    /** Whether this run is the suite's SQLite run ({@code -Dtest.database=sqlite}). */
    public static boolean sqlite() {
        return "sqlite".equals(System.getProperty("test.database"));
    }

    private static java.nio.file.Path newFolder() {
        try {
            java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("adaptive-sqlite-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = java.nio.file.Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (java.io.IOException ignored) {
                    // best effort at exit
                }
            }));
            return folder;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Runs statements as someone with the database in hand would, past the activity log's append-only triggers:
     * on PostgreSQL as its superuser with triggers off ({@code session_replication_role = replica}); on SQLite by
     * dropping the triggers for the while (a file's owner can). {@code TRUNCATE t} is SQLite's {@code DELETE FROM t}.
     */
    public void bypassingLogTriggers(String statements) throws java.sql.SQLException {
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement s = c.createStatement()) {
            if (!sqlite()) {
                s.execute("SET session_replication_role = replica");
                s.execute(statements);
                return;
            }
            c.setAutoCommit(false);
            java.util.Map<String, String> triggers = new java.util.LinkedHashMap<>();
            try (var rows = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'activity_log'")) {
                while (rows.next()) {
                    triggers.put(rows.getString(1), rows.getString(2));
                }
            }
            for (String name : triggers.keySet()) {
                s.execute("DROP TRIGGER " + name);
            }
            for (String statement : statements.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement.strip().replaceFirst("^TRUNCATE ", "DELETE FROM ").replace("::uuid", ""));
                }
            }
            for (String trigger : triggers.values()) {
                s.execute(trigger);
            }
            c.commit();
        }
    }

    /** Ends a session where the server keeps it, behind the server's back (another instance, an expiry). */
    public void dropSession(String token) {
        String hash = com.adaptivestartup.server.auth.Tokens.sha256Hex(token);
        if (sqlite()) {
            sql.update("DELETE FROM sessions WHERE hash = ?", hash);
            return;
        }
        try (var redis = new redis.clients.jedis.JedisPooled("127.0.0.1", TestRedis.get().port())) {
            redis.del("as:session:" + hash);
        }
    }

    /** Whether the server still keeps the session. */
    public boolean sessionKept(String token) {
        String hash = com.adaptivestartup.server.auth.Tokens.sha256Hex(token);
        if (sqlite()) {
            return sql.one("SELECT 1 FROM sessions WHERE hash = ?", r -> 1, hash).isPresent();
        }
        try (var redis = new redis.clients.jedis.JedisPooled("127.0.0.1", TestRedis.get().port())) {
            return redis.exists("as:session:" + hash);
        }
    }

    /** The folder the stored files' bytes end up in (the S3 server's, or the single container's files folder). */
    public java.nio.file.Path filesOnDisk() {
        return config.storage().isDisk() ? config.storage().directory() : TestS3.get().dataDir();
    }

    public static TestStack latest() {
        return new TestStack(Release.of("1.2.0"), noAi(), 5L * 1024 * 1024);
    }

    public static ServerConfig.Ai noAi() {
        return new ServerConfig.Ai(null, null, null, "llama3.2");
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    /** Signs in as the first admin and replaces the initial password; returns a ready client. */
    public Api founder() {
        Api api = api();
        api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        api.changePassword(ADMIN_PASSWORD, "founder-password-456");
        return api;
    }

    /**
     * Invites {@code email} into the organization as {@code role} and accepts as that person (a new account);
     * returns their client, signed in by the acceptance itself.
     */
    public Api invite(Api admin, String org, String role, String email) {
        Api.Response invited = admin.post("/api/orgs/" + org + "/invitations", Api.json(java.util.Map.of("email", email,
                "role", role)));
        if (invited.status() != 201) {
            throw new AssertionError("invitation refused: " + invited.body());
        }
        Api user = api();
        Api.Response accepted = user.post("/api/invitations/accept", Api.json(java.util.Map.of(
                "token", invited.json().get("token").asText(), "name", "Guest", "password", GUEST_PASSWORD)));
        if (accepted.status() != 200 || !accepted.json().hasNonNull("token")) {
            throw new AssertionError("acceptance refused: " + accepted.body());
        }
        return user.withToken(accepted.json().get("token").asText());
    }

    public static final String GUEST_PASSWORD = "guest-password-123";

    public AdaptiveServer server() {
        return server;
    }

    public long count(String table) {
        return sql.one("SELECT count(*) FROM " + table, r -> r.getLong(1)).orElseThrow();
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }
}
