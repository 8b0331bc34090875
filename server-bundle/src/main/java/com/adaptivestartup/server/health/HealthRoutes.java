package com.adaptivestartup.server.health;

import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.release.Release;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import redis.clients.jedis.JedisPooled;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (PostgreSQL, Redis and storage answer, and the
 * schema is the one this release expects: the console's health gate after an update waits on this) and
 * {@code /version}.
 */
public final class HealthRoutes {
    private final Release release;
    private final DataSource db;
    private final Migrator migrator;
    private final JedisPooled redis;
    private final ObjectStore store;

    public HealthRoutes(Release release, DataSource db, Migrator migrator, JedisPooled redis, ObjectStore store) {
        this.release = release;
        this.db = db;
        this.migrator = migrator;
        this.redis = redis;
        this.store = store;
    }

    public void register(Javalin app) {
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "alive", "version", release.version())));
        app.get("/version", ctx -> ctx.json(Map.of("version", release.version(),
                "schemaVersion", String.valueOf(release.schemaTarget()))));
        app.get("/readyz", ctx -> {
            Map<String, Object> checks = new LinkedHashMap<>();
            boolean ready = check(checks, "postgres", () -> {
                try (var c = db.getConnection(); var s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                return "ok";
            });
            ready &= check(checks, "redis", () -> redis.ping());
            ready &= check(checks, "storage", () -> {
                store.ping();
                return "ok";
            });
            String expected = String.valueOf(release.schemaTarget());
            Optional<String> actual = ready ? migrator.schemaVersion() : Optional.empty();
            boolean schemaOk = actual.isPresent() && actual.get().equals(expected);
            checks.put("schema", Map.of("ok", schemaOk, "expected", expected, "actual", actual.orElse("unknown")));
            ready &= schemaOk;
            ctx.status(ready ? 200 : 503).json(Map.of("ready", ready, "version", release.version(), "checks", checks));
        });
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
