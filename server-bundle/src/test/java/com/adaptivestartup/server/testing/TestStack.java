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
 * listening on a free port. For a test class; close it at the end.
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
        ServerConfig.Database owner = TestPostgres.get().newDatabase();
        boolean hardened = release.has(Release.Feature.HARDENING);
        this.config = new ServerConfig.All(hardened ? new ServerConfig.Database(owner.host(), owner.port(), owner.name(),
                owner.user(), owner.password(), APP_ROLE, APP_PASSWORD) : owner, TestRedis.get().config(),
                TestS3.get().newBucket(), ai, http, hardened ? new ServerConfig.Integrity(AUDIT_KEY, HEALTH_TOKEN)
                : ServerConfig.Integrity.none(), mail);
        this.db = Database.pool(owner, 4);
        this.sql = Database.sql(db);
        Migrator.Report report = new Migrator(db, release).migrate();
        if (!report.ok()) {
            throw new IllegalStateException("migration failed: " + report.error());
        }
        if (hardened) {
            RuntimeRole.grant(db, APP_ROLE, APP_PASSWORD);
        }
        this.adminOrgId = AccountService.createAdmin(sql, new PasswordHasher(), Clock.systemUTC(), ADMIN_EMAIL,
                "Founder", ADMIN_PASSWORD, "Acme").orgId();
        this.server = new AdaptiveServer(config, release, clock);
        this.port = server.start(config.http().port());
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
