package com.adaptivestartup.server.org;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.auth.SessionStore;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.mail.Outbox;
import com.adaptivestartup.server.http.ClientAddress;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import io.javalin.Javalin;
import java.util.Optional;

/** {@code /api/orgs/*}, the organization's invitations, and {@code /api/invitations/{open,accept}}. */
public final class OrgRoutes {
    private final AccountService accounts;
    private final OrgService orgs;
    private final InvitationService invitations;
    private final ClientAddress clients;
    private final MemberAccounts memberAccounts;
    private final OrgAccess access;
    private final Outbox outbox;

    public OrgRoutes(AccountService accounts, OrgService orgs, InvitationService invitations, ClientAddress clients,
                     MemberAccounts memberAccounts, OrgAccess access, Outbox outbox) {
        this.memberAccounts = memberAccounts;
        this.access = access;
        this.outbox = outbox;
        this.accounts = accounts;
        this.orgs = orgs;
        this.invitations = invitations;
        this.clients = clients;
    }

    record NewOrg(String name) {
    }

    record RoleChange(String role) {
    }

    record NewInvitation(String email, String role) {
    }

    record Token(String token) {
    }

    record Accept(String token, String name, String password) {
    }

    record AdminReset(Boolean byMail) {
    }

    public void register(Javalin app) {
        app.get("/api/orgs", ctx -> ctx.json(orgs.mine(accounts.authenticateActive(ctx))));
        app.post("/api/orgs", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            ctx.status(201).json(orgs.create(p, Json.body(ctx, NewOrg.class).name()));
        });
        app.get("/api/orgs/{orgId}/members", ctx ->
                ctx.json(orgs.members(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"))));
        app.patch("/api/orgs/{orgId}/members/{userId}", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            orgs.changeRole(p, Ids.path(ctx, "orgId"), Ids.path(ctx, "userId"), Json.body(ctx, RoleChange.class).role());
            ctx.status(204);
        });
        app.delete("/api/orgs/{orgId}/members/{userId}", ctx -> {
            orgs.remove(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "userId"));
            ctx.status(204);
        });
        app.get("/api/orgs/{orgId}/invitations", ctx ->
                ctx.json(invitations.list(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"))));
        app.post("/api/orgs/{orgId}/invitations", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            NewInvitation body = Json.body(ctx, NewInvitation.class);
            ctx.status(201).json(invitations.invite(p, Ids.path(ctx, "orgId"), body.email(), body.role()));
        });
        app.delete("/api/orgs/{orgId}/invitations/{id}", ctx -> {
            invitations.revoke(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "id"));
            ctx.status(204);
        });
        app.post("/api/orgs/{orgId}/invitations/{id}/resend", ctx ->
                ctx.json(invitations.resend(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "id"))));
        app.post("/api/invitations/open", ctx -> ctx.json(invitations.open(Json.body(ctx, Token.class).token())));
        app.post("/api/invitations/accept", ctx -> {
            Optional<Principal> p = ctx.header("Authorization") == null ? Optional.empty()
                    : Optional.of(accounts.authenticateActive(ctx));
            Accept body = Json.body(ctx, Accept.class);
            ctx.json(invitations.accept(p, body.token(), body.name(), body.password(),
                    new SessionStore.Origin(clients.of(ctx), ctx.userAgent())));
        });
        app.post("/api/orgs/{orgId}/members/{userId}/password-reset", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            AdminReset body = Json.body(ctx, AdminReset.class);
            ctx.json(memberAccounts.resetPassword(p, Ids.path(ctx, "orgId"), Ids.path(ctx, "userId"),
                    Boolean.TRUE.equals(body.byMail())));
        });
        app.post("/api/orgs/{orgId}/members/{userId}/sign-out", ctx -> ctx.json(java.util.Map.of("ended",
                memberAccounts.signOutEverywhere(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                        Ids.path(ctx, "userId")))));
        // The organization's mail (its invitations) with how each delivery went, for its admins.
        app.get("/api/orgs/{orgId}/mail", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            access.require(p, Ids.path(ctx, "orgId"), Role.ADMIN);
            ctx.json(java.util.Map.of("enabled", outbox.enabled(), "mail", outbox.ofOrganization(Ids.path(ctx, "orgId"), 100)));
        });
    }
}
