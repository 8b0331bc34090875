package com.adaptivestartup.server.http;

import io.javalin.http.Context;

/** Whole numbers in a request's query or path, each refused with a sentence naming it. */
public final class Numbers {
    private Numbers() {
    }

    /** The query parameter {@code name} as a whole number, or null when it is absent. */
    public static Integer query(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null ? null : parse(name, raw);
    }

    /** The path parameter {@code name} as a whole number. */
    public static int path(Context ctx, String name) {
        return parse(name, ctx.pathParam(name));
    }

    private static int parse(String name, String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("'" + name + "' must be a whole number");
        }
    }
}
