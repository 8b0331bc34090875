package com.adaptivestartup.server.auth;

import com.adaptivestartup.server.http.ClientAddress;
import com.adaptivestartup.server.http.Json;
import io.javalin.Javalin;
import java.util.Map;

/** {@code /api/auth/*}: sign in, sign out, who am I, change password, register a signing key. */
public final class AuthRoutes {
    private final AccountService accounts;
    private final ClientAddress clients;

    public AuthRoutes(AccountService accounts, ClientAddress clients) {
        this.accounts = accounts;
        this.clients = clients;
    }

    record Login(String email, String password) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record PublicKey(String publicKey) {
    }

    public void register(Javalin app) {
        app.post("/api/auth/login", ctx -> {
            Login body = Json.body(ctx, Login.class);
            AccountService.Session session = accounts.login(String.valueOf(body.email()), String.valueOf(body.password()),
                    clients.of(ctx));
            ctx.json(Map.of("token", session.token(), "user", session.user(),
                    "mustChangePassword", session.user().mustChangePassword()));
        });
        app.post("/api/auth/logout", ctx -> {
            accounts.logout(accounts.authenticate(ctx));
            ctx.status(204);
        });
        app.get("/api/auth/me", ctx -> ctx.json(accounts.me(accounts.authenticate(ctx))));
        app.post("/api/auth/password", ctx -> {
            Principal p = accounts.authenticate(ctx);
            PasswordChange body = Json.body(ctx, PasswordChange.class);
            ctx.json(Map.of("token", accounts.changePassword(p, body.currentPassword(), body.newPassword())));
        });
        app.put("/api/auth/public-key", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            accounts.registerPublicKey(p, Json.body(ctx, PublicKey.class).publicKey());
            ctx.status(204);
        });
    }
}
