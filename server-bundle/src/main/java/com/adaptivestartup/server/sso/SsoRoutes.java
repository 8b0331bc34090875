package com.adaptivestartup.server.sso;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.SessionStore;
import com.adaptivestartup.server.http.ClientAddress;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import io.javalin.Javalin;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/auth/sso/*}: which company account an email signs in with, the start of a sign-in, the provider's
 * return, and the exchange of its code for the session; {@code /api/orgs/{org}/sso}: the provider's settings.
 */
public final class SsoRoutes {
    private final AccountService accounts;
    private final SsoService sso;
    private final ClientAddress clients;

    public SsoRoutes(AccountService accounts, SsoService sso, ClientAddress clients) {
        this.accounts = accounts;
        this.sso = sso;
        this.clients = clients;
    }

    record Email(String email) {
    }

    record Start(UUID orgId) {
    }

    record Code(String code) {
    }

    public void register(Javalin app) {
        app.post("/api/auth/sso/discover", ctx -> ctx.json(sso.forEmail(Json.body(ctx, Email.class).email())
                .<Object>map(f -> f).orElse(Map.of())));
        app.post("/api/auth/sso/start", ctx -> {
            Start body = Json.body(ctx, Start.class);
            if (body.orgId() == null) {
                throw com.adaptivestartup.server.http.ApiError.badRequest("say which organization's sign-in to start (orgId)");
            }
            ctx.json(Map.of("url", sso.start(body.orgId()).toString()));
        });
        app.get("/api/auth/sso/callback", ctx -> {
            ctx.header("Cache-Control", "no-store");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.redirect(sso.callback(ctx.queryParam("state"), ctx.queryParam("code"), ctx.queryParam("error"),
                    ctx.queryParam("error_description"), new SessionStore.Origin(clients.of(ctx), ctx.userAgent())));
        });
        app.post("/api/auth/sso/exchange", ctx -> ctx.json(sso.exchange(Json.body(ctx, Code.class).code())));
        app.get("/api/orgs/{orgId}/sso", ctx -> ctx.json(sso.settings(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"))));
        app.put("/api/orgs/{orgId}/sso", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            ctx.json(sso.save(p, Ids.path(ctx, "orgId"), Json.body(ctx, SsoService.Change.class)));
        });
        app.delete("/api/orgs/{orgId}/sso", ctx -> {
            sso.remove(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"));
            ctx.status(204);
        });
    }
}
