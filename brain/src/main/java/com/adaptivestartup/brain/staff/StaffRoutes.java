package com.adaptivestartup.brain.staff;

import com.adaptivestartup.brain.distribution.Distribution;
import com.adaptivestartup.brain.licenses.InvoicedCustomers;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The staff page ({@code GET /staff}) and API ({@code /staff/v1/...}, for the page and {@code adaptive-vendor brain}):
 * sign-in with email and staff key gives a session, as an HttpOnly, SameSite=Strict cookie for the page and as a bearer
 * token for the CLI. A change through the cookie must also carry {@code X-Requested-By: brain-staff} (which no other
 * site's form can send), so the page's session cannot be used from elsewhere. Bad input is a 400 in words.
 */
public final class StaffRoutes {
    public static final String COOKIE = "brain_staff";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StaffAccess access;
    private final StaffViews views;
    private final Distribution distribution;
    private final InvoicedCustomers invoiced;
    private final byte[] page;
    private final byte[] script;

    public StaffRoutes(StaffAccess access, StaffViews views, Distribution distribution, InvoicedCustomers invoiced) {
        this.access = access;
        this.invoiced = invoiced;
        this.views = views;
        this.distribution = distribution;
        this.page = resource("staff.html");
        this.script = resource("staff.js");
    }

    public void register(Javalin app) {
        app.get("/staff", ctx -> guarded(ctx).contentType("text/html; charset=utf-8").result(page));
        app.get("/staff/staff.js", ctx -> guarded(ctx).contentType("text/javascript; charset=utf-8").result(script));
        app.post("/staff/sign-in", this::signIn);
        app.post("/staff/sign-out", ctx -> {
            access.signOut(token(ctx));
            ctx.removeCookie(COOKIE, "/staff");
            ctx.json(Map.of("signedOut", true));
        });
        app.before("/staff/v1/*", this::authorize);
        app.get("/staff/v1/views/{view}", ctx -> {
            var rows = views.rows(ctx.pathParam("view"));
            if (rows.isEmpty()) {
                ctx.status(404).json(Map.of("error", "there is no view " + ctx.pathParam("view") + "; there are "
                        + String.join(", ", StaffViews.names())));
            } else {
                ctx.json(rows.get());
            }
        });
        app.post("/staff/v1/releases", ctx -> {
            JsonNode b = body(ctx);
            ctx.json(Map.of("customer", distribution.publish(b.path("manifest").asText(null), b.path("track").asText("stable"))));
        });
        app.put("/staff/v1/pins/{customer}", ctx -> {
            JsonNode b = body(ctx);
            distribution.pin(ctx.pathParam("customer"), b.path("upTo").asText(null), b.path("reason").asText(null));
            ctx.json(Map.of("pinned", ctx.pathParam("customer")));
        });
        app.delete("/staff/v1/pins/{customer}", ctx -> {
            distribution.pin(ctx.pathParam("customer"), null, null);
            ctx.json(Map.of("unpinned", ctx.pathParam("customer")));
        });
        app.put("/staff/v1/customers/{key}", ctx -> {
            JsonNode b = body(ctx);
            Instant until;
            try {
                until = Instant.parse(b.path("paidUntil").asText(""));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("paidUntil is a time such as 2027-01-01T00:00:00Z");
            }
            LicenseDesk.Issued license = invoiced.paid(new InvoicedCustomers.Payment(ctx.pathParam("key"), until,
                    b.path("email").asText(null), b.path("name").asText(null), b.path("edition").asText(null),
                    b.path("seats").asInt(1)), ctx.attribute("staff"));
            ctx.json(customer(license));
        });
        app.delete("/staff/v1/customers/{key}", ctx -> ctx.json(customer(invoiced.end(ctx.pathParam("key"),
                ctx.attribute("staff")))));
        app.post("/staff/v1/notices", ctx -> {
            JsonNode b = body(ctx);
            List<String> editions = new ArrayList<>();
            b.path("editions").forEach(e -> editions.add(e.asText()));
            Instant expires;
            try {
                expires = Instant.parse(b.path("expiresAt").asText(""));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("a notice's expiresAt is a time such as 2027-01-01T00:00:00Z");
            }
            distribution.notice(new Distribution.Notice(b.path("id").asText(null), b.path("severity").asText(null),
                    b.path("title").asText(null), b.path("body").asText(""), b.path("from").asText(null),
                    b.path("below").asText(null), editions, expires));
            ctx.json(Map.of("notice", b.path("id").asText()));
        });
        app.delete("/staff/v1/notices/{id}", ctx -> {
            if (!distribution.withdraw(ctx.pathParam("id"))) {
                ctx.status(404).json(Map.of("error", "there is no notice " + ctx.pathParam("id")));
                return;
            }
            ctx.json(Map.of("withdrawn", ctx.pathParam("id")));
        });
        app.post("/staff/v1/staff", ctx -> {
            String key = access.add(body(ctx).path("email").asText(null), ctx.attribute("staff"));
            ctx.json(Map.of("email", body(ctx).path("email").asText(), "key", key,
                    "note", "give this key to them in person or through your password manager; it is not shown again"));
        });
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
    }

    /** An invoiced customer's newest license, as the staff API answers it. */
    private static Map<String, Object> customer(LicenseDesk.Issued l) {
        return Map.of("customer", l.customerKey(), "licenseId", l.id(), "expiresAt", l.expiresAt().toString(),
                "revoked", l.revokedAt() != null, "license", l.text());
    }

    /** The page's own headers: its script only from here, never framed, types as sent. */
    private static Context guarded(Context ctx) {
        return ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline';"
                + " frame-ancestors 'none'").header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
    }

    private static byte[] resource(String name) {
        try (InputStream in = StaffRoutes.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the staff page's " + name + " is missing from the Brain's jar", e);
        }
    }

    private void signIn(Context ctx) throws Exception {
        JsonNode b = body(ctx);
        switch (access.signIn(b.path("email").asText(null), b.path("key").asText(null))) {
            case StaffAccess.SignIn.Signed s -> {
                Cookie cookie = new Cookie(COOKIE, s.token(), "/staff", (int) StaffAccess.SESSION.toSeconds(), secure(ctx),
                        0, true, null, null, SameSite.STRICT);
                ctx.cookie(cookie);
                ctx.json(Map.of("email", s.email(), "token", s.token(), "expiresAt", s.expiresAt().toString()));
            }
            case StaffAccess.SignIn.Refused r -> ctx.status(r.tooMany() ? 429 : 401).json(Map.of("error", r.reason()));
        }
    }

    private void authorize(Context ctx) throws Exception {
        String bearer = ctx.header("Authorization");
        boolean byCookie = bearer == null;
        String token = token(ctx);
        var who = access.session(token);
        if (who.isEmpty()) {
            ctx.status(401).json(Map.of("error", "sign in first (POST /staff/sign-in, or adaptive-vendor brain sign-in)"));
            ctx.skipRemainingHandlers();
            return;
        }
        if (byCookie && !ctx.method().name().equals("GET") && !"brain-staff".equals(ctx.header("X-Requested-By"))) {
            ctx.status(403).json(Map.of("error", "a change from the staff page carries X-Requested-By: brain-staff"));
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute("staff", who.get());
    }

    private static String token(Context ctx) {
        String bearer = ctx.header("Authorization");
        if (bearer != null && bearer.startsWith("Bearer ")) {
            return bearer.substring("Bearer ".length()).strip();
        }
        return ctx.cookie(COOKIE);
    }

    private static boolean secure(Context ctx) {
        return ctx.scheme().equals("https") || "https".equals(ctx.header("X-Forwarded-Proto"));
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode b = JSON.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
            if (!b.isObject()) {
                throw new IllegalArgumentException("the request's body is a JSON object");
            }
            return b;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the request's body is not JSON: " + e.getOriginalMessage());
        }
    }
}
