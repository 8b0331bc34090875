package com.adaptivestartup.server.http;

import com.adaptivestartup.server.db.DataAccessException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin instance with our JSON, our error shape (every failure is {@code {"error","message"}}) and the
 * security headers every answer carries.
 */
public final class HttpApp {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);

    private HttpApp() {
    }

    public static Javalin create(long maxUploadBytes) {
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.showJavalinBanner = false;
            config.http.maxRequestSize = maxUploadBytes;
            config.http.defaultContentType = "application/json";
            config.jetty.modifyServer(server -> server.setStopTimeout(5_000));
        });
        // Every answer is data, never a page: not to be sniffed into HTML, framed, cached or given a referrer.
        app.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cross-Origin-Resource-Policy", "same-origin");
            ctx.header("Cache-Control", "no-store");
        });
        app.exception(ApiError.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            ctx.status(e.status()).json(body(e.code(), e.getMessage()));
        });
        app.exception(DataAccessException.class, (e, ctx) -> {
            if (e.isConnectionFailure()) {
                ctx.status(503).json(body("database_unavailable", "the database is not reachable right now; try again"));
            } else if (e.isUniqueViolation()) {
                ctx.status(409).json(body("conflict", "that already exists"));
            } else {
                LOG.error("database error on {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(body("internal", "something went wrong on the server; it has been logged"));
            }
        });
        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(switch (e.getStatus()) {
            case 404 -> body("not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
            case 405 -> body("method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
            case 413 -> body("too_large", "the request body is too large");
            default -> body("http_" + e.getStatus(), e.getMessage());
        }));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).json(body("internal", "something went wrong on the server; it has been logged"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(body("not_found", "no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
        app.error(405, ctx -> ctx.json(body("method_not_allowed", ctx.method() + " is not allowed on " + ctx.path())));
        app.error(413, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(body("too_large", "the request body is too large"));
            }
        });
        return app;
    }

    private static Map<String, String> body(String code, String message) {
        return Map.of("error", code, "message", message == null ? code : message);
    }
}
