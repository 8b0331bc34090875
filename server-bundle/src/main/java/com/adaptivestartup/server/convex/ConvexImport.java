package com.adaptivestartup.server.convex;

import com.adaptivestartup.server.activity.ActivityLog;
import com.adaptivestartup.server.auth.PasswordRecovery;
import com.adaptivestartup.server.config.PublicUrl;
import com.adaptivestartup.server.db.DataAccessException;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.mail.Outbox;
import com.adaptivestartup.server.resource.Catalogue;
import com.adaptivestartup.server.resource.Resource;
import com.adaptivestartup.server.workspace.WorkspaceResources;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings a Convex export of Adaptive Startup Cloud into this server, all or nothing: the export is checked whole
 * first, then one database transaction maps every table that has a home here, keeps every document in the archive,
 * uploads the files (deleted again if the transaction does not commit), finds what was deleted in the cloud since the
 * last import, and verifies what it wrote before it commits. A dry run does all of it and rolls back. Importing a
 * newer export of the same deployment again updates what changed in the cloud and adds what is new.
 */
public final class ConvexImport {
    /** The largest file an import brings (larger when the stack's upload limit is): no file is left behind below it. */
    public static final long LARGEST_FILE = 1L << 30;
    /** How long the link to choose a password works for people brought from the cloud. */
    static final Duration WELCOME = Duration.ofDays(14);

    /**
     * @param dryRun          do everything, keep nothing
     * @param removeDeleted   remove here what was deleted in the cloud since the last import
     * @param otherDeployment import although the installation holds an import of another Convex deployment
     */
    public record Options(boolean dryRun, boolean removeDeleted, boolean otherDeployment) {
    }

    /** Where an import stands, for a progress bar: documents and files done and to do, a rate, an estimate. */
    public record Progress(String step, long documents, long documentBytes, long documentBytesTotal, long files,
                           long fileBytes, long fileBytesTotal, long documentsPerSecond, long fileBytesPerSecond,
                           Long secondsLeft) {
    }

    private final Sql sql;
    private final ObjectStore store;
    private final ActivityLog activity;
    private final Outbox outbox;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final long maxFileBytes;
    private final java.util.function.Consumer<Progress> progress;
    private final Catalogue catalogue = new Catalogue(WorkspaceResources.all());

    public ConvexImport(Sql sql, ObjectStore store, ActivityLog activity, Outbox outbox, PublicUrl publicUrl, Clock clock,
                        long maxFileBytes, java.util.function.Consumer<Progress> progress) {
        this.sql = sql;
        this.store = store;
        this.activity = activity;
        this.outbox = outbox;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.maxFileBytes = maxFileBytes;
        this.progress = progress;
    }

    /** Imports the export at {@code zip}; an {@link ImportFailure} says why nothing was. */
    public ImportReport run(Path zip, Options options) {
        try (ExportArchive export = ExportArchive.open(zip)) {
            checkFileSizes(export);
            java.util.UUID deployment = deploymentOf(export, options);
            ImportRun run = new ImportRun(export, deployment, options, store, activity, catalogue, clock, progress,
                    (tx, user, name, email) -> PasswordRecovery.welcomeImported(tx, clock, outbox, publicUrl, user, name,
                            email, WELCOME));
            try {
                sql.transaction(tx -> {
                    run.all(tx);
                    if (options.dryRun()) {
                        throw new RolledBack();
                    }
                    return null;
                });
            } catch (RolledBack done) {
                run.discardUploads();
            } catch (RuntimeException e) {
                run.discardUploads();
                throw failure(e);
            }
            run.afterCommit();
            return run.report();
        }
    }

    /** A dry run's end: the transaction is rolled back on purpose. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RolledBack() {
            super(null, null, false, false);
        }
    }

    private void checkFileSizes(ExportArchive export) {
        for (ExportArchive.StoredFile f : export.storage().values()) {
            long size = Math.max(f.size(), export.fileSize(f.id()));
            if (size > maxFileBytes) {
                throw new ImportFailure("the file " + f.id() + " in " + export.name() + " is " + megabytes(size)
                        + ", larger than the largest file this installation keeps (" + megabytes(maxFileBytes) + "): the"
                        + " export cannot be imported whole. Ask your vendor for help. Nothing was imported");
            }
        }
    }

    /**
     * Which deployment the export is from: the one whose imported documents it shares (sampled from its first users
     * and projects), or a new one for the first import. An export that shares nothing with earlier imports is another
     * deployment (or another company's): refused unless asked for, because what an import finds missing is what was
     * deleted in the cloud, and that is only said of the same deployment.
     */
    private java.util.UUID deploymentOf(ExportArchive export, Options options) {
        List<String> sample = new ArrayList<>();
        for (String table : List.of("users", "projects")) {
            try {
                export.documents(table, doc -> {
                    if (sample.size() >= 500) {
                        throw new Enough();
                    }
                    sample.add(doc.get("_id").asText());
                });
            } catch (Enough enough) {
                // sampled
            }
        }
        Optional<java.util.UUID> shared = sql.one("SELECT deployment FROM convex_documents WHERE "
                + sql.dialect().inArray("convex_id")
                + " GROUP BY deployment ORDER BY count(*) DESC LIMIT 1", r -> Sql.uuid(r, 1),
                (Object) sample.toArray(String[]::new));
        if (shared.isPresent()) {
            return shared.get();
        }
        long held = sql.one("SELECT count(*) FROM convex_imports", r -> r.getLong(1)).orElse(0L);
        if (held > 0 && !options.otherDeployment()) {
            Optional<String> last = sql.one("SELECT export_name || ' on ' || substr(CAST(finished_at AS text), 1, 10)"
                    + " FROM convex_imports ORDER BY finished_at DESC LIMIT 1", r -> r.getString(1));
            throw new ImportFailure(export.name() + " is from another Convex deployment than the one imported before ("
                    + last.orElse("an earlier import") + "): none of its users or ventures are among those imported."
                    + " If that is meant (a second company or deployment), import again with --other-deployment."
                    + " Nothing was imported");
        }
        return java.util.UUID.randomUUID();
    }

    private static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Enough() {
            super(null, null, false, false);
        }
    }

    private static ImportFailure failure(RuntimeException e) {
        if (e instanceof ImportFailure f) {
            return f;
        }
        if (e instanceof DataAccessException d) {
            Throwable cause = d.getCause() instanceof SQLException s && s.getNextException() != null
                    ? s.getNextException() : d.getCause();
            return new ImportFailure("the database refused part of the import (" + (cause == null ? d.getMessage()
                    : cause.getMessage()) + "). Nothing was imported", e);
        }
        return new ImportFailure("the import stopped (" + e + "). Nothing was imported", e);
    }

    static String megabytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }

    /** Hands the one-time link to choose a password to a person brought from the cloud: mailed (empty) or returned. */
    @FunctionalInterface
    interface Welcome {
        Optional<String> send(Sql.Tx tx, java.util.UUID userId, String name, String email) throws SQLException;
    }

    static String json(Object value) {
        return Json.write(value);
    }

    static Resource resource(Catalogue catalogue, String path) {
        return catalogue.get(path);
    }
}
