package com.adaptivestartup.server.resource;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.http.Numbers;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The same five routes for every resource of the catalogue, under
 * {@code /api/orgs/{orgId}/ventures/{ventureId}/<path>}: list (paged, filtered), create, read, change, delete.
 */
public final class ResourceRoutes {
    private final AccountService accounts;
    private final ResourceService records;
    private final Catalogue catalogue;

    public ResourceRoutes(AccountService accounts, ResourceService records, Catalogue catalogue) {
        this.accounts = accounts;
        this.records = records;
        this.catalogue = catalogue;
    }

    /** What a page needs to know of a resource to show and edit it: its fields, their kinds and limits. */
    record Description(String path, String noun, String page, List<Field> fields) {
    }

    record BulkCreate(List<JsonNode> create) {
        BulkCreate {
            create = create == null ? List.of() : create;
        }
    }

    record BulkDelete(List<UUID> ids) {
        BulkDelete {
            ids = ids == null ? List.of() : ids;
        }
    }

    public void register(Javalin app) {
        List<Description> described = catalogue.all().stream()
                .map(r -> new Description(r.path(), r.noun(), r.page(), r.fields())).toList();
        app.get("/api/resources", ctx -> {
            accounts.authenticateActive(ctx);
            ctx.json(described);
        });
        // Eight routes for every resource (the resource named in the path), not eight per resource: Javalin tries
        // routes one by one, and 170 of them were a tenth of a read's time. Registered after the venture's other
        // routes (metrics, forecast, AI), which therefore match first.
        String base = "/api/orgs/{orgId}/ventures/{ventureId}/{resource}";
        app.get(base, ctx -> ctx.json(records.list(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                Ids.path(ctx, "ventureId"), resource(ctx), query(ctx))));
        app.post(base, ctx -> ctx.status(201).json(records.create(accounts.authenticateActive(ctx),
                Ids.path(ctx, "orgId"), Ids.path(ctx, "ventureId"), resource(ctx), Json.body(ctx, JsonNode.class))));
        app.post(base + "/bulk", ctx -> ctx.status(201).json(Map.of("items", records.createAll(
                accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "ventureId"), resource(ctx),
                Json.body(ctx, BulkCreate.class).create()))));
        app.post(base + "/bulk-delete", ctx -> ctx.json(Map.of("deleted", records.deleteAll(
                accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "ventureId"), resource(ctx),
                Json.body(ctx, BulkDelete.class).ids()))));
        app.get(base + "/{id}", ctx -> ctx.json(records.get(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                Ids.path(ctx, "ventureId"), resource(ctx), Ids.path(ctx, "id"))));
        app.patch(base + "/{id}", ctx -> ctx.json(records.update(accounts.authenticateActive(ctx),
                Ids.path(ctx, "orgId"), Ids.path(ctx, "ventureId"), resource(ctx), Ids.path(ctx, "id"),
                Json.body(ctx, JsonNode.class))));
        app.delete(base + "/{id}", ctx -> {
            records.delete(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "ventureId"),
                    resource(ctx), Ids.path(ctx, "id"), Numbers.query(ctx, "revision"));
            ctx.status(204);
        });
    }

    /** The resource the path names; "not found" for a name that is none. */
    private Resource resource(Context ctx) {
        return catalogue.find(ctx.pathParam("resource")).orElseThrow(() -> ApiError.notFound("a list called "
                + ctx.pathParam("resource") + " in a venture"));
    }

    static ResourceService.Query query(Context ctx) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equals("after") || e.getKey().equals("limit")) {
                continue;
            }
            if (e.getValue().size() != 1) {
                throw ApiError.badRequest("'" + e.getKey() + "' is given more than once");
            }
            filters.put(e.getKey(), e.getValue().get(0));
        }
        return new ResourceService.Query(filters, ctx.queryParam("after"), Numbers.query(ctx, "limit"));
    }
}
