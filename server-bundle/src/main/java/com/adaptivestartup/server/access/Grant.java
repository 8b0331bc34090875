package com.adaptivestartup.server.access;

import com.adaptivestartup.server.auth.Role;

/**
 * What someone may do in an organization: their built-in role and, for a member or viewer, the custom role that
 * decides the workspace pages instead.
 */
public record Grant(Role role, CustomRole customRole) {

    public boolean allows(String page, Action action) {
        if (role.atLeast(Role.ADMIN)) {
            return true;
        }
        if (customRole != null) {
            return customRole.allows(page, action);
        }
        return action == Action.VIEW || role.atLeast(Role.MEMBER);
    }

    /** Why {@link #allows} said no, as a sentence. */
    String refusal(String page, Action action) {
        if (customRole != null) {
            return customRole.allowedPages().contains(page)
                    ? "your role here (" + customRole.name() + ") may not " + action.name().toLowerCase(java.util.Locale.ROOT)
                      + " on the " + page + " page"
                    : "your role here (" + customRole.name() + ") does not include the " + page + " page";
        }
        return "your role here is " + role.wire() + "; this needs member or higher";
    }
}
