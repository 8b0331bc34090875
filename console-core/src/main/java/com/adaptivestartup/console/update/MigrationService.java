package com.adaptivestartup.console.update;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.console.state.InstallationLock;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.OperationLock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Migrating the database is one operation: a backup first, then the server's {@code migrate} as a one-off
 * container, its exit code and report checked; when it fails, that backup is restored at once and the
 * admin is told so plainly. A migration never runs without a way back.
 */
public final class MigrationService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MIGRATION = Pattern.compile("\\bV(\\d+(?:\\.\\d+)*)__");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private final DockerEngine engine;
    private final Installations installations;
    private final Journal journal;
    private final BackupService backups;
    private final ZoneId zone;

    public MigrationService(DockerEngine engine, Installations installations, Journal journal, BackupService backups, ZoneId zone) {
        this.engine = engine;
        this.installations = installations;
        this.journal = journal;
        this.backups = backups;
        this.zone = zone;
    }

    /** What a successful run did: the schema before and after, what was applied, and the backup taken first. */
    public record Migrated(String schemaBefore, String schemaAfter, List<String> applied, BackupCatalogue.Backup backup) {
    }

    /** A migration failed; {@code restored} says whether the data is back as it was (the message says it too). */
    public static final class MigrationFailed extends RuntimeException {
        private final boolean restored;

        MigrationFailed(String message, boolean restored) {
            super(message);
            this.restored = restored;
        }

        public boolean restored() {
            return restored;
        }
    }

    public Migrated migrate(String project, BackupService.Listener listener) {
        try (InstallationLock lock = journal.lock(project, "migration")) {
            return migrateLocked(project, listener);
        } catch (OperationLock.Busy e) {
            throw new MigrationFailed(e.getMessage(), true);
        }
    }

    private Migrated migrateLocked(String project, BackupService.Listener listener) {
        Installations.Installation inst = installations.find(project).orElseThrow(() -> new IllegalArgumentException(
                "there is no installation '" + project + "' on this machine (see `adaptivectl status`)"));
        Journal.Operation op = journal.begin("migrate", project);
        try {
            BackupCatalogue.Backup backup = op.step("backup", listener, () -> backups.create(project, "pre-migrate",
                    "taken automatically before migrating", null, BackupService.Listener.SILENT));
            InstallDirectory dir = new InstallDirectory(inst.directory());
            StackPlan plan = dir.readPlan();
            StackDeployer d = new StackDeployer(engine, project, dir.path(), inst.version());
            op.record("migrate", "started", null);
            listener.step("migrate", "started");
            DockerEngine.OneOffResult r = d.runOnce(plan.migrator(),
                    List.of("migrate", "--wait-for-database", "60"), List.of(), Duration.ofMinutes(30));
            Optional<JsonNode> report = report(r.output());
            if (r.exitCode() == 0 && report.map(n -> n.path("ok").asBoolean()).orElse(false)) {
                JsonNode n = report.get();
                op.record("migrate", "done", null);
                listener.step("migrate", "done");
                List<String> applied = n.path("applied").findValuesAsText("version");
                op.record("operation", "done", "schema " + n.path("schemaBefore").asText() + " -> " + n.path("schemaAfter").asText());
                return new Migrated(n.path("schemaBefore").asText(), n.path("schemaAfter").asText(), applied, backup);
            }
            String reason = report.map(n -> n.path("error").asText()).filter(e -> !e.isBlank())
                    .orElse("exit code " + r.exitCode() + ": " + lastLine(r.output()));
            String what = "migration " + inst.version() + migrationName(reason) + " failed: " + reason;
            op.record("migrate", "failed", what);
            try {
                op.step("roll back", listener, () -> backups.rollBack(project, backup, true, BackupService.Listener.SILENT));
            } catch (RuntimeException rollBackFailed) {
                throw new MigrationFailed(what + "; restoring the backup taken just before (" + backup.id() + ", " + backup.file()
                        + ") failed too: " + rollBackFailed.getMessage() + ". Your data is in that backup; restore it with"
                        + " `adaptivectl backup restore " + backup.id() + " --yes`.", false);
            }
            String message = what + "; restored to the state of " + WHEN.format(backup.createdAt().atZone(zone)) + "; nothing lost";
            op.record("operation", "failed", message);
            throw new MigrationFailed(message, true);
        } catch (MigrationFailed e) {
            throw e;
        } catch (RuntimeException e) {
            op.record("operation", "failed", e.getMessage());
            throw e;
        }
    }

    /** The migrate command prints its report as one JSON line; it is the last such line. */
    public static Optional<JsonNode> report(String output) {
        List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(lines.get(lines.size() - 1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "/V5" when the reason names a migration script. */
    static String migrationName(String reason) {
        Matcher m = MIGRATION.matcher(reason);
        return m.find() ? "/V" + m.group(1) : "";
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
