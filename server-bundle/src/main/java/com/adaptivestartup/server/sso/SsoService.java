package com.adaptivestartup.server.sso;

import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.auth.SessionStore;
import com.adaptivestartup.server.auth.SignInPolicy;
import com.adaptivestartup.server.auth.Tokens;
import com.adaptivestartup.server.auth.User;
import com.adaptivestartup.server.config.PublicUrl;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.realtime.LiveUpdates;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single sign-on with an organization's OpenID Connect provider. Admins set the provider (checked by discovering
 * it before it is kept). A person is sent to the provider with single-use state, nonce and PKCE verifier kept in
 * Redis for ten minutes; on their return the code is exchanged and the ID token checked ({@link OidcClient}); the
 * account is the one linked to the provider's subject, else the organization's member with the (verified) email,
 * else made there and then (just in time) with the role the person's groups map to, kept in step at each sign-in. The browser gets a
 * one-minute single-use code in the page's address, never the session itself, which the app exchanges.
 */
public final class SsoService {
    private static final Logger LOG = LoggerFactory.getLogger(SsoService.class);
    private static final String PENDING = "as:sso:pending:";
    private static final String DONE = "as:sso:done:";
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private final Sql sql;
    private final SsoProviders providers;
    private final OidcClient oidc;
    private final com.adaptivestartup.server.auth.Handoffs handoffs;
    private final AccountService accounts;
    private final SessionStore sessions;
    private final OrgAccess access;
    private final ActivityLog activity;
    private final LiveUpdates live;
    private final PublicUrl publicUrl;

    public SsoService(Sql sql, OidcClient oidc, com.adaptivestartup.server.auth.Handoffs handoffs, AccountService accounts, SessionStore sessions,
                      OrgAccess access, ActivityLog activity, LiveUpdates live, PublicUrl publicUrl) {
        this.sql = sql;
        this.providers = new SsoProviders(sql);
        this.oidc = oidc;
        this.handoffs = handoffs;
        this.accounts = accounts;
        this.sessions = sessions;
        this.access = access;
        this.activity = activity;
        this.live = live;
        this.publicUrl = publicUrl;
    }

    /** The policy for passwords: an organization that signs in only through its provider refuses them, founders aside. */
    public static SignInPolicy policy(Sql sql) {
        SsoProviders providers = new SsoProviders(sql);
        return user -> {
            List<String> roles = providers.ssoOnlyRolesOf(user.id());
            return roles.isEmpty() || roles.contains("founder") ? Optional.empty()
                    : Optional.of("your organization signs in with its company account: choose \"Sign in with your"
                    + " company account\" (a founder can still sign in with a password)");
        };
    }

    // ---- settings, for the organization's admins ----

    /** The settings page: whether single sign-on can be set (the installation has an address), where providers send people back, the provider. */
    public record Settings(boolean available, String redirectUri, SsoProvider provider, boolean hasClientSecret) {
    }

    public Settings settings(Principal p, UUID orgId) {
        access.require(p, orgId, Role.ADMIN);
        Optional<SsoProvider> provider = providers.of(orgId);
        return new Settings(publicUrl.base() != null, redirect().map(URI::toString).orElse(null), provider.orElse(null),
                provider.map(SsoProvider::hasClientSecret).orElse(false));
    }

    /** A change of settings; a null or empty client secret keeps the one kept. */
    public record Change(String issuer, String clientId, String clientSecret, String groupsClaim,
                         Map<String, String> roleMapping, String defaultRole, List<String> emailDomains, Boolean ssoOnly) {
    }

    public Settings save(Principal p, UUID orgId, Change c) {
        access.require(p, orgId, Role.ADMIN);
        if (redirect().isEmpty()) {
            throw new ApiError(409, "no_address", "single sign-on needs the address people use (the console's Address"
                    + " tab): the identity provider sends people back to it");
        }
        SsoProvider checked = check(orgId, c, providers.of(orgId));
        try {
            oidc.forget(checked.issuer());
            oidc.discover(checked.issuer());
        } catch (SsoFailure e) {
            throw new ApiError(422, "provider_unreachable", e.getMessage());
        }
        providers.save(checked);
        sql.transaction(tx -> {
            activity.append(tx, orgId, p.userId(), "sso.configured", "organization", orgId.toString(),
                    Map.of("issuer", checked.issuer(), "ssoOnly", String.valueOf(checked.ssoOnly())));
            return null;
        });
        return settings(p, orgId);
    }

    public void remove(Principal p, UUID orgId) {
        access.require(p, orgId, Role.ADMIN);
        if (providers.delete(orgId)) {
            sql.transaction(tx -> {
                activity.append(tx, orgId, p.userId(), "sso.removed", "organization", orgId.toString(), Map.of());
                return null;
            });
        }
    }

    private static SsoProvider check(UUID orgId, Change c, Optional<SsoProvider> before) {
        String issuer = c.issuer() == null ? "" : c.issuer().strip();
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw ApiError.badRequest("the issuer is the provider's address, such as https://login.acme.com/realms/acme or"
                    + " https://login.microsoftonline.com/<tenant>/v2.0; not '" + issuer + "'");
        }
        if (c.clientId() == null || c.clientId().isBlank()) {
            throw ApiError.badRequest("give the client id this installation has at the provider");
        }
        String secret = c.clientSecret() == null || c.clientSecret().isBlank()
                ? before.map(SsoProvider::clientSecret).orElse(null) : c.clientSecret().strip();
        if (secret == null) {
            throw ApiError.badRequest("give the client secret this installation has at the provider");
        }
        String defaultRole = c.defaultRole() == null ? "member" : c.defaultRole().strip();
        if (!SsoProvider.ROLES.contains(defaultRole)) {
            throw ApiError.badRequest("the default role is viewer, member or admin; not '" + defaultRole + "'");
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        (c.roleMapping() == null ? Map.<String, String>of() : c.roleMapping()).forEach((group, role) -> {
            if (group == null || group.isBlank() || !SsoProvider.ROLES.contains(String.valueOf(role).strip())) {
                throw ApiError.badRequest("each group maps to viewer, member or admin; not '" + group + "' to '" + role + "'");
            }
            mapping.put(group.strip(), role.strip());
        });
        List<String> domains = (c.emailDomains() == null ? List.<String>of() : c.emailDomains()).stream()
                .map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).distinct().toList();
        for (String d : domains) {
            if (!DOMAIN.matcher(d).matches()) {
                throw ApiError.badRequest("'" + d + "' is not an email domain such as acme.com");
            }
        }
        String claim = c.groupsClaim() == null || c.groupsClaim().isBlank() ? "groups" : c.groupsClaim().strip();
        return new SsoProvider(orgId, issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer,
                c.clientId().strip(), secret, claim, mapping, defaultRole, domains, Boolean.TRUE.equals(c.ssoOnly()));
    }

    // ---- signing in ----

    /** Whose company account an email signs in with: the organization whose domains include its domain. */
    public record Found(UUID orgId, String organization, boolean ssoOnly) {
    }

    public Optional<Found> forEmail(String email) {
        if (email == null || !email.contains("@") || redirect().isEmpty()) {
            return Optional.empty();
        }
        return providers.forDomain(email.substring(email.lastIndexOf('@') + 1).strip()).stream().findFirst()
                .map(p -> new Found(p.orgId(), sql.one("SELECT name FROM organizations WHERE id = ?",
                        r -> r.getString(1), p.orgId()).orElse(""), p.ssoOnly()));
    }

    /** Where to send the browser to sign in with the organization's provider. */
    public URI start(UUID orgId) {
        SsoProvider provider = providers.of(orgId).orElseThrow(() -> ApiError.notFound("single sign-on for that organization"));
        URI back = redirect().orElseThrow(() -> new ApiError(409, "no_address", "single sign-on needs the address people use"));
        OidcClient.Pending pending = OidcClient.Pending.fresh();
        try {
            URI url = oidc.authorizationUrl(provider, back, pending);
            handoffs.put(PENDING + pending.state(), Json.write(Map.of("orgId", orgId.toString(),
                    "nonce", pending.nonce(), "verifier", pending.verifier())), 600);
            return url;
        } catch (SsoFailure e) {
            throw new ApiError(502, "provider_unreachable", e.getMessage());
        }
    }

    /**
     * The provider sent the person back: their sign-in finished, or why not. Returns where the browser goes: the app
     * with a single-use code to exchange for the session, or the sign-in page with the reason.
     */
    public String callback(String state, String code, String error, String errorDescription, SessionStore.Origin origin) {
        try {
            return page("sso/" + finish(state, code, error, errorDescription, origin));
        } catch (SsoFailure e) {
            LOG.info("single sign-on refused: {}", e.getMessage());
            return page("sso-failed/" + URLEncoder.encode(e.getMessage(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    private String finish(String state, String code, String error, String errorDescription, SessionStore.Origin origin) {
        String kept = state == null || state.length() > 200 ? null : handoffs.take(PENDING + state).orElse(null);
        if (kept == null) {
            throw new SsoFailure("this sign-in is unknown, expired or was already used; start again from the sign-in page");
        }
        if (error != null) {
            throw new SsoFailure("the identity provider did not sign you in (" + error
                    + (errorDescription == null ? "" : ": " + errorDescription) + ")");
        }
        if (code == null || code.isBlank()) {
            throw new SsoFailure("the identity provider sent no code back; start again from the sign-in page");
        }
        Map<String, String> pending = readMap(kept);
        UUID orgId = UUID.fromString(pending.get("orgId"));
        SsoProvider provider = providers.of(orgId).orElseThrow(() ->
                new SsoFailure("single sign-on was turned off for the organization meanwhile"));
        OidcClient.Identity who = oidc.finish(provider, redirect().orElseThrow(), code,
                new OidcClient.Pending(state, pending.get("nonce"), pending.get("verifier")));
        if (who.email() == null || !who.email().contains("@")) {
            throw new SsoFailure("the identity provider did not say your email address; ask its admin to release the"
                    + " 'email' claim to this application");
        }
        if (Boolean.FALSE.equals(who.emailVerified())) {
            throw new SsoFailure("your email " + who.email() + " is not verified at the identity provider");
        }
        if (!provider.allows(who.email())) {
            throw new SsoFailure("your email " + who.email() + " is not of a domain this organization signs in with ("
                    + String.join(", ", provider.emailDomains()) + ")");
        }
        User user = sql.transaction(tx -> account(tx, provider, who));
        live.membershipChanged(user.id());
        String token = sessions.open(user.id(), user.email(), false, origin);
        oidc.logoutUrl(provider, who.idToken(), URI.create(publicUrl.base().toString()))
                .ifPresent(url -> sessions.note(token, AccountService.SSO_LOGOUT, url));
        String exchange = Tokens.random();
        handoffs.put(DONE + exchange, Json.write(Map.of("token", token, "orgId", orgId.toString())), 60);
        return exchange;
    }

    /** The account of this identity: linked, or found by email and linked, or made; a member of the organization. */
    private User account(Sql.Tx tx, SsoProvider provider, OidcClient.Identity who) throws java.sql.SQLException {
        Optional<UUID> linked = tx.one("SELECT user_id FROM sso_identities WHERE issuer = ? AND subject = ?",
                r -> Sql.uuid(r, 1), who.issuer(), who.subject());
        User user;
        if (linked.isPresent()) {
            user = com.adaptivestartup.server.auth.UserRepository.byId(tx, linked.get()).orElseThrow();
        } else {
            Optional<User> byEmail = accounts.byEmail(who.email());
            // An account that exists here is linked only when it is already this organization's: a provider (whose
            // admin could claim any address of its domains) never takes over someone else's account.
            if (byEmail.isPresent() && tx.one("SELECT 1 FROM memberships WHERE org_id = ? AND user_id = ?", r -> true,
                    provider.orgId(), byEmail.get().id()).isEmpty()) {
                throw new SsoFailure("an account with the email " + who.email() + " already exists here and is not a member"
                        + " of this organization; join it by invitation first, then sign in with your company account");
            }
            user = byEmail.isPresent() ? byEmail.get() : accounts.newAccount(tx, who.email(),
                    who.name() == null || who.name().isBlank() ? who.email() : who.name(), Tokens.random());
            tx.update("INSERT INTO sso_identities (issuer, subject, user_id) VALUES (?, ?, ?)", who.issuer(),
                    who.subject(), user.id());
        }
        String role = provider.roleFor(who.groups());
        Optional<String> current = tx.one("SELECT role FROM memberships WHERE org_id = ? AND user_id = ?",
                r -> r.getString(1), provider.orgId(), user.id());
        if (current.isEmpty()) {
            tx.update("INSERT INTO memberships (org_id, user_id, role) VALUES (?, ?, ?)", provider.orgId(), user.id(), role);
            activity.append(tx, provider.orgId(), user.id(), "member.joined", "user", user.id().toString(),
                    Map.of("role", role, "through", "single sign-on"));
        } else if (!current.get().equals("founder") && !current.get().equals(role)) {
            tx.update("UPDATE memberships SET role = ? WHERE org_id = ? AND user_id = ?", role, provider.orgId(), user.id());
            activity.append(tx, provider.orgId(), user.id(), "member.role_changed", "user", user.id().toString(),
                    Map.of("role", role, "through", "the identity provider's groups"));
        }
        return user;
    }

    /** The session behind a finished sign-in's code (once); the app keeps it as any other. */
    public record Exchanged(String token, UUID orgId) {
    }

    public Exchanged exchange(String code) {
        String kept = code == null || code.length() > 200 ? null : handoffs.take(DONE + code).orElse(null);
        if (kept == null) {
            throw new ApiError(410, "sso_expired", "this sign-in has expired or was already used; sign in again");
        }
        Map<String, String> m = readMap(kept);
        return new Exchanged(m.get("token"), UUID.fromString(m.get("orgId")));
    }

    private Optional<URI> redirect() {
        return publicUrl.base() == null ? Optional.empty() : Optional.of(publicUrl.base().resolve("api/auth/sso/callback"));
    }

    private String page(String fragment) {
        return publicUrl.link(fragment).orElse("/#/" + fragment);
    }

    private static Map<String, String> readMap(String json) {
        try {
            return Json.MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        } catch (java.io.IOException e) {
            throw new SsoFailure("this sign-in's record is unreadable; start again", e);
        }
    }
}
