package com.adaptivestartup.server.notification;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Numbers;
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
        app.get(base, ctx -> ctx.json(notifications.list(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                "true".equals(ctx.queryParam("unread")), Numbers.query(ctx, "limit"))));
        app.post(base + "/{id}/read", ctx -> {
            notifications.markRead(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "id"));
            ctx.status(204);
        });
        app.post(base + "/read-all", ctx -> ctx.json(Map.of("marked",
                notifications.markAllRead(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId")))));
    }
}
