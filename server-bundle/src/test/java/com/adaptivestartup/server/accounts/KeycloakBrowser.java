package com.adaptivestartup.server.accounts;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser at Keycloak's real login page, as far as HTTP goes: it keeps cookies, fills and posts the login
 * form Keycloak serves, and follows each redirect by hand until the app's own page, whose address it returns (the
 * app's {@code #/sso/<code>} or {@code #/sso-failed/<reason>}). The browser test does the same in chromium.
 */
final class KeycloakBrowser {
    private static final Pattern FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Cookies by host, kept by hand: Keycloak marks its login cookies Secure, which browsers still send to a loopback
     * address over plain HTTP (a secure context) but Java's CookieManager does not.
     */
    private final java.util.Map<String, java.util.Map<String, String>> cookies = new java.util.HashMap<>();
    /** The last callback the provider sent the browser to (a test replays it). */
    String lastCallback;

    /** From the app's start link through the login form to the app's page; returns that page's address. */
    String signIn(String startUrl, String username, String password) throws Exception {
        HttpResponse<String> page = get(startUrl);
        if (page.statusCode() == 302) {
            return follow(page.headers().firstValue("Location").orElseThrow());   // already signed in at Keycloak
        }
        Matcher m = FORM.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no login form at " + startUrl + ": " + page.statusCode() + " "
                    + page.body().substring(0, Math.min(400, page.body().length())));
        }
        String action = m.group(1).replace("&amp;", "&");
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&credentialId=";
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (posted.statusCode() != 302) {
            throw new AssertionError("Keycloak did not accept the sign-in (" + posted.statusCode() + ")");
        }
        return follow(posted.headers().firstValue("Location").orElseThrow());
    }

    /** Follows redirects until one leaves for the app's page (a fragment route), and returns it. */
    String follow(String location) throws Exception {
        String at = location;
        for (int i = 0; i < 10; i++) {
            if (at.contains("#/")) {
                return at;
            }
            if (at.contains("/api/auth/sso/callback")) {
                lastCallback = at;
            }
            HttpResponse<String> r = get(at);
            if (r.statusCode() != 302 && r.statusCode() != 303) {
                throw new AssertionError("expected a redirect from " + at + ", got " + r.statusCode());
            }
            at = URI.create(at).resolve(r.headers().firstValue("Location").orElseThrow()).toString();
        }
        throw new AssertionError("too many redirects");
    }

    HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build();
        String host = built.uri().getHost() + ":" + built.uri().getPort();
        java.util.Map<String, String> jar = cookies.computeIfAbsent(host, h -> new java.util.LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header("Cookie", String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            built = request.build();
        }
        HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
        for (String set : r.headers().allValues("set-cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                jar.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
