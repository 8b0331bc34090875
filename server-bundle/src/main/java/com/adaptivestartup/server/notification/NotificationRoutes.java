package com.adaptivestartup.server.notification;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Ids;
import io.javalin.Javalin;
import java.util.Map;

/** {@code /api/orgs/{orgId}/notifications}: the caller's own, never anyone else's. */
public final class NotificationRoutes {
    private final AccountService accounts;
    private final Notifications notifications;

    public NotificationRoutes(AccountService accounts, Notifications notifications) {
        this.accounts = accounts;
        this.notifications = notifications;
    }

    public void register(Javalin app) {
        String base = "/api/orgs/{orgId}/notifications";
        app.get(base, ctx -> {
            String limit = ctx.queryParam("limit");
            Integer size;
            try {
                size = limit == null ? null : Integer.valueOf(limit);
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("'limit' must be a whole number");
            }
            ctx.json(notifications.list(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                    "true".equals(ctx.queryParam("unread")), size));
        });
        app.post(base + "/{id}/read", ctx -> {
            notifications.markRead(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "id"));
            ctx.status(204);
        });
        app.post(base + "/read-all", ctx -> ctx.json(Map.of("marked",
                notifications.markAllRead(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId")))));
    }
}
