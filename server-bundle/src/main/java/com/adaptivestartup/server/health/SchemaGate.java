package com.adaptivestartup.server.health;

import com.adaptivestartup.server.http.ApiError;
import io.javalin.Javalin;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps the API closed until the database schema is the one this release expects, so the server may start
 * while its migration runs (the console starts both at once) and yet never serves a request on an
 * unmigrated schema. Until then every {@code /api} request is answered 503 with what it waits for. Once
 * the schema matches, the gate stays open and costs nothing; before that it asks the database at most
 * every {@value #RECHECK_MILLIS} ms.
 *
 * <p>A newer schema is accepted only by a server already serving: the console migrates ahead of the switch
 * to a new release only when that release declares its migrations online (they add, never take away, so
 * the running release keeps working on them), and this server must go on serving until its successor is
 * up. A server starting on a newer schema than its own stays closed.
 */
public final class SchemaGate {
    static final long RECHECK_MILLIS = 250;
    private final String expected;
    private final Supplier<Optional<String>> actual;
    private final LongSupplier millis;
    private volatile boolean open;
    private volatile long lastCheck;
    private volatile String lastSeen;

    public SchemaGate(String expected, Supplier<Optional<String>> actual, LongSupplier millis) {
        this.expected = expected;
        this.actual = actual;
        this.millis = millis;
    }

    public void register(Javalin app) {
        app.before("/api/*", ctx -> check());
    }

    /** Throws a 503 unless the schema is the expected one. */
    public void check() {
        if (open) {
            return;
        }
        long now = millis.getAsLong();
        if (lastSeen == null || now - lastCheck >= RECHECK_MILLIS) {
            lastCheck = now;
            try {
                lastSeen = actual.get().orElse("none");
            } catch (RuntimeException e) {
                lastSeen = "unknown: the database is not reachable";
            }
            accepts(lastSeen);   // opens the gate on its own schema
        }
        if (!open) {
            throw new ApiError(503, "starting", "the server is waiting for its database schema (version " + expected
                    + ", found " + lastSeen + "); try again in a moment");
        }
    }

    public boolean isOpen() {
        return open;
    }

    /**
     * Whether this server serves on {@code schema}: its own (which opens the gate), or a newer one once it has
     * opened (see above). What {@code /readyz} reports.
     */
    public boolean accepts(String schema) {
        if (schema.equals(expected)) {
            open = true;   // by /readyz too, before any API request
            return true;
        }
        return open && newer(schema);
    }

    private boolean newer(String schema) {
        try {
            return Integer.parseInt(schema) > Integer.parseInt(expected);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
