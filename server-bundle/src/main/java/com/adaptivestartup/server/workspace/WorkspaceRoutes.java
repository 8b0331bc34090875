package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import io.javalin.Javalin;
import java.util.UUID;

/** The workspace's routes beyond plain records: a canvas's snapshots, the financial forecast. */
public final class WorkspaceRoutes {
    private final AccountService accounts;
    private final CanvasService canvases;
    private final ForecastService forecasts;

    public WorkspaceRoutes(AccountService accounts, CanvasService canvases, ForecastService forecasts) {
        this.accounts = accounts;
        this.canvases = canvases;
        this.forecasts = forecasts;
    }

    record Snapshot(String name) {
    }

    record Restore(UUID versionId, Integer revision) {
    }

    public void register(Javalin app) {
        String venture = "/api/orgs/{orgId}/ventures/{ventureId}";
        app.post(venture + "/canvases/{id}/snapshot", ctx -> ctx.status(201).json(canvases.snapshot(
                accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "ventureId"), Ids.path(ctx, "id"),
                Json.body(ctx, Snapshot.class).name())));
        app.post(venture + "/canvases/{id}/restore", ctx -> {
            Restore body = Json.body(ctx, Restore.class);
            if (body.versionId() == null) {
                throw ApiError.badRequest("'versionId' names the snapshot to restore");
            }
            ctx.json(canvases.restore(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "ventureId"),
                    Ids.path(ctx, "id"), body.versionId(), body.revision()));
        });
        app.get(venture + "/forecast", ctx -> {
            String months = ctx.queryParam("months");
            Integer span;
            try {
                span = months == null ? null : Integer.valueOf(months);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("'months' must be a whole number");
            }
            ctx.json(forecasts.forecast(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                    Ids.path(ctx, "ventureId"), span));
        });
    }
}
