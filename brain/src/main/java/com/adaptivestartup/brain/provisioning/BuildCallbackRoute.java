package com.adaptivestartup.brain.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/builds/{job}/complete}: the pipeline's report that a customer's images are built, taken only with the
 * callback secret ({@code Authorization: Bearer ...}, compared in constant time); anything else changes nothing.
 */
public final class BuildCallbackRoute {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Provisioning provisioning;
    private final byte[] secret;
    private final Runnable kick;

    public BuildCallbackRoute(Provisioning provisioning, String secret, Runnable kick) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the build callback secret must be at least 16 characters");
        }
        this.provisioning = provisioning;
        this.secret = ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
        this.kick = kick;
    }

    public void register(Javalin app) {
        app.post("/v1/builds/{job}/complete", this::complete);
    }

    private void complete(Context ctx) throws Exception {
        String given = ctx.header("Authorization");
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), secret)) {
            ctx.status(401).json(Map.of("error", "the build callback needs the pipeline's secret"));
            return;
        }
        UUID job;
        try {
            job = UUID.fromString(ctx.pathParam("job"));
        } catch (IllegalArgumentException e) {
            ctx.status(404).json(Map.of("error", "there is no provisioning job " + ctx.pathParam("job")));
            return;
        }
        try {
            provisioning.buildComplete(job, JSON.readTree(ctx.body()));
        } catch (java.util.NoSuchElementException e) {
            ctx.status(404).json(Map.of("error", e.getMessage()));
            return;
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        } catch (IllegalStateException e) {
            ctx.status(409).json(Map.of("error", e.getMessage()));
            return;
        }
        kick.run();
        ctx.json(Map.of("job", job.toString(), "next", "mail"));
    }
}
