package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.backup.BackupArchive;
import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code adaptivectl backup create|list|verify|restore}. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Back up the stack's data and restore it.",
        subcommands = {BackupCommands.Create.class, BackupCommands.ListBackups.class, BackupCommands.Verify.class,
                BackupCommands.Restore.class})
final class BackupCommands {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    abstract static class Base implements Callable<Integer> {
        final CliContext context;
        @Spec
        CommandSpec spec;
        @Option(names = "--project", defaultValue = "adaptive", description = "Compose project name (default ${DEFAULT-VALUE}).")
        String project;
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        Base(CliContext context) {
            this.context = context;
        }

        BackupService service() {
            var state = context.state();
            return new BackupService(context.engine(), new Installations(state, context.clock()),
                    new Journal(state, context.clock()), new BackupCatalogue(state), context.clock(),
                    context.dirs().stateDir().resolve("backups"));
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        BackupService.Listener progress() {
            PrintWriter err = spec.commandLine().getErr();
            return json ? BackupService.Listener.SILENT : (step, status) -> {
                err.println((status.equals("started") ? "... " : "ok  ") + step);
                err.flush();
            };
        }

        static char[] passphrase(Path file) throws IOException {
            if (file == null) {
                return null;
            }
            String p = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (p.length() < 12) {
                throw new CliContext.CliProblem("a backup passphrase must be at least 12 characters long");
            }
            return p.toCharArray();
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
            BackupCatalogue.Backup b = service().create(project, "manual", note, passphrase(passphraseFile), progress());
            if (json) {
                out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(b));
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
            var all = service().list(project);
            if (json) {
                out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
            } else if (all.isEmpty()) {
                out().println("No backups yet. Make one with: adaptivectl backup create");
            } else {
                for (var b : all) {
                    out().printf("%-30s %-11s %-7s %9.1f MB  %s%s  %s%n", b.id(), b.kind(), b.appVersion(), b.size() / 1e6,
                            b.encrypted() ? "encrypted " : "", b.verifyResult() == null ? "not verified" : "verified " + b.verifyResult(),
                            b.note() == null ? "" : b.note());
                }
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

        Verify(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            BackupArchive.Checked c = service().verify(project, backup, passphrase(passphraseFile));
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("ok", true);
                r.put("manifest", c.manifest());
                r.put("sha256", c.sha256());
                out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                out().printf("OK: %d entries, every checksum matches (Adaptive Startup %s, schema %s, made %s)%n",
                        c.manifest().entries().size() + 1, c.manifest().appVersion(), c.manifest().schemaVersion(),
                        c.manifest().createdAt());
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
            BackupService.Restored r = service().restore(project, backup, passphrase(passphraseFile), !noSafetyBackup, progress());
            out().println("Restored the backup of " + r.manifest().createdAt() + " (Adaptive Startup " + r.manifest().appVersion()
                    + "); the stack is healthy." + (r.safetyBackup() == null ? ""
                    : " The state before the restore is kept as backup " + r.safetyBackup().id() + "."));
            return ExitCodes.OK;
        }
    }
}
