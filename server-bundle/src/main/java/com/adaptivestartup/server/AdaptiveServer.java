package com.adaptivestartup.server;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.activity.ActivityRoutes;
import com.adaptivestartup.server.ai.AiProvider;
import com.adaptivestartup.server.ai.AiRoutes;
import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.AuthRoutes;
import com.adaptivestartup.server.auth.PasswordHasher;
import com.adaptivestartup.server.auth.SessionStore;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.file.FileRoutes;
import com.adaptivestartup.server.file.FileService;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.health.HealthRoutes;
import com.adaptivestartup.server.health.SchemaGate;
import com.adaptivestartup.server.http.HttpApp;
import com.adaptivestartup.server.metric.MetricRoutes;
import com.adaptivestartup.server.metric.MetricService;
import com.adaptivestartup.server.org.OrgRoutes;
import com.adaptivestartup.server.org.OrgService;
import com.adaptivestartup.server.realtime.LiveUpdates;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.venture.VentureRoutes;
import com.adaptivestartup.server.venture.VentureService;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** Wires the server from its configuration: each service gets its collaborators in its constructor. */
public final class AdaptiveServer implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final JedisPooled redis;
    private final ObjectStore store;
    private final Javalin app;
    private final LiveUpdates live = new LiveUpdates();

    public AdaptiveServer(ServerConfig.All config, Release release, Clock clock) {
        this.dataSource = Database.pool(config.database(), 10);
        this.redis = new JedisPooled(new HostAndPort(config.redis().host(), config.redis().port()),
                DefaultJedisClientConfig.builder().password(config.redis().password()).timeoutMillis(3_000).build());
        this.store = new ObjectStore(config.storage());
        Sql sql = Database.sql(dataSource);
        PasswordHasher hasher = new PasswordHasher();
        ActivityLog activity = new ActivityLog(sql, clock);
        AccountService accounts = new AccountService(sql,
                new SessionStore(redis, Duration.ofHours(config.http().sessionHours())), hasher, clock);
        OrgService orgs = new OrgService(sql, accounts, activity, clock);
        VentureService ventures = new VentureService(sql, orgs, activity, live);
        MetricService metrics = new MetricService(sql, orgs, ventures, activity, live, release, clock);
        FileService files = new FileService(sql, orgs, ventures, activity, store, live, config.http().maxUploadBytes());

        this.app = HttpApp.create(config.http().maxUploadBytes());
        Migrator migrator = new Migrator(dataSource, release);
        new HealthRoutes(release, dataSource, migrator, redis, store).register(app);
        new SchemaGate(String.valueOf(release.schemaTarget()), migrator::schemaVersion,
                () -> System.nanoTime() / 1_000_000).register(app);
        new AuthRoutes(accounts).register(app);
        new OrgRoutes(accounts, orgs).register(app);
        new VentureRoutes(accounts, ventures).register(app);
        new MetricRoutes(accounts, metrics, release).register(app);
        new FileRoutes(accounts, files).register(app);
        new ActivityRoutes(accounts, orgs, activity, sql, clock).register(app);
        new AiRoutes(accounts, AiProvider.from(config.ai(), HttpClient.newHttpClient())).register(app);
        live.register(app, accounts, orgs);
    }

    /** Starts listening; returns the port (useful with port 0 in tests). */
    public int start(int port) {
        try {
            store.ensureBucket();
        } catch (RuntimeException e) {
            // Storage may still be starting; /readyz reports it until it answers.
            org.slf4j.LoggerFactory.getLogger(AdaptiveServer.class).warn("object storage not reachable yet: {}", e.toString());
        }
        app.start(port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        store.close();
        redis.close();
        dataSource.close();
    }
}
