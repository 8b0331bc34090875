package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.edition.EditionChange;
import com.adaptivestartup.console.install.InstallListener;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code adaptivectl migrate-edition --to full}: the single container's installation moved onto the full stack. */
@Command(name = "migrate-edition", mixinStandardHelpOptions = true, description = "Move a single-container installation,"
        + " with all its data, onto the full stack (PostgreSQL, Redis, object store) of the same release: a backup first,"
        + " every row and file checked on arrival, and the single container back as it was if anything fails.")
final class MigrateEditionCommand extends ProjectCommand {
    @Option(names = "--to", required = true, paramLabel = "EDITION", description = "full: the only move there is.")
    String to;
    @Option(names = "--yes", description = "Confirm: the app is unavailable while its data moves.")
    boolean yes;
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    MigrateEditionCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        if (!"full".equals(to)) {
            err().println("error: --to full is the only move (a full stack's data does not fit one container)");
            return ExitCodes.USAGE;
        }
        if (!yes) {
            err().println("error: the app is unavailable while its data moves (a backup is taken first). Add --yes to"
                    + " confirm; nothing was changed");
            return ExitCodes.USAGE;
        }
        InstallListener listener = json ? InstallListener.SILENT : new InstallCommand.ProgressPrinter(err());
        try {
            EditionChange.Moved moved = context.core(err()).editionChange().toFull(project, listener);
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("ok", true);
                r.put("url", moved.install().url());
                r.put("backup", moved.backup().id());
                r.put("moved", moved.report());
                r.put("keptVolume", moved.keptVolume());
                printJson(r);
            } else {
                out().println("'" + project + "' runs on the full stack: " + moved.install().url());
                out().println("Moved " + moved.report().path("rows").asLong() + " rows and " + moved.report().path("files")
                        .asLong() + " files, each checked; people sign in again. The backup taken first is "
                        + moved.backup().id() + "; the single container's volume " + moved.keptVolume() + " is kept as it"
                        + " was until you uninstall.");
            }
            return ExitCodes.OK;
        } catch (EditionChange.EditionProblem e) {
            err().println(e.getMessage());
            return ExitCodes.NOT_OK;
        }
    }
}
