package com.adaptivestartup.brain.distribution;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code GET /v1/channels/{channel}}: the channel's signed manifest as text (docs/brain-api.md); 404 when none. */
public final class ChannelRoute {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private final Distribution distribution;

    public ChannelRoute(Distribution distribution) {
        this.distribution = distribution;
    }

    public void register(Javalin app) {
        app.get("/v1/channels/{channel}", this::serve);
    }

    private void serve(Context ctx) throws Exception {
        String name = ctx.pathParam("channel");
        var text = NAME.matcher(name).matches() ? distribution.channel(name) : java.util.Optional.<String>empty();
        if (text.isEmpty()) {
            ctx.status(404).json(Map.of("error", "there is no channel " + name));
            return;
        }
        ctx.header("Cache-Control", "no-store").contentType("text/plain; charset=utf-8").result(text.get());
    }
}
