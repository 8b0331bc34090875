package com.adaptivestartup.server.org;

import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.PasswordRecovery;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.auth.User;
import com.adaptivestartup.server.auth.UserRepository;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import java.util.Map;
import java.util.UUID;

/**
 * What an organization's admin does to a member's account: resets the password (a link by mail, or a one-time
 * password to hand over) or signs them out everywhere; journaled in the organization's activity log. Only for an
 * account the admin administers wholly: a member who also belongs to an organization the admin does not administer
 * (or a founder, unless the admin is one) is the installation owner's to reset.
 */
public final class MemberAccounts {
    private final Sql sql;
    private final OrgAccess access;
    private final ActivityLog activity;
    private final PasswordRecovery recovery;
    private final UserRepository users;

    public MemberAccounts(Sql sql, OrgAccess access, ActivityLog activity, PasswordRecovery recovery) {
        this.sql = sql;
        this.access = access;
        this.activity = activity;
        this.recovery = recovery;
        this.users = new UserRepository(sql);
    }

    /** What an admin's reset did: a link mailed, or a one-time password to hand over (shown only here). */
    public record AdminReset(String method, String email, String oneTimePassword, int sessionsEnded) {
    }

    public AdminReset resetPassword(Principal p, UUID orgId, UUID userId, boolean byMail) {
        User member = administered(p, orgId, userId, "reset the password of");
        String oneTime = sql.transaction(tx -> {
            String password = recovery.resetByAdmin(tx, member, byMail);
            activity.append(tx, orgId, p.userId(), "member.password_reset", "user", member.id().toString(),
                    Map.of("method", byMail ? "mail" : "one-time password"));
            return password;
        });
        int ended = recovery.signOutEverywhere(member.id());
        return new AdminReset(byMail ? "mail" : "one-time password", member.email(), oneTime, ended);
    }

    /** Signs a member out of every session (a lost laptop); returns how many sessions ended. */
    public int signOutEverywhere(Principal p, UUID orgId, UUID userId) {
        User member = administered(p, orgId, userId, "sign out");
        sql.transaction(tx -> {
            activity.append(tx, orgId, p.userId(), "member.signed_out", "user", member.id().toString(), Map.of());
            return null;
        });
        return recovery.signOutEverywhere(member.id());
    }

    private User administered(Principal p, UUID orgId, UUID userId, String what) {
        Role mine = access.require(p, orgId, Role.ADMIN);
        if (userId.equals(p.userId())) {
            throw ApiError.badRequest("for your own account use your profile (your name, top right)");
        }
        Role theirs = access.roleOf(userId, orgId).orElseThrow(() -> ApiError.notFound("the member"));
        User member = users.byId(userId).orElseThrow(() -> ApiError.notFound("the member"));
        if (theirs == Role.FOUNDER && mine != Role.FOUNDER) {
            throw ApiError.forbidden("only a founder can " + what + " a founder");
        }
        for (UUID other : access.orgIdsOf(userId)) {
            if (!other.equals(orgId) && access.roleOf(p.userId(), other).filter(r -> r.atLeast(Role.ADMIN)).isEmpty()) {
                throw ApiError.forbidden(member.email() + " also belongs to an organization you do not administer, so"
                        + " only the installation's owner can " + what + " them (console: adaptivectl admin"
                        + " reset-password --email " + member.email() + ")");
            }
        }
        return member;
    }
}
