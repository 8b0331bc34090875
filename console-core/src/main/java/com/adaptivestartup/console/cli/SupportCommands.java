package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.state.History;
import com.adaptivestartup.console.support.SupportBundle;
import com.adaptivestartup.console.update.ConsoleUpdates;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code adaptivectl history} and {@code adaptivectl support-bundle}. */
final class SupportCommands {
    private SupportCommands() {
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Every operation on the installation"
            + " (install, backup, update...) with its outcome, newest first.")
    static final class HistoryCommand extends ProjectCommand {
        @Option(names = "--limit", defaultValue = "20", description = "How many operations (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--json", description = "Print them as JSON, with every step.")
        boolean json;

        HistoryCommand(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            var operations = History.of(context.journal().entries(project, 5000)).stream().limit(limit).toList();
            if (json) {
                printJson(operations);
                return ExitCodes.OK;
            }
            if (operations.isEmpty()) {
                out().println("Nothing has been done on '" + project + "' yet.");
            }
            for (History.Operation o : operations) {
                out().printf("%-20s %-16s %-10s %s%n", o.started(), o.name(), o.outcome(), o.detail());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "support-bundle", mixinStandardHelpOptions = true, description = "Write a zip for the vendor's"
            + " support (status, history, recent logs, settings, system) with every secret taken out; --preview"
            + " prints what it would hold.")
    static final class SupportBundleCommand extends ProjectCommand {
        @Option(names = "--out", description = "The zip to write (default: adaptive-support-<project>.zip here).")
        Path out;
        @Option(names = "--preview", description = "Print every file the bundle would hold, and write nothing.")
        boolean preview;

        SupportBundleCommand(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            SupportBundle.Preview p = new SupportBundle(context.installations(), context.journal(), context::engine,
                    context.clock()).preview(project, ConsoleUpdates.runningVersion());
            if (preview) {
                for (SupportBundle.Entry e : p.entries()) {
                    out().println("=== " + e.name());
                    out().println(e.content());
                }
                return ExitCodes.OK;
            }
            Path file = SupportBundle.save(p, out != null ? out : Path.of("adaptive-support-" + project + ".zip"));
            out().printf("Wrote %s (%d files, %.0f kB before compression, secrets taken out).%n", file.toAbsolutePath(),
                    p.entries().size(), p.size() / 1e3);
            return ExitCodes.OK;
        }
    }
}
