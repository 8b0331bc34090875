package com.adaptivestartup.brain.registry;

import com.adaptivestartup.brain.licenses.LicenseDesk;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v2/token}: the token server of the Docker registry's token authentication. A customer (their license's
 * registry account) gets {@code pull} on their own repositories ({@code <customer>/...}) and nothing else, and only
 * while their license is current; the vendor's build account gets {@code pull} and {@code push} anywhere. Wrong
 * credentials are a 401; right ones asking for more than they may get a token without it, which the registry then
 * refuses, as the protocol says.
 */
public final class TokenRoute {
    public static final String PATH = "/v2/token";
    private static final Set<String> CUSTOMER_ACTIONS = Set.of("pull");
    private final RegistryTokens tokens;
    private final LicenseDesk licenses;
    private final String vendorUser;
    private final byte[] vendorPassword;

    public TokenRoute(RegistryTokens tokens, LicenseDesk licenses, String vendorUser, String vendorPassword) {
        this.tokens = tokens;
        this.licenses = licenses;
        this.vendorUser = vendorUser;
        this.vendorPassword = vendorPassword.getBytes(StandardCharsets.UTF_8);
    }

    public void register(Javalin app) {
        app.get(PATH, this::token);
    }

    private void token(Context ctx) throws Exception {
        if (!tokens.service().equals(ctx.queryParam("service"))) {
            ctx.status(400).json(Map.of("errors", List.of(Map.of("code", "UNSUPPORTED", "message",
                    "this token server serves the registry '" + tokens.service() + "'"))));
            return;
        }
        String[] credentials = basic(ctx.header("Authorization"));
        boolean vendor = credentials != null && credentials[0].equals(vendorUser)
                && MessageDigest.isEqual(credentials[1].getBytes(StandardCharsets.UTF_8), vendorPassword);
        boolean customer = !vendor && credentials != null && licenses.mayPull(credentials[0], credentials[1]);
        if (!vendor && !customer) {
            ctx.header("WWW-Authenticate", "Basic realm=\"adaptive-startup-registry\"");
            ctx.status(401).json(Map.of("errors", List.of(Map.of("code", "UNAUTHORIZED", "message",
                    "the registry account is unknown, its password wrong, or its license revoked or ended"))));
            return;
        }
        List<RegistryTokens.Access> granted = new ArrayList<>();
        for (String scope : ctx.queryParams("scope")) {
            String[] parts = scope.split(":");
            if (parts.length != 3 || !parts[0].equals("repository")) {
                continue;   // a scope of another kind (registry:catalog:*) is granted nothing
            }
            List<String> actions = new ArrayList<>();
            for (String action : parts[2].split(",")) {
                boolean allowed = vendor ? Set.of("pull", "push").contains(action)
                        : CUSTOMER_ACTIONS.contains(action) && parts[1].startsWith(credentials[0] + "/");
                if (allowed && !actions.contains(action)) {
                    actions.add(action);
                }
            }
            granted.add(new RegistryTokens.Access(parts[1], actions));
        }
        String token = tokens.issue(credentials[0], granted);
        ctx.json(Map.of("token", token, "access_token", token, "expires_in", RegistryTokens.LIFETIME.toSeconds(),
                "issued_at", Instant.now().toString()));
    }

    /** {@code [user, password]} of a Basic header; null when absent or not Basic. */
    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
