package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.http.Numbers;
import io.javalin.Javalin;
import java.util.UUID;

/**
 * The workspace's routes beyond plain records: snapshots of canvases and documents, the financial forecast, the AI
 * actions.
 */
public final class WorkspaceRoutes {
    private final AccountService accounts;
    private final SnapshotService snapshots;
    private final ForecastService forecasts;
    private final AiActions ai;

    public WorkspaceRoutes(AccountService accounts, SnapshotService snapshots, ForecastService forecasts, AiActions ai) {
        this.accounts = accounts;
        this.snapshots = snapshots;
        this.ai = ai;
        this.forecasts = forecasts;
    }

    record Snapshot(String name) {
    }

    record Restore(UUID versionId, Integer revision) {
    }

    public void register(Javalin app) {
        String venture = "/api/orgs/{orgId}/ventures/{ventureId}";
        for (String path : snapshots.paths()) {
            app.post(venture + "/" + path + "/{id}/snapshot", ctx -> ctx.status(201).json(snapshots.snapshot(
                    accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "ventureId"), path,
                    Ids.path(ctx, "id"), Json.body(ctx, Snapshot.class).name())));
            app.post(venture + "/" + path + "/{id}/restore", ctx -> {
                Restore body = Json.body(ctx, Restore.class);
                if (body.versionId() == null) {
                    throw ApiError.badRequest("'versionId' names the snapshot to restore");
                }
                ctx.json(snapshots.restore(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                        Ids.path(ctx, "ventureId"), path, Ids.path(ctx, "id"), body.versionId(), body.revision()));
            });
        }
        app.post(venture + "/ai/{action}", ctx -> ctx.json(ai.run(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                Ids.path(ctx, "ventureId"), ctx.pathParam("action"), ctx.req().getContentLengthLong() <= 0
                        ? AiActions.Ask.NOTHING : Json.body(ctx, AiActions.Ask.class))));
        app.get(venture + "/forecast", ctx -> ctx.json(forecasts.forecast(accounts.authenticateActive(ctx),
                Ids.path(ctx, "orgId"), Ids.path(ctx, "ventureId"), Numbers.query(ctx, "months"))));
    }
}
