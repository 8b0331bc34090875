package com.adaptivestartup.server.sso;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An organization's identity provider (Keycloak, Microsoft Entra ID, Google Workspace, Okta, Authentik): its
 * issuer, this installation's client there, which claim lists a person's groups and which role each group gives
 * (the highest wins; none: {@code defaultRole}), the email domains allowed (none: any), and whether the
 * organization's members must sign in through it. The client secret is never sent back out.
 */
public record SsoProvider(UUID orgId, String issuer, String clientId, @JsonIgnore String clientSecret, String groupsClaim,
                          Map<String, String> roleMapping, String defaultRole, List<String> emailDomains, boolean ssoOnly) {
    static final List<String> ROLES = List.of("viewer", "member", "admin");

    /** The role a person with these groups gets: the highest a mapped group gives, else the default. */
    public String roleFor(List<String> groups) {
        String best = null;
        for (String g : groups) {
            String role = roleMapping.get(g);
            if (role != null && (best == null || ROLES.indexOf(role) > ROLES.indexOf(best))) {
                best = role;
            }
        }
        return best == null ? defaultRole : best;
    }

    /** Whether an account with this email may sign in through the provider (its domain is allowed). */
    public boolean allows(String email) {
        if (emailDomains.isEmpty()) {
            return true;
        }
        String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return emailDomains.stream().anyMatch(d -> d.equalsIgnoreCase(domain));
    }

    /** Whether a secret is kept (the settings form says so instead of showing it). */
    public boolean hasClientSecret() {
        return clientSecret != null && !clientSecret.isEmpty();
    }
}
