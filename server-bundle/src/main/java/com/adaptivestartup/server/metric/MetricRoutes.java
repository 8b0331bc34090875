package com.adaptivestartup.server.metric;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.release.Release;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code /api/orgs/{orgId}/ventures/{id}/metrics}, and from 1.1.0 {@code .../metrics/summary}. */
public final class MetricRoutes {
    private final AccountService accounts;
    private final MetricService metrics;
    private final Release release;

    public MetricRoutes(AccountService accounts, MetricService metrics, Release release) {
        this.accounts = accounts;
        this.metrics = metrics;
        this.release = release;
    }

    public void register(Javalin app) {
        String base = "/api/orgs/{orgId}/ventures/{id}/metrics";
        app.post(base, ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            ctx.status(201).json(metrics.add(p, Ids.path(ctx, "orgId"), Ids.path(ctx, "id"),
                    Json.body(ctx, MetricService.NewMetric.class)));
        });
        app.get(base, ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            int limit = Math.clamp(ctx.queryParamAsClass("limit", Integer.class).getOrDefault(1000), 1, 10_000);
            ctx.json(metrics.range(p, Ids.path(ctx, "orgId"), Ids.path(ctx, "id"), ctx.queryParam("name"),
                    time(ctx, "from"), time(ctx, "to"), limit));
        });
        if (release.has(Release.Feature.METRIC_UNITS)) {
            app.get(base + "/summary", ctx -> ctx.json(metrics.summary(accounts.authenticateActive(ctx),
                    Ids.path(ctx, "orgId"), Ids.path(ctx, "id"))));
        }
    }

    private static Instant time(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("'" + name + "' must be a UTC time such as 2027-01-31T00:00:00Z");
        }
    }
}
