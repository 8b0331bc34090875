package com.adaptivestartup.server.auth;

import com.adaptivestartup.server.http.ClientAddress;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.mail.Outbox;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/auth/*}: what this installation offers for signing in, sign in and out, who am I, the profile (name,
 * address, password, sessions), password recovery, and registering a signing key.
 */
public final class AuthRoutes {
    private final AccountService accounts;
    private final PasswordRecovery recovery;
    private final ProfileService profile;
    private final Outbox outbox;
    private final ClientAddress clients;

    public AuthRoutes(AccountService accounts, PasswordRecovery recovery, ProfileService profile, Outbox outbox,
                      ClientAddress clients) {
        this.accounts = accounts;
        this.recovery = recovery;
        this.profile = profile;
        this.outbox = outbox;
        this.clients = clients;
    }

    record Login(String email, String password) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record PublicKey(String publicKey) {
    }

    record Email(String email) {
    }

    record Reset(String token, String newPassword) {
    }

    record Name(String name) {
    }

    record EmailChange(String email, String password) {
    }

    record Token(String token) {
    }

    record Notices(Boolean installation) {
    }

    private SessionStore.Origin origin(Context ctx) {
        return new SessionStore.Origin(clients.of(ctx), ctx.userAgent());
    }

    public void register(Javalin app) {
        // Signed out, the sign-in page asks what there is: whether mail can reset a forgotten password.
        app.get("/api/auth/options", ctx -> ctx.json(Map.of("passwordResetByMail", outbox.enabled())));
        app.post("/api/auth/login", ctx -> {
            Login body = Json.body(ctx, Login.class);
            AccountService.Session session = accounts.login(String.valueOf(body.email()), String.valueOf(body.password()),
                    origin(ctx));
            ctx.json(Map.of("token", session.token(), "user", session.user(),
                    "mustChangePassword", session.user().mustChangePassword()));
        });
        app.post("/api/auth/logout", ctx -> {
            Optional<String> providerLogout = accounts.logout(accounts.authenticate(ctx));
            if (providerLogout.isPresent()) {
                ctx.json(Map.of("providerLogout", providerLogout.get()));
            } else {
                ctx.status(204);
            }
        });
        app.get("/api/auth/me", ctx -> ctx.json(accounts.me(accounts.authenticate(ctx))));
        app.patch("/api/auth/me", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            ctx.json(accounts.rename(p, Json.body(ctx, Name.class).name()));
        });
        app.post("/api/auth/password", ctx -> {
            Principal p = accounts.authenticate(ctx);
            PasswordChange body = Json.body(ctx, PasswordChange.class);
            ctx.json(Map.of("token", accounts.changePassword(p, body.currentPassword(), body.newPassword(), origin(ctx))));
        });
        app.post("/api/auth/password-reset/request", ctx -> {
            recovery.request(Json.body(ctx, Email.class).email(), clients.of(ctx));
            ctx.status(202).json(Map.of("message", PasswordRecovery.REQUESTED));
        });
        app.post("/api/auth/password-reset", ctx -> {
            Reset body = Json.body(ctx, Reset.class);
            recovery.reset(body.token(), body.newPassword(), clients.of(ctx));
            ctx.status(204);
        });
        app.post("/api/auth/email", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            EmailChange body = Json.body(ctx, EmailChange.class);
            ctx.json(profile.changeEmail(p, body.email(), body.password(), origin(ctx)));
        });
        app.post("/api/auth/email/confirm", ctx ->
                ctx.json(Map.of("email", profile.confirmEmail(Json.body(ctx, Token.class).token()))));
        app.get("/api/auth/notices", ctx -> ctx.json(profile.notices(accounts.authenticateActive(ctx))));
        app.put("/api/auth/notices", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            ctx.json(profile.setNotices(p, Boolean.TRUE.equals(Json.body(ctx, Notices.class).installation())));
        });
        app.get("/api/auth/sessions", ctx -> ctx.json(profile.sessions(accounts.authenticate(ctx))));
        app.delete("/api/auth/sessions", ctx ->
                ctx.json(Map.of("ended", profile.endOtherSessions(accounts.authenticate(ctx)))));
        app.delete("/api/auth/sessions/{id}", ctx -> {
            profile.endSession(accounts.authenticate(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
        app.put("/api/auth/public-key", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            accounts.registerPublicKey(p, Json.body(ctx, PublicKey.class).publicKey());
            ctx.status(204);
        });
    }
}
