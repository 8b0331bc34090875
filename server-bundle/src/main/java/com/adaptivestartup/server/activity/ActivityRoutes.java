package com.adaptivestartup.server.activity;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.db.DataAccessException;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.http.Text;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.UUID;

/** {@code /api/orgs/{orgId}/activity}: the log, its chain check, and signed AI approvals. */
public final class ActivityRoutes {
    private final AccountService accounts;
    private final OrgAccess access;
    private final ActivityLog log;
    private final Sql sql;
    private final Clock clock;

    public ActivityRoutes(AccountService accounts, OrgAccess access, ActivityLog log, Sql sql, Clock clock) {
        this.accounts = accounts;
        this.access = access;
        this.log = log;
        this.sql = sql;
        this.clock = clock;
    }

    record Approval(String entityType, String entityId, String signedPayload, String signature) {
    }

    public void register(Javalin app) {
        app.get("/api/orgs/{orgId}/activity", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            UUID orgId = Ids.path(ctx, "orgId");
            access.require(p, orgId, Role.VIEWER);
            int limit = Math.clamp(ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100), 1, 1000);
            ctx.json(log.recent(orgId, limit));
        });
        app.get("/api/orgs/{orgId}/activity/verify", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            UUID orgId = Ids.path(ctx, "orgId");
            access.require(p, orgId, Role.ADMIN);
            ctx.json(log.verify(orgId));
        });
        app.post("/api/orgs/{orgId}/activity/approvals", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            UUID orgId = Ids.path(ctx, "orgId");
            access.require(p, orgId, Role.MEMBER);
            Approval a = Json.body(ctx, Approval.class);
            String entityType = Text.required("entityType", a.entityType(), 64);
            String entityId = Text.required("entityId", a.entityId(), 128);
            Text.required("signedPayload", a.signedPayload(), 16 * 1024);
            String key = accounts.me(p).publicKey();
            ApprovalVerifier.verify(a.signedPayload(), String.valueOf(a.signature()), key, orgId, entityType, entityId,
                    clock.instant());
            try {
                ActivityLog.Entry entry = sql.transaction(tx -> log.append(tx, orgId, p.userId(), "ai.approved", entityType,
                        entityId, "{}", a.signedPayload(), a.signature(), key));
                ctx.status(201).json(entry);
            } catch (DataAccessException e) {
                if (e.violates("activity_log_signature_once")) {
                    throw ApiError.conflict("this approval was already recorded; a signature counts once");
                }
                throw e;
            }
        });
    }
}
