package com.adaptivestartup.server.org;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import io.javalin.Javalin;
import java.util.UUID;

/** {@code /api/orgs/{orgId}/roles}, a member's custom role, and what the caller may do ({@code /access}). */
public final class RoleRoutes {
    private final AccountService accounts;
    private final CustomRoles roles;

    public RoleRoutes(AccountService accounts, CustomRoles roles) {
        this.accounts = accounts;
        this.roles = roles;
    }

    record Assignment(UUID customRoleId) {
    }

    public void register(Javalin app) {
        String base = "/api/orgs/{orgId}/roles";
        app.get("/api/orgs/{orgId}/access", ctx -> ctx.json(roles.mine(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"))));
        app.get(base, ctx -> ctx.json(roles.list(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"))));
        app.post(base, ctx -> ctx.status(201).json(roles.create(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                Json.body(ctx, CustomRoles.Draft.class))));
        app.patch(base + "/{id}", ctx -> ctx.json(roles.update(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                Ids.path(ctx, "id"), Json.body(ctx, CustomRoles.Draft.class))));
        app.delete(base + "/{id}", ctx -> {
            roles.delete(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "id"));
            ctx.status(204);
        });
        app.put("/api/orgs/{orgId}/members/{userId}/custom-role", ctx -> {
            roles.assign(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "userId"),
                    Json.body(ctx, Assignment.class).customRoleId());
            ctx.status(204);
        });
    }
}
