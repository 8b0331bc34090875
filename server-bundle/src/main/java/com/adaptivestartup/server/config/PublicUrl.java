package com.adaptivestartup.server.config;

import java.net.URI;
import java.util.Optional;

/**
 * The address people use to reach the app ({@code PUBLIC_URL}, such as {@code https://adaptive.acme.com/}), which
 * the console sets from the admin's chosen address. Every link the server makes (an invitation, later a password
 * reset or an email) starts with it; unknown (a stack before 1.2.0, or no address chosen yet), the web app makes
 * links from the address in the admin's browser instead.
 */
public record PublicUrl(URI base) {
    public static final PublicUrl UNKNOWN = new PublicUrl(null);

    /** A link to a page of the web app ({@code #/invitation/...}), or empty when the address is unknown. */
    public Optional<String> link(String fragment) {
        return Optional.ofNullable(base).map(b -> b + "#/" + fragment);
    }

    static PublicUrl from(Env env) {
        String text = env.optional("PUBLIC_URL");
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        try {
            URI uri = new URI(text.strip());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new java.net.URISyntaxException(text, "not an http(s) address of a host");
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new PublicUrl(new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(),
                    path.endsWith("/") ? path : path + "/", null, null));
        } catch (java.net.URISyntaxException e) {
            env.problem("PUBLIC_URL must be the app's address, such as https://adaptive.example.com/; not '" + text + "'");
            return UNKNOWN;
        }
    }
}
