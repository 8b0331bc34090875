package com.adaptivestartup.server.testing;

import com.adaptivestartup.server.AdaptiveServer;
import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.PasswordHasher;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
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
    public final ServerConfig.All config;
    public final Release release;
    public final HikariDataSource db;
    public final Sql sql;
    public final UUID adminOrgId;
    private final AdaptiveServer server;
    public final int port;

    public TestStack(Release release, ServerConfig.Ai ai, long maxUploadBytes) {
        this.release = release;
        this.config = new ServerConfig.All(TestPostgres.get().newDatabase(), TestRedis.get().config(),
                TestS3.get().newBucket(), ai, new ServerConfig.Http(0, maxUploadBytes, 12));
        this.db = Database.pool(config.database(), 4);
        this.sql = Database.sql(db);
        Migrator.Report report = new Migrator(db, release).migrate();
        if (!report.ok()) {
            throw new IllegalStateException("migration failed: " + report.error());
        }
        this.adminOrgId = AccountService.createAdmin(sql, new PasswordHasher(), Clock.systemUTC(), ADMIN_EMAIL,
                "Founder", ADMIN_PASSWORD, "Acme").orgId();
        this.server = new AdaptiveServer(config, release, Clock.systemUTC());
        this.port = server.start(0);
    }

    public static TestStack latest() {
        return new TestStack(Release.of("1.1.0"), noAi(), 5L * 1024 * 1024);
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

    public long count(String table) {
        return sql.one("SELECT count(*) FROM " + table, r -> r.getLong(1)).orElseThrow();
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }
}
