package com.adaptivestartup.brain.licenses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/activations} and {@code POST /v1/heartbeats} (docs/brain-api.md): an installation's license id,
 * instance id, versions and service states; answered with the signed standing as text. Anything else in the body is
 * refused, so nothing of the customer's can arrive here by mistake.
 */
public final class StandingRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("licenseId", "instanceId", "consoleVersion", "appVersion", "overall",
            "services", "sentAt");
    private static final Set<String> SERVICE_FIELDS = Set.of("service", "state", "health");
    private final LicenseDesk desk;

    public StandingRoutes(LicenseDesk desk) {
        this.desk = desk;
    }

    public void register(Javalin app) {
        app.post("/v1/activations", this::answer);
        app.post("/v1/heartbeats", this::answer);
    }

    private void answer(Context ctx) throws Exception {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (java.io.IOException e) {
            ctx.status(400).json(Map.of("error", "the body is not JSON"));
            return;
        }
        String problem = check(body);
        if (problem != null) {
            ctx.status(400).json(Map.of("error", problem));
            return;
        }
        var standing = desk.standing(new LicenseDesk.Report(body.get("licenseId").asText(), body.get("instanceId").asText(),
                text(body, "consoleVersion"), text(body, "appVersion"), text(body, "overall"),
                body.has("services") ? body.get("services").toString() : null));
        if (standing.isEmpty()) {
            ctx.status(404).json(Map.of("error", "the Brain issued no license " + body.get("licenseId").asText()));
            return;
        }
        ctx.contentType("text/plain").result(standing.get());
    }

    /** Null when the report is one an installation sends; else what is wrong. */
    static String check(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "the body is not a JSON object";
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                return "the field '" + f + "' is not one an installation sends";
            }
        }
        if (!body.path("licenseId").asText("").matches("lic-[A-Za-z0-9-]{1,64}")) {
            return "licenseId must be a license's id (lic-...)";
        }
        if (!body.path("instanceId").asText("").matches("[A-Za-z0-9-]{8,64}")) {
            return "instanceId must be the installation's random id";
        }
        JsonNode services = body.path("services");
        if (!services.isMissingNode() && !services.isNull()) {
            if (!services.isArray() || services.size() > 50) {
                return "services must be a list of at most 50";
            }
            for (JsonNode s : services) {
                for (var it = s.fieldNames(); it.hasNext(); ) {
                    if (!SERVICE_FIELDS.contains(it.next())) {
                        return "a service is its name, state and health only";
                    }
                }
            }
        }
        return null;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText().substring(0, Math.min(v.asText().length(), 100));
    }
}
