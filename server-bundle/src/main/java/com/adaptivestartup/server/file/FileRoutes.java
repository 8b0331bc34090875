package com.adaptivestartup.server.file;

import com.adaptivestartup.server.auth.AccountService;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Ids;
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

    public FileRoutes(AccountService accounts, FileService files) {
        this.accounts = accounts;
        this.files = files;
    }

    public void register(Javalin app) {
        String base = "/api/orgs/{orgId}/files";
        app.post(base, ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            ctx.status(201).json(files.upload(p, Ids.path(ctx, "orgId"), optionalId(ctx, "ventureId"),
                    ctx.queryParam("name"), ctx.contentType(), ctx.req().getContentLengthLong(), ctx.bodyInputStream()));
        });
        app.get(base, ctx -> ctx.json(files.list(accounts.authenticateActive(ctx), Ids.path(ctx, "orgId"),
                optionalId(ctx, "ventureId"))));
        app.get(base + "/{fileId}", ctx -> {
            Principal p = accounts.authenticateActive(ctx);
            FileService.Download d = files.open(p, Ids.path(ctx, "orgId"), Ids.path(ctx, "fileId"));
            ctx.contentType(d.file().contentType());
            ctx.header("Content-Length", String.valueOf(d.file().sizeBytes()));
            ctx.header("Content-Disposition", "attachment; filename*=UTF-8''"
                    + URLEncoder.encode(d.file().name(), StandardCharsets.UTF_8).replace("+", "%20"));
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Checksum-SHA256", d.file().sha256());
            try (InputStream in = d.content()) {
                in.transferTo(ctx.outputStream());
            }
        });
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
