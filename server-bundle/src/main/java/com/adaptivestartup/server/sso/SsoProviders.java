package com.adaptivestartup.server.sso;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Organizations' identity providers in PostgreSQL, and the accounts linked to a provider's subjects. */
final class SsoProviders {
    private static final String COLUMNS = "org_id, issuer, client_id, client_secret, groups_claim, role_mapping::text,"
            + " default_role, email_domains, sso_only";
    private final Sql sql;

    SsoProviders(Sql sql) {
        this.sql = sql;
    }

    Optional<SsoProvider> of(UUID orgId) {
        return sql.one("SELECT " + COLUMNS + " FROM sso_providers WHERE org_id = ?", SsoProviders::map, orgId);
    }

    /** The providers whose organization allows this email domain (by its domains list). */
    List<SsoProvider> forDomain(String domain) {
        return sql.list("SELECT " + COLUMNS + " FROM sso_providers WHERE "
                        + sql.dialect().arrayHoldsIgnoringCase("email_domains"),
                SsoProviders::map, domain.toLowerCase(java.util.Locale.ROOT));
    }

    void save(SsoProvider p) {
        sql.update("INSERT INTO sso_providers (org_id, issuer, client_id, client_secret, groups_claim, role_mapping,"
                        + " default_role, email_domains, sso_only, updated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, now())"
                        + " ON CONFLICT (org_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id,"
                        + " client_secret = excluded.client_secret, groups_claim = excluded.groups_claim,"
                        + " role_mapping = excluded.role_mapping, default_role = excluded.default_role,"
                        + " email_domains = excluded.email_domains, sso_only = excluded.sso_only, updated_at = now()",
                p.orgId(), p.issuer(), p.clientId(), p.clientSecret(), p.groupsClaim(), Json.write(p.roleMapping()),
                p.defaultRole(), p.emailDomains().toArray(String[]::new), p.ssoOnly());
    }

    boolean delete(UUID orgId) {
        return sql.update("DELETE FROM sso_providers WHERE org_id = ?", orgId) > 0;
    }

    /** The organizations of this account that sign in only through their provider, and the account's role in each. */
    List<String> ssoOnlyRolesOf(UUID userId) {
        return sql.list("SELECT m.role FROM memberships m JOIN sso_providers p ON p.org_id = m.org_id"
                + " WHERE m.user_id = ? AND p.sso_only", r -> r.getString(1), userId);
    }

    static SsoProvider map(ResultSet r) throws SQLException {
        Map<String, String> mapping;
        try {
            mapping = Json.MAPPER.readValue(r.getString("role_mapping"), new TypeReference<Map<String, String>>() { });
        } catch (java.io.IOException e) {
            mapping = Map.of();
        }
        return new SsoProvider(Sql.uuid(r, "org_id"), r.getString("issuer"), r.getString("client_id"),
                r.getString("client_secret"), r.getString("groups_claim"), mapping, r.getString("default_role"),
                Sql.strings(r, "email_domains"), r.getBoolean("sso_only"));
    }
}
