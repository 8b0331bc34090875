package com.adaptivestartup.server.venture;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import io.javalin.Javalin;

/** {@code /api/orgs/{orgId}/ventures}. */
public final class VentureRoutes {
    private final AccountService accounts;
    private final VentureService ventures;

    public VentureRoutes(AccountService accounts, VentureService ventures) {
        this.accounts = accounts;
        this.ventures = ventures;
    }

    public void register(Javalin app) {
        String base = "/api/orgs/{orgId}/ventures";
        app.get(base, ctx -> ctx.json(ventures.list(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"))));
        app.post(base, ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            ctx.status(201).json(ventures.create(p, Ids.path(ctx, "orgId"), Json.body(ctx, VentureService.NewVenture.class)));
        });
        app.get(base + "/{id}", ctx -> ctx.json(
                ventures.get(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "id"))));
        app.patch(base + "/{id}", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            ctx.json(ventures.update(p, Ids.path(ctx, "orgId"), Ids.path(ctx, "id"),
                    Json.body(ctx, VentureService.Patch.class)));
        });
        app.delete(base + "/{id}", ctx -> {
            ventures.archive(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "id"));
            ctx.status(204);
        });
        app.get("/api/orgs/{orgId}/deleted-ventures", ctx -> ctx.json(
                ventures.deleted(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"))));
        app.post(base + "/{id}/restore", ctx -> ctx.json(
                ventures.restore(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "id"))));
    }
}
