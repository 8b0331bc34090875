package com.adaptivestartup.server;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.activity.AuditKey;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.convex.ConvexImport;
import com.adaptivestartup.server.convex.ImportFailure;
import com.adaptivestartup.server.convex.ImportReport;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.mail.Outbox;
import com.adaptivestartup.server.release.Release;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import-convex}: brings a Convex export of Adaptive Startup Cloud into the stack, run by the console as a
 * one-off container of the backend with the export mounted read-only. Prints a {@code {"progress": ...}} line at most
 * once a second, then {@code {"import": report}} (exit 0) or {@code {"import": null, "failed": sentence}} (exit 3, nothing kept).
 */
@Command(name = "import-convex", mixinStandardHelpOptions = true,
        description = "Import a Convex export (.zip) of Adaptive Startup Cloud: accounts, ventures, the workspace, files."
                + " Prints JSON lines: progress, then the report.")
final class ImportCommand implements Callable<Integer> {
    static final int FAILED = 3;
    private final Map<String, String> env;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "EXPORT.zip")
    Path export;
    @Option(names = "--dry-run", description = "Do everything and keep nothing: the report tells what an import would do.")
    boolean dryRun;
    @Option(names = "--remove-deleted", description = "Remove here what was deleted in the cloud since the last import.")
    boolean removeDeleted;
    @Option(names = "--other-deployment", description = "Import although an earlier import came from another deployment.")
    boolean otherDeployment;

    ImportCommand(Map<String, String> env) {
        this.env = env;
    }

    public Integer call() {
        ServerConfig.All config = ServerConfig.All.from(env);
        if (!Release.current().has(Release.Feature.CONVEX_IMPORT)) {
            throw new ApiError(404, "not_available", "this needs server 1.2.0 or newer");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (var pool = Database.pool(config.database().runtime(), 2);
             ObjectStore store = ObjectStore.of(config.storage())) {
            var sql = Database.sql(pool);
            store.ensureBucket();
            ActivityLog activity = new ActivityLog(sql, Clock.systemUTC(),
                    Optional.ofNullable(config.integrity().auditKey()).map(AuditKey::of), true);
            ConvexImport importer = new ConvexImport(sql, store, activity,
                    new Outbox(sql, Clock.systemUTC(), config.mail().configured()), config.http().publicUrl(),
                    Clock.systemUTC(), Math.max(config.http().maxUploadBytes(), ConvexImport.LARGEST_FILE),
                    p -> print(out, Map.of("progress", p)));
            ImportReport report = importer.run(export, new ConvexImport.Options(dryRun, removeDeleted, otherDeployment));
            print(out, Map.of("import", report));
            return 0;
        } catch (ImportFailure f) {
            Map<String, Object> failed = new java.util.LinkedHashMap<>();
            failed.put("import", null);
            failed.put("failed", f.getMessage());
            print(out, failed);
            return FAILED;
        }
    }

    private static synchronized void print(PrintWriter out, Object value) {
        out.println(Json.write(value));
        out.flush();
    }
}
