package com.adaptivestartup.server;

import com.adaptivestartup.server.config.Env;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.http.Json;
import com.adaptivestartup.server.release.Release;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The single container's database, from inside it (the server may be running): {@code database backup --to FILE}
 * writes a consistent copy while people keep working (SQLite's {@code VACUUM INTO}: one read transaction, the copy
 * compacted), and {@code database check} runs SQLite's integrity check and says the schema's version. Each prints one
 * JSON object; exit 0 only when it succeeded. For PostgreSQL the stack's backups take {@code pg_dump}.
 * {@code database copy-to-full} moves it, with its files, onto the full stack ({@link EditionMove}).
 */
@Command(name = "database", description = "The single container's SQLite database.", mixinStandardHelpOptions = true,
        subcommands = {DatabaseCommand.Backup.class, DatabaseCommand.Check.class, DatabaseCommand.CopyToFull.class})
final class DatabaseCommand {
    private DatabaseCommand() {
    }

    private static ServerConfig.Database sqlite(Map<String, String> env) {
        Env vars = new Env(env);
        ServerConfig.Database db = ServerConfig.Database.from(vars);
        vars.check();
        if (!db.isSqlite()) {
            throw new ApiError(400, "not_sqlite", "this server runs on PostgreSQL; its backups are the stack's"
                    + " (pg_dump through the console), not this command's");
        }
        if (!Files.isRegularFile(db.sqliteFile())) {
            throw new ApiError(400, "no_database", "there is no database at " + db.sqliteFile());
        }
        return db;
    }

    private static void print(CommandLine.Model.CommandSpec spec, Map<String, Object> out) {
        spec.commandLine().getOut().println(Json.write(out));
        spec.commandLine().getOut().flush();
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Write a consistent copy of the database to a new file, while the server runs. Prints JSON.")
    static final class Backup implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--to", required = true, paramLabel = "FILE", description = "The copy; must not exist yet.")
        Path to;

        Backup(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() throws IOException {
            ServerConfig.Database db = sqlite(env);
            Path target = to.toAbsolutePath().normalize();
            if (Files.exists(target)) {
                throw new ApiError(400, "exists", target + " already exists; a backup never overwrites a file");
            }
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            long start = System.nanoTime();
            // VACUUM INTO reads one snapshot of the write-ahead log and the file (writers go on meanwhile); it runs
            // outside a transaction, so plainly, not through Sql
            try (var pool = Database.pool(db, 1); java.sql.Connection c = pool.getConnection();
                 java.sql.PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
                c.setAutoCommit(true);
                s.setString(1, target.toString());
                s.executeUpdate();
            } catch (java.sql.SQLException | RuntimeException e) {
                Files.deleteIfExists(target);
                throw new IllegalStateException("the backup to " + target + " failed: " + e.getMessage(), e);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", true);
            out.put("file", target.toString());
            out.put("bytes", Files.size(target));
            out.put("millis", (System.nanoTime() - start) / 1_000_000);
            print(spec, out);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "SQLite's integrity check of the database (or of --file, a copy) and its schema version."
                    + " Prints JSON; exit 0 only when intact.")
    static final class Check implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--file", paramLabel = "FILE", description = "A copy to check instead of the server's database.")
        Path file;
        @Option(names = "--audit-heads", paramLabel = "FILE", description = "Also write each organization's activity-log"
                + " head (\"<org> <seq> <hash>\" a line) into FILE: the anchors the console keeps of a backup.")
        Path auditHeads;

        Check(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() {
            ServerConfig.Database db = file == null ? sqlite(env) : ServerConfig.Database.sqlite(file);
            if (!Files.isRegularFile(db.sqliteFile())) {
                throw new ApiError(400, "no_database", "there is no database at " + db.sqliteFile());
            }
            try (var pool = Database.pool(db, 1)) {
                List<String> problems = Database.sql(pool).list("PRAGMA integrity_check", r -> r.getString(1));
                boolean intact = problems.equals(List.of("ok"));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("ok", intact);
                out.put("file", db.sqliteFile().toString());
                out.put("schemaVersion", new Migrator(pool, Release.current()).schemaVersion().orElse("none"));
                out.put("problems", intact ? List.of() : problems.subList(0, Math.min(20, problems.size())));
                if (intact) {
                    counts(Database.sql(pool), out);
                }
                if (intact && auditHeads != null) {
                    writeHeads(Database.sql(pool), auditHeads);
                }
                print(spec, out);
                return intact ? 0 : 1;
            }
        }

        /** The newest entry of each organization's chain, as the console's anchors read them. */
        private static void writeHeads(Sql sql, Path target) {
            List<String> heads = sql.list("SELECT org_id, seq, hash FROM activity_log a WHERE seq = (SELECT max(seq)"
                    + " FROM activity_log b WHERE b.org_id = a.org_id) ORDER BY org_id", r -> r.getString(1) + " "
                    + r.getLong(2) + " " + r.getString(3));
            try {
                Files.write(target, heads, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
            }
        }

        /**
         * What a restore test asks of a copy: its tables (the schema's own, not SQLite's or the name search's
         * shadow tables), the rows in all of them, and the accounts that could sign in.
         */
        private static void counts(Sql sql, Map<String, Object> out) {
            List<String> tables = sql.list("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    + " AND name NOT LIKE 'files_name_search%' ORDER BY name", r -> r.getString(1));
            long rows = 0;
            for (String table : tables) {
                rows += sql.one("SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"", r -> r.getLong(1)).orElse(0L);
            }
            out.put("tables", tables.size());
            out.put("rows", rows);
            out.put("users", tables.contains("users") ? sql.one("SELECT count(*) FROM users", r -> r.getLong(1)).orElse(0L) : 0L);
        }
    }

    @Command(name = "copy-to-full", mixinStandardHelpOptions = true,
            description = "Copy this database and its files into the full stack's PostgreSQL (POSTGRES_*, empty, at this"
                    + " release's schema) and object store (S3_*), every table and file read back and compared before"
                    + " anything is committed. The source is not changed. Prints progress and a JSON report.")
    static final class CopyToFull implements Callable<Integer> {
        private final Map<String, String> env;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--from", required = true, paramLabel = "FILE", description = "The single container's database.")
        Path from;
        @Option(names = "--files", paramLabel = "DIR", description = "Its files (default: files beside the database).")
        Path files;

        CopyToFull(Map<String, String> env) {
            this.env = env;
        }

        public Integer call() {
            Map<String, String> target = new LinkedHashMap<>(env);
            target.remove("DATABASE_URL");   // the target is the full stack's: POSTGRES_* and S3_*
            Env vars = new Env(target);
            ServerConfig.Database postgres = ServerConfig.Database.from(vars);
            ServerConfig.Storage storage = ServerConfig.Storage.from(vars);
            vars.check();
            if (postgres.isSqlite()) {
                throw new ApiError(400, "no_target", "name the full stack's database with POSTGRES_HOST, POSTGRES_DB,"
                        + " POSTGRES_USER and POSTGRES_PASSWORD[_FILE]");
            }
            Path source = from.toAbsolutePath().normalize();
            if (!Files.isRegularFile(source)) {
                throw new ApiError(400, "no_database", "there is no database at " + source);
            }
            Path folder = files != null ? files.toAbsolutePath().normalize()
                    : (source.getParent() == null ? Path.of(".") : source.getParent()).resolve("files");
            EditionMove.Report report = new EditionMove(line -> print(spec, Map.of("progress", line)))
                    .run(ServerConfig.Database.sqlite(source), folder, postgres, storage);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ok", report.ok());
            out.put("schemaVersion", report.schemaVersion());
            out.put("tables", report.tables());
            out.put("rows", report.rows());
            out.put("files", report.files());
            out.put("bytes", report.bytes());
            out.put("notMoved", report.notMoved());
            out.put("error", report.error());
            out.put("millis", report.millis());
            print(spec, out);
            return report.ok() ? 0 : 1;
        }
    }
}
