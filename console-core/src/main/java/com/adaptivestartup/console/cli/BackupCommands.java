package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.backup.BackupArchive;
import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupChecks;
import com.adaptivestartup.console.backup.BackupSchedule;
import com.adaptivestartup.console.backup.BackupSchedules;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.backup.BackupStore;
import com.adaptivestartup.console.backup.Retention;
import com.adaptivestartup.console.backup.ScheduledBackups;
import com.adaptivestartup.console.state.StepTimes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code adaptivectl backup create|list|verify|restore|import|copy|prune|schedule|run-due|timer|folder}. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Back up the stack's data and restore it.",
        subcommands = {BackupCommands.Create.class, BackupCommands.ListBackups.class, BackupCommands.Verify.class,
                BackupCommands.Restore.class, BackupCommands.Import.class, BackupCommands.Copy.class, BackupCommands.Prune.class,
                BackupCommands.Schedule.class, BackupCommands.RunDue.class, BackupCommands.Timer.class,
                BackupCommands.Folder.class})
final class BackupCommands {
    abstract static class Base extends ProjectCommand {
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        Base(CliContext context) {
            super(context);
        }

        BackupService service() {
            return context.backupService();
        }

        BackupService.Listener progress() {
            PrintWriter err = err();
            return json ? BackupService.Listener.SILENT : (step, status) -> CliOutput.printStep(err, step, status);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Back up the database, the files and the configuration (which holds secrets) into one archive.")
    static final class Create extends Base {
        @Option(names = "--note", description = "A note kept with the backup.")
        String note;
        @Option(names = "--passphrase-file", description = "Encrypt the archive (AES-256-GCM) with the passphrase in this file.")
        Path passphraseFile;

        Create(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            BackupCatalogue.Backup b = service().create(project, "manual", note, CliOutput.passphrase(passphraseFile), progress());
            if (json) {
                out().println(CliOutput.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(b));
            } else {
                out().printf("Backup %s: %s (%.1f MB)%n", b.id(), b.file(), b.size() / 1e6);
                if (!b.encrypted()) {
                    out().println("It holds the install's secrets (database and storage passwords): keep it somewhere safe,"
                            + " or use --passphrase-file to encrypt it.");
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The backups of this installation, newest first.")
    static final class ListBackups extends Base {
        ListBackups(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            var found = context.backupStore().discover(project);
            var all = context.backupStore().list(project);
            if (!found.encrypted().isEmpty() && !json) {
                err().println(found.encrypted().size() + " encrypted backup file" + (found.encrypted().size() == 1 ? "" : "s")
                        + " in the backups folder " + (found.encrypted().size() == 1 ? "is" : "are") + " not listed yet;"
                        + " list each with its passphrase: adaptivectl backup import <file> --passphrase-file <file>");
                found.encrypted().forEach(f -> err().println("    " + f));
            }
            if (json) {
                printJson(all);
            } else if (all.isEmpty()) {
                out().println("No backups yet. Make one with: adaptivectl backup create");
            } else {
                for (var b : all) {
                    out().printf("%-32s %-11s %-7s %9.1f MB  %s%n", b.id(), b.kind(), b.appVersion(), b.size() / 1e6, proven(b));
                    if (b.note() != null) {
                        out().println("    " + b.note());
                    }
                    if (b.hold() != null) {
                        out().println("    held: " + b.hold());
                    }
                }
            }
            return ExitCodes.OK;
        }

        private static String proven(BackupCatalogue.Backup b) {
            String s = !Files.isRegularFile(b.file()) ? "FILE MISSING: " + b.file()
                    : b.restoreTested() != null ? "restore-tested " + b.restoreTested().result()
                    : b.verified() != null ? "verified " + b.verified().result() : "not verified yet";
            return (b.encrypted() ? "encrypted, " : "") + (s.length() > 90 ? s.substring(0, 90) + "..." : s);
        }
    }

    @Command(name = "copy", mixinStandardHelpOptions = true, description = {"Copy a backup to another folder (an external"
            + " disk, a network share), checked against its SHA-256 before it takes the backup's name.",
            "The backup itself stays where it is; the copy is restored with `backup restore <file>` or listed on another"
            + " machine with `backup import`."})
    static final class Copy extends Base {
        @Parameters(paramLabel = "<id>")
        String backup;
        @Option(names = "--to", required = true, paramLabel = "<folder>", description = "Where the copy goes (made if missing).")
        Path to;

        Copy(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            PrintWriter err = err();
            long[] shown = {-1};
            Path copy = new com.adaptivestartup.console.backup.BackupCopy(context.backupStore()).copy(backup, to, bytes -> {
                long mb = bytes >> 26;   // a line every 64 MB
                if (!json && mb != shown[0]) {
                    shown[0] = mb;
                    err.println("  copied " + (bytes >> 20) + " MB");
                }
            });
            if (json) {
                printJson(Map.of("ok", true, "id", backup, "copy", copy.toString()));
            } else {
                out().println("Copied " + backup + " to " + copy + " (checked: its SHA-256 matches the backup's).");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Re-read a backup and check every checksum.")
    static final class Verify extends Base {
        @Parameters(paramLabel = "<id|file>")
        String backup;
        @Option(names = "--passphrase-file")
        Path passphraseFile;
        @Option(names = "--restore-test", description = "Also restore the database into a throwaway PostgreSQL container"
                + " (no network, nothing of the install touched) and check what it holds.")
        boolean restoreTest;

        Verify(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            BackupChecks checks = new BackupChecks(context.engine(), context.installations(), context.backupStore());
            char[] passphrase = CliOutput.passphrase(passphraseFile);
            BackupArchive.Checked c = checks.verify(backup, passphrase);
            BackupChecks.RestoreTest t = restoreTest ? checks.restoreTest(project, backup, passphrase) : null;
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("ok", true);
                r.put("manifest", c.manifest());
                r.put("sha256", c.sha256());
                if (t != null) {
                    r.put("restoreTest", Map.of("schemaVersion", t.schemaVersion(), "tables", t.tables(), "rows", t.rows(),
                            "users", t.users()));
                }
                printJson(r);
            } else {
                out().printf("OK: %d entries, every checksum matches (Adaptive Startup %s, schema %s, made %s)%n",
                        c.manifest().entries().size() + 1, c.manifest().appVersion(), c.manifest().schemaVersion(),
                        c.manifest().createdAt());
                if (t != null) {
                    out().println("OK: " + t.summary());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Replace the stack's data with a backup's."
            + " The backup is checked whole first; the current state is backed up first (unless --no-safety-backup).")
    static final class Restore extends Base {
        @Parameters(paramLabel = "<id|file>")
        String backup;
        @Option(names = "--passphrase-file")
        Path passphraseFile;
        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;
        @Option(names = "--no-safety-backup", description = "Do not back up the current state first.")
        boolean noSafetyBackup;

        Restore(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            if (!yes) {
                spec.commandLine().getErr().println("Restoring replaces the database, the files and the sessions of '" + project
                        + "' with the backup's. Run again with --yes to go ahead.");
                return ExitCodes.USAGE;
            }
            StepTimes times = new StepTimes(progress());
            BackupService.Restored r = service().restore(project, backup, CliOutput.passphrase(passphraseFile), !noSafetyBackup,
                    times::step);
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("createdAt", r.manifest().createdAt().toString());
                result.put("appVersion", r.manifest().appVersion());
                result.put("safetyBackup", r.safetyBackup() == null ? null : r.safetyBackup().id());
                result.put("unavailableSeconds", BackupService.unavailableSeconds(times));
                result.put("steps", times.steps());
                out().println(CliOutput.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
                return ExitCodes.OK;
            }
            out().println("Restored the backup of " + r.manifest().createdAt() + " (Adaptive Startup " + r.manifest().appVersion()
                    + "); the stack is healthy." + (r.safetyBackup() == null ? ""
                    : " The state before the restore is kept as backup " + r.safetyBackup().id() + "."));
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Copy a backup file made elsewhere into this installation's backups, checked whole first.")
    static final class Import extends Base {
        @Parameters(paramLabel = "<file>")
        Path file;
        @Option(names = "--passphrase-file")
        Path passphraseFile;

        Import(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            BackupStore.Imported i = context.backupStore().importFile(project, file, CliOutput.passphrase(passphraseFile));
            if (json) {
                printJson(i);
            } else if (i.alreadyListed()) {
                out().println("This backup is already listed, as " + i.backup().id() + "; nothing was copied.");
            } else {
                out().println("Imported as " + i.backup().id() + " (Adaptive Startup " + i.backup().appVersion() + ", made "
                        + i.backup().createdAt() + "); every checksum matches. Restore it with: adaptivectl backup restore "
                        + i.backup().id() + " --yes");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true, description = "Delete old backups, keeping the newest ones."
            + " The newest good backup and held backups (taken before an update not yet confirmed) are always kept.")
    static final class Prune extends Base {
        @Option(names = "--keep", description = "How many of the newest to keep (default: the schedule's).")
        Integer keep;
        @Option(names = "--dry-run", description = "Only say what would be deleted.")
        boolean dryRun;

        Prune(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            int n = keep != null ? keep : new BackupSchedules(context.state()).find(project).map(BackupSchedule::keep)
                    .orElseThrow(() -> new CliContext.CliProblem("say how many backups to keep with --keep N (there is no"
                            + " schedule to take it from)"));
            List<Retention.Decision> decisions = context.backupStore().prune(project, n, dryRun);
            if (json) {
                printJson(decisions.stream().map(d -> Map.of("id", d.backup().id(), "keep", d.keep(), "reason", d.reason()))
                        .toList());
                return ExitCodes.OK;
            }
            long deleted = decisions.stream().filter(d -> !d.keep()).count();
            for (Retention.Decision d : decisions) {
                out().printf("%-8s %-32s %s%n", d.keep() ? "keep" : dryRun ? "would go" : "deleted", d.backup().id(), d.reason());
            }
            out().println(deleted == 0 ? "Nothing to delete." : (dryRun ? "Would delete " : "Deleted ") + deleted + " backup"
                    + (deleted == 1 ? "" : "s") + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true, description = "Show or set the daily backup."
            + " The console runs it while it is open; `adaptivectl backup timer on` runs it when the console is closed.")
    static final class Schedule extends Base {
        @Option(names = "--daily", paramLabel = "HH:MM", description = "Back up every day at this local time.")
        String daily;
        @Option(names = "--keep", defaultValue = "7", description = "Keep this many backups (default ${DEFAULT-VALUE}).")
        int keep;
        @Option(names = "--off", description = "Turn the daily backup off.")
        boolean off;

        Schedule(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            ScheduledBackups scheduled = context.scheduledBackups(null);
            if (context.installations().find(project).isEmpty()) {
                throw new CliContext.CliProblem("there is no installation '" + project + "' on this machine");
            }
            if (off) {
                scheduled.turnOff(project);
                out().println("The daily backup is off.");
                return ExitCodes.OK;
            }
            if (daily != null) {
                scheduled.set(project, BackupSchedule.parseTime(daily), ZoneId.systemDefault(), keep);
            }
            var s = scheduled.find(project);
            if (json) {
                printJson(s.map(x -> Map.of("dailyAt", x.dailyAt().toString(), "zone", x.zone().getId(), "keep", x.keep(),
                        "nextRun", x.nextRun().toString())).orElse(Map.of()));
            } else if (s.isEmpty()) {
                out().println("No daily backup. Set one with: adaptivectl backup schedule --daily 02:30 --keep 7");
            } else {
                out().println("Daily at " + s.get().dailyAt() + " (" + s.get().zone().getId() + "), keeping the " + s.get().keep()
                        + " newest; next " + s.get().nextRun().atZone(s.get().zone()).toLocalDateTime() + ".");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "folder", mixinStandardHelpOptions = true, description = {"Show or choose where backups are written"
            + " (another disk, a network share). For every installation on this machine.",
            "Backups already made stay where they are, and listed; a folder that holds backups is read when listing."})
    static final class Folder implements Callable<Integer> {
        private final CliContext context;
        @Spec
        CommandSpec spec;
        @Option(names = "--set", paramLabel = "<folder>", description = "Write backups here from now on (checked first).")
        Path set;
        @Option(names = "--default", description = "Write backups in the console's own folder again.")
        boolean reset;

        Folder(CliContext context) {
            this.context = context;
        }

        public Integer call() {
            var core = context.core(spec.commandLine().getErr());
            if (set != null && reset) {
                throw new CliContext.CliProblem("give --set or --default, not both");
            }
            Path now = set != null || reset ? core.chooseBackupsFolder(reset ? null : set) : core.backupsFolder();
            spec.commandLine().getOut().println("Backups are written to "
                    + now + (now.equals(core.defaultBackupsFolder()) ? " (the console's own folder)." : "."));
            return ExitCodes.OK;
        }
    }

    @Command(name = "run-due", mixinStandardHelpOptions = true,
            description = "Take the scheduled backup if it is due, then prune to the schedule's keep. For an OS timer.")
    static final class RunDue extends Base {
        RunDue(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            ScheduledBackups scheduled = context.scheduledBackups(null);
            java.util.Optional<ScheduledBackups.Ran> ran;
            try {
                ran = scheduled.runIfDue(project, progress());
            } catch (RuntimeException e) {
                // the admins who asked hear of it by mail (an OS timer's failure is otherwise seen by no one)
                err().println(context.core(err()).adminNotices().notify(project,
                        com.adaptivestartup.console.accounts.AdminNotices.Kind.BACKUP, "a scheduled backup failed",
                        "The scheduled backup of " + project + " failed: " + e.getMessage()));
                throw e;
            }
            if (json) {
                printJson(ran.<Object>map(r -> r).orElse(Map.of("ran", false)));
            } else if (ran.isEmpty()) {
                out().println("Not due" + scheduled.find(project).map(s -> ": next at " + s.nextRun()).orElse(": no schedule") + ".");
            } else {
                out().println("Backup " + ran.get().backup().id() + " taken; pruned " + ran.get().pruned().size() + ".");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "timer", mixinStandardHelpOptions = true,
            description = "The daily backup when the console is closed: this computer's scheduler (a systemd user timer,"
                    + " a launchd agent, a Task Scheduler task) calls `backup run-due` every hour.")
    static final class Timer extends Base {
        @picocli.CommandLine.Parameters(index = "0", defaultValue = "status", description = "status (default), on or off.")
        String what;

        Timer(CliContext context) {
            super(context);
        }

        public Integer call() {
            var core = context.core(err());
            var timer = core.backupTimer();
            String said = switch (what) {
                case "status" -> timer.status(project).said();
                case "off" -> timer.off(project);
                case "on" -> {
                    if (context.installations().find(project).isEmpty()) {
                        throw new CliContext.CliProblem("there is no installation '" + project + "' on this machine");
                    }
                    yield timer.on(project, core.adaptivectlLauncher().orElseThrow(() -> new CliContext.CliProblem(
                            "this adaptivectl cannot tell how it was started, so a timer could not start it again; run it"
                                    + " as bin/adaptivectl or from the installed console")));
                }
                default -> throw new CliContext.CliProblem("'" + what + "' is not status, on or off");
            };
            out().println(said.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + said.substring(1) + ".");
            return ExitCodes.OK;
        }
    }
}
