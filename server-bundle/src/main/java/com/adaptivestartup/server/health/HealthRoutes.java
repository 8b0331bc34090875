package com.adaptivestartup.server.health;

import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.release.Release;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import redis.clients.jedis.JedisPooled;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (PostgreSQL, Redis and storage answer, and the
 * schema is the one this release expects, or a newer one its {@link SchemaGate} accepts: the console's health
 * gate after an update waits on this) and
 * {@code /version}. Anyone gets readiness as a bare yes or no; the details (each check, its error, whether the
 * first admin still has the initial password) go only to a request carrying the console's health token
 * ({@value #TOKEN_HEADER}), since error texts describe the inside of the stack.
 */
public final class HealthRoutes {
    public static final String TOKEN_HEADER = "X-Health-Token";
    private final Release release;
    private final DataSource db;
    private final Sql sql;
    private final Migrator migrator;
    private final SchemaGate gate;
    private final JedisPooled redis;
    private final ObjectStore store;
    private final Optional<String> healthToken;

    public HealthRoutes(Release release, DataSource db, Sql sql, Migrator migrator, SchemaGate gate, JedisPooled redis,
                        ObjectStore store, Optional<String> healthToken) {
        this.release = release;
        this.db = db;
        this.sql = sql;
        this.migrator = migrator;
        this.gate = gate;
        this.redis = redis;
        this.store = store;
        this.healthToken = healthToken;
    }

    public void register(Javalin app) {
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "alive", "version", release.version())));
        app.get("/version", ctx -> ctx.json(Map.of("version", release.version(),
                "schemaVersion", String.valueOf(release.schemaTarget()))));
        app.get("/readyz", ctx -> {
            Map<String, Object> checks = new LinkedHashMap<>();
            boolean ready = check(checks, sql.dialect() == com.adaptivestartup.server.db.Dialect.SQLITE ? "sqlite" : "postgres", () -> {
                try (var c = db.getConnection(); var s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                return "ok";
            });
            if (redis != null) {   // the single container has none
                ready &= check(checks, "redis", () -> redis.ping());
            }
            ready &= check(checks, "storage", () -> {
                store.ping();
                return "ok";
            });
            String expected = String.valueOf(release.schemaTarget());
            Optional<String> actual = ready ? migrator.schemaVersion() : Optional.empty();
            boolean schemaOk = actual.isPresent() && gate.accepts(actual.get());
            checks.put("schema", Map.of("ok", schemaOk, "expected", expected, "actual", actual.orElse("unknown")));
            ready &= schemaOk;
            ctx.status(ready ? 200 : 503);
            if (!detailAllowed(ctx)) {
                ctx.json(Map.of("ready", ready));
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>(Map.of("ready", ready, "version", release.version(), "checks", checks));
            if (schemaOk) {
                body.put("setup", Map.of("initialPasswordPending", initialPasswordPending()));
            }
            ctx.json(body);
        });
    }

    /**
     * Without a configured token (a release before 1.2.0's stack, or a developer's server) the detail stays
     * public, as it was; with one, only the matching header gets it.
     */
    private boolean detailAllowed(Context ctx) {
        if (healthToken.isEmpty()) {
            return true;
        }
        String sent = ctx.header(TOKEN_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                healthToken.get().getBytes(StandardCharsets.UTF_8));
    }

    private boolean initialPasswordPending() {
        return sql.one("SELECT exists(SELECT 1 FROM users WHERE must_change_password)", r -> r.getBoolean(1))
                .orElse(false);
    }

    private static boolean check(Map<String, Object> checks, String name, Callable<String> probe) {
        long start = System.nanoTime();
        try {
            probe.call();
            checks.put(name, Map.of("ok", true, "ms", (System.nanoTime() - start) / 1_000_000));
            return true;
        } catch (Exception e) {
            checks.put(name, Map.of("ok", false, "error", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))));
            return false;
        }
    }
}
