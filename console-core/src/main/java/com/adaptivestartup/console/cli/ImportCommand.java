package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.cloudimport.CloudImportService;
import com.adaptivestartup.console.cloudimport.ImportProblem;
import com.adaptivestartup.console.cloudimport.ImportSummary;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code import convex EXPORT.zip} and {@code import history}: bringing a company's data from Adaptive Startup Cloud. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Bring your data from Adaptive Startup Cloud.",
        subcommands = {ImportCommand.Convex.class, ImportCommand.History.class})
final class ImportCommand {
    private ImportCommand() {
    }

    @Command(name = "convex", mixinStandardHelpOptions = true, description = "Import a Convex export (the .zip of"
            + " \"npx convex export --include-file-storage\" or the Convex dashboard's Export) into the installed stack."
            + " A backup is taken first; the import is all or nothing. Import a newer export again to bring what changed.")
    static final class Convex extends ProjectCommand {
        @Parameters(index = "0", paramLabel = "EXPORT.zip")
        Path export;
        @Option(names = "--dry-run", description = "Do everything and keep nothing: print what an import would do.")
        boolean dryRun;
        @Option(names = "--remove-deleted", description = "Also remove here what was deleted in the cloud since the last"
                + " import (the report always lists it).")
        boolean removeDeleted;
        @Option(names = "--other-deployment", description = "Import although an earlier import came from another Convex"
                + " deployment.")
        boolean otherDeployment;
        @Option(names = "--json", description = "Print the whole report as JSON (the links included).")
        boolean json;

        Convex(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            CloudImportService.Listener printer = new CloudImportService.Listener() {
                private String lastStep = "";

                @Override
                public void step(String step, String status) {
                    if (status.equals("running")) {
                        err().println("  " + step + "...");
                    }
                }

                @Override
                public void progress(CloudImportService.Progress p) {
                    if (!p.step().equals(lastStep)) {
                        lastStep = p.step();
                    }
                    err().printf(Locale.ROOT, "  %3.0f%%  %-24s %,d documents (%,d/s), %d files, %s%s%n",
                            p.fraction() * 100, p.step(), p.documents(), p.documentsPerSecond(), p.files(),
                            ImportSummary.megabytes(p.fileBytes()),
                            p.secondsLeft() == null ? "" : ", about " + ImportSummaryText.duration(p.secondsLeft()) + " left");
                    err().flush();
                }
            };
            try {
                CloudImportService.Outcome o = context.core(err()).cloudImport().run(project, export,
                        new CloudImportService.Options(dryRun, removeDeleted, otherDeployment), printer);
                if (json) {
                    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) o.report().deepCopy();
                    tree.set("invitations", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(o.invitations()));
                    printJson(tree);
                    return o.summary().verified() ? ExitCodes.OK : ExitCodes.NOT_OK;
                }
                ImportSummaryText.print(out(), o.summary());
                if (o.backupId() != null) {
                    out().println("backup taken before: " + o.backupId() + " (held; `adaptivectl backup restore "
                            + o.backupId() + "` goes back)");
                }
                out().println("report: " + o.savedReport());
                if (!o.invitations().isEmpty()) {
                    out().println();
                    out().println(o.invitations().size() + " people need a link to choose their password (this installation"
                            + " sends no mail). Hand each their own; each works once, for 14 days:");
                    o.invitations().forEach(i -> out().println("  " + i.name() + " <" + i.email() + ">  " + i.link()));
                    out().println("(also in " + o.linksFile() + ", readable only by you; delete it once handed over)");
                }
                return o.summary().verified() ? ExitCodes.OK : ExitCodes.NOT_OK;
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (ImportProblem | IllegalStateException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.NOT_OK;
            }
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "The imports made into this installation,"
            + " newest first, with their reports.")
    static final class History extends ProjectCommand {
        @Option(names = "--json", description = "The saved reports as JSON.")
        boolean json;

        History(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            try {
                var saved = context.core(err()).cloudImport().history(project);
                if (json) {
                    printJson(saved.stream().map(CloudImportService.Saved::report).toList());
                    return ExitCodes.OK;
                }
                if (saved.isEmpty()) {
                    out().println("no import yet: bring your data with `adaptivectl import convex EXPORT.zip --dry-run`");
                }
                for (CloudImportService.Saved s : saved) {
                    ImportSummary summary = s.summary();
                    out().println(s.at() + "  " + summary.sentence());
                }
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }
}
