package com.adaptivestartup.server;

import com.adaptivestartup.server.config.Env;
import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.db.Database;
import com.adaptivestartup.server.db.Migrator;
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
 */
@Command(name = "database", description = "The single container's SQLite database.", mixinStandardHelpOptions = true,
        subcommands = {DatabaseCommand.Backup.class, DatabaseCommand.Check.class})
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
                print(spec, out);
                return intact ? 0 : 1;
            }
        }
    }
}
