package com.adaptivestartup.server.file;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Ids;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.http.Numbers;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * {@code /api/orgs/{orgId}/files}: upload is the raw body ({@code POST ...?name=report.pdf&ventureId=...}
 * with its Content-Type and Content-Length), so it streams and a browser can show upload progress.
 */
public final class FileRoutes {
    private final AccountService accounts;
    private final FileService files;
    private final FileOrganizer organizer;

    /** {@code organizer} is null before release 1.2.0 (no folders, tags, search or versions). */
    public FileRoutes(AccountService accounts, FileService files, FileOrganizer organizer) {
        this.accounts = accounts;
        this.files = files;
        this.organizer = organizer;
    }

    public void register(Javalin app) {
        String base = "/api/orgs/{orgId}/files";
        app.post(base, ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            ctx.status(201).json(files.upload(p, Ids.path(ctx, "orgId"), optionalId(ctx, "ventureId"),
                    optionalId(ctx, "folderId"), ctx.queryParam("name"), ctx.contentType(), ctx.req().getContentLengthLong(),
                    ctx.bodyInputStream()));
        });
        app.get(base, ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            boolean narrowed = ctx.queryParam("folderId") != null || ctx.queryParam("topLevel") != null
                    || ctx.queryParam("tag") != null || ctx.queryParam("q") != null;
            if (organizer == null || !narrowed) {
                ctx.json(files.list(p, Ids.path(ctx, "orgId"), optionalId(ctx, "ventureId")));
            } else {
                ctx.json(files.find(p, Ids.path(ctx, "orgId"), new FileLibrary.Query(optionalId(ctx, "ventureId"),
                        optionalId(ctx, "folderId"), "true".equals(ctx.queryParam("topLevel")), ctx.queryParam("tag"),
                        ctx.queryParam("q"))));
            }
        });
        app.get(base + "/{fileId}", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            send(ctx, files.open(p, Ids.path(ctx, "orgId"), Ids.path(ctx, "fileId")));
        });
        if (organizer != null) {
            app.patch(base + "/{fileId}", ctx -> ctx.json(organizer.change(accounts.authenticateActive(ctx),
                    Ids.path(ctx, "orgId"), Ids.path(ctx, "fileId"), Json.body(ctx, FileOrganizer.Change.class))));
            app.post(base + "/{fileId}/versions", ctx -> ctx.status(201).json(organizer.newVersion(
                    accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "fileId"), ctx.queryParam("name"),
                    ctx.contentType(), ctx.req().getContentLengthLong(), ctx.bodyInputStream())));
            app.get(base + "/{fileId}/versions", ctx -> ctx.json(organizer.versions(accounts.authenticateActive(ctx),
                    Ids.path(ctx, "orgId"), Ids.path(ctx, "fileId"))));
            app.get(base + "/{fileId}/versions/{version}", ctx -> send(ctx, organizer.openVersion(
                    accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"), Ids.path(ctx, "fileId"),
                    Numbers.path(ctx, "version"))));
        }
    }

    private static void send(Context ctx, FileService.Download d) throws java.io.IOException {
        // The stored bytes as they are, never compressed on the way: the length and checksum sent are theirs (a
        // browser offering gzip, as every browser over HTTPS does, would otherwise get a gzip body cut at the
        // file's length).
        ctx.disableCompression();
        ctx.contentType(d.file().contentType());
        ctx.header("Content-Length", String.valueOf(d.file().sizeBytes()));
        ctx.header("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(d.file().name(), StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Checksum-SHA256", d.file().sha256());
        try (InputStream in = d.content()) {
            in.transferTo(ctx.outputStream());
        }
    }

    private static UUID optionalId(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad_id", "'" + name + "' must be an id");
        }
    }
}
