package com.adaptivestartup.server.http;

import io.javalin.http.Context;
import java.util.UUID;

/** Path parameters that must be ids: anything else (including SQL) is refused before any query. */
public final class Ids {
    private Ids() {
    }

    public static UUID path(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            UUID id = UUID.fromString(raw);
            if (id.toString().equalsIgnoreCase(raw)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new ApiError(400, "bad_id", "'" + name + "' must be an id like 3f2b8c1e-...; got '"
                + (raw.length() > 60 ? raw.substring(0, 60) + "..." : raw) + "'");
    }
}
