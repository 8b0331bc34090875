package com.adaptivestartup.server;

import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.activity.ActivityRoutes;
import com.adaptivestartup.server.activity.AuditKey;
import com.adaptivestartup.server.ai.AiProvider;
import com.adaptivestartup.server.ai.AiRoutes;
import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.AuthRoutes;
import com.adaptivestartup.server.auth.Handoffs;
import com.adaptivestartup.server.auth.MemoryCounters;
import com.adaptivestartup.server.auth.PasswordRecovery;
import com.adaptivestartup.server.auth.ProfileService;
import com.adaptivestartup.server.auth.RequestLimit;
import com.adaptivestartup.server.auth.SignInPolicy;
import com.adaptivestartup.server.sso.OidcClient;
import com.adaptivestartup.server.sso.SsoRoutes;
import com.adaptivestartup.server.sso.SsoService;
import com.adaptivestartup.server.mail.Mailer;
import com.adaptivestartup.server.mail.Outbox;
import com.adaptivestartup.server.mail.OutboxSender;
import com.adaptivestartup.server.auth.PasswordHasher;
import com.adaptivestartup.server.auth.SessionStore;
import com.adaptivestartup.server.auth.SignInLimiter;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.file.FileOrganizer;
import com.adaptivestartup.server.file.FileRoutes;
import com.adaptivestartup.server.file.FileService;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.health.HealthRoutes;
import com.adaptivestartup.server.health.SchemaGate;
import com.adaptivestartup.server.http.ClientAddress;
import com.adaptivestartup.server.http.HttpApp;
import com.adaptivestartup.server.metric.MetricRoutes;
import com.adaptivestartup.server.metric.MetricService;
import com.adaptivestartup.server.notification.NotificationRoutes;
import com.adaptivestartup.server.notification.Notifications;
import com.adaptivestartup.server.org.CustomRoles;
import com.adaptivestartup.server.org.InvitationService;
import com.adaptivestartup.server.org.MemberAccounts;
import com.adaptivestartup.server.org.OrgRoutes;
import com.adaptivestartup.server.org.OrgService;
import com.adaptivestartup.server.org.RoleRoutes;
import com.adaptivestartup.server.realtime.Fanout;
import com.adaptivestartup.server.realtime.LiveUpdates;
import com.adaptivestartup.server.realtime.RedisFanout;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.resource.Catalogue;
import com.adaptivestartup.server.resource.ResourceRoutes;
import com.adaptivestartup.server.resource.ResourceService;
import com.adaptivestartup.server.venture.VentureRoutes;
import com.adaptivestartup.server.venture.VentureService;
import com.adaptivestartup.server.workspace.AiActions;
import com.adaptivestartup.server.workspace.AssignmentNotices;
import com.adaptivestartup.server.workspace.DocumentLocks;
import com.adaptivestartup.server.workspace.FolderCycles;
import com.adaptivestartup.server.workspace.ForecastService;
import com.adaptivestartup.server.workspace.SnapshotService;
import com.adaptivestartup.server.workspace.WorkspaceResources;
import com.adaptivestartup.server.workspace.WorkspaceRoutes;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** Wires the server from its configuration: each service gets its collaborators in its constructor. */
public final class AdaptiveServer implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final JedisPooled redis;
    private final ObjectStore store;
    private final Javalin app;
    private final LiveUpdates live;
    private final Optional<OutboxSender> mailSender;

    public AdaptiveServer(ServerConfig.All config, Release release, Clock clock) {
        // The long-running server connects as the least-privileged runtime role when the stack configures one.
        this.dataSource = Database.pool(config.database().runtime(), 10);
        // The single container has no Redis: sessions go in its database, counts and handoffs stay in memory.
        this.redis = config.single() ? null : new JedisPooled(new HostAndPort(config.redis().host(), config.redis().port()),
                DefaultJedisClientConfig.builder().password(config.redis().password()).timeoutMillis(3_000).build());
        MemoryCounters counters = new MemoryCounters(clock);
        this.store = ObjectStore.of(config.storage());
        Sql sql = Database.sql(dataSource);
        PasswordHasher hasher = new PasswordHasher();
        ActivityLog activity = new ActivityLog(sql, clock,
                Optional.ofNullable(config.integrity().auditKey()).map(AuditKey::of), release.has(Release.Feature.HARDENING));
        Duration idle = Duration.ofHours(config.http().sessionHours());
        Duration maxAge = Duration.ofDays(config.http().sessionMaxAgeDays());
        SessionStore sessions = redis == null ? SessionStore.inDatabase(sql, idle, maxAge, clock)
                : new SessionStore(redis, idle, maxAge, clock);
        // Mail needs schema 8 (the outbox); an older release sends none whatever the stack's settings.
        boolean mail = config.mail().configured() && release.has(Release.Feature.ACCOUNTS);
        Outbox outbox = new Outbox(sql, clock, mail);
        this.mailSender = mail ? Optional.of(new OutboxSender(sql, new Mailer(config.mail()), clock)) : Optional.empty();
        AccountService accounts = new AccountService(sql, sessions, redis == null ? new SignInLimiter(counters)
                : new SignInLimiter(redis, release.has(Release.Feature.HARDENING)), hasher, outbox,
                release.has(Release.Feature.ACCOUNTS) ? SsoService.policy(sql) : SignInPolicy.ANYONE, clock);
        ClientAddress clients = ClientAddress.trusting(config.http().trustedProxies());
        OrgAccess access = new OrgAccess(sql, release.has(Release.Feature.WORKSPACE));
        // several instances on one database hear each other through Redis; alone (SQLite), nothing to hear
        this.live = new LiveUpdates(accounts, sessions, access, redis == null ? Fanout.NONE : new RedisFanout(redis));
        OrgService orgs = new OrgService(sql, access, activity, live);
        InvitationService invitations = new InvitationService(sql, access, accounts, activity, live, release, clock,
                config.http().publicUrl(), outbox);
        PasswordRecovery recovery = new PasswordRecovery(sql, sessions, hasher, outbox, config.http().publicUrl(),
                redis == null ? new RequestLimit(counters) : new RequestLimit(redis), clock);
        ProfileService profile = new ProfileService(sql, accounts, sessions, outbox, config.http().publicUrl(), clock);
        VentureService ventures = new VentureService(sql, access, activity, live, release);
        MetricService metrics = new MetricService(sql, access, ventures, activity, live, release, clock);
        FileService files = new FileService(sql, access, ventures, activity, store, live, config.http().maxUploadBytes(),
                release);

        Optional<AiProvider> ai = AiProvider.from(config.ai(), HttpClient.newHttpClient());
        this.app = HttpApp.create(config.http().maxUploadBytes());
        Migrator migrator = new Migrator(dataSource, release);
        SchemaGate gate = new SchemaGate(String.valueOf(release.schemaTarget()), migrator::schemaVersion,
                () -> System.nanoTime() / 1_000_000);
        new HealthRoutes(release, dataSource, sql, migrator, gate, redis, store,
                Optional.ofNullable(config.integrity().healthToken())).register(app);
        gate.register(app);
        new AuthRoutes(accounts, recovery, profile, outbox, clients).register(app);
        new OrgRoutes(accounts, orgs, invitations, clients, new MemberAccounts(sql, access, activity, recovery), access,
                outbox).register(app);
        if (release.has(Release.Feature.ACCOUNTS)) {
            new SsoRoutes(accounts, new SsoService(sql, new OidcClient(clock),
                    redis == null ? Handoffs.memory(counters) : Handoffs.redis(redis), accounts, sessions, access, activity,
                    live, config.http().publicUrl()), clients).register(app);
        }
        new VentureRoutes(accounts, ventures).register(app);
        new MetricRoutes(accounts, metrics, release).register(app);
        new FileRoutes(accounts, files, release.has(Release.Feature.WORKSPACE)
                ? new FileOrganizer(sql, files, store, activity, live, config.http().maxUploadBytes()) : null).register(app);
        new ActivityRoutes(accounts, access, activity, sql, clock).register(app);
        Optional<ResourceRoutes> resources = Optional.empty();
        if (release.has(Release.Feature.WORKSPACE)) {
            Catalogue catalogue = new Catalogue(WorkspaceResources.all());
            Notifications notifications = new Notifications(sql, access, live);
            ResourceService records = new ResourceService(sql, access, activity, live, catalogue,
                    List.of(new AssignmentNotices(notifications), new FolderCycles(), new DocumentLocks()));
            new NotificationRoutes(accounts, notifications).register(app);
            resources = Optional.of(new ResourceRoutes(accounts, records, catalogue));
            ForecastService forecasts = new ForecastService(sql, access);
            new WorkspaceRoutes(accounts, new SnapshotService(records, catalogue), forecasts,
                    new AiActions(sql, access, records, catalogue, forecasts, ai)).register(app);
            new RoleRoutes(accounts, new CustomRoles(sql, access, activity, live, WorkspaceResources.pages())).register(app);
        }
        new AiRoutes(accounts, ai).register(app);
        live.register(app);
        // last: its routes name the resource in the path, so the venture's other routes must match first
        resources.ifPresent(r -> r.register(app));
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
        mailSender.ifPresent(OutboxSender::start);
        return app.port();
    }

    /** The live-update hub (tests count its sockets). */
    public LiveUpdates live() {
        return live;
    }

    @Override
    public void close() {
        mailSender.ifPresent(OutboxSender::close);
        app.stop();
        live.close();
        store.close();
        if (redis != null) {
            redis.close();
        }
        dataSource.close();
    }
}
