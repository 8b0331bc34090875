package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.audit.AuditService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code adaptivectl audit verify}: is the activity log as it was written, and as long as it was? */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The stack's activity log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check every organization's activity log:"
            + " each entry as written (its keyed hash chain), and none dropped since the last backup or check (the"
            + " anchors this console keeps). Exit 0 only when all hold.")
    static final class Verify extends ProjectCommand {
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        Verify(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() throws Exception {
            AuditService.Result result = context.auditService().verify(project);
            if (json) {
                printJson(result);
            } else {
                for (AuditService.OrgResult o : result.organizations()) {
                    out().println((o.intact() ? "ok      " : "BROKEN  ") + "organization " + o.orgId() + ": " + o.entries()
                            + " entries");
                    o.problems().forEach(p -> out().println("        " + p));
                    o.notes().forEach(n -> out().println("        note: " + n));
                }
                out().println(result.ok()
                        ? "The activity log holds: every entry as written, " + result.anchorsChecked()
                        + " anchors from earlier backups and checks found. Its heads are recorded as new anchors."
                        : "The activity log was changed from inside the database (see above). Keep this output, and the"
                        + " backups taken before the change; ask your vendor contact for help.");
            }
            return result.ok() ? ExitCodes.OK : ExitCodes.NOT_OK;
        }
    }
}
