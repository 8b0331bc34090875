package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.operate.DiskUse;
import com.adaptivestartup.console.operate.Sizes;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code adaptivectl disk}: what the installation's volumes and its backups folder take, and what is left. */
@Command(name = "disk", mixinStandardHelpOptions = true,
        description = "What the installation takes on disk: each volume (as the engine counts it), the backups folder,"
                + " and what is still free there.")
final class DiskCommand extends ProjectCommand {
    @Option(names = "--json")
    boolean json;

    DiskCommand(CliContext context) {
        super(context);
    }

    public Integer call() throws Exception {
        DiskUse.Report r = context.core(null).diskUse(project);
        if (json) {
            var node = new ObjectMapper().valueToTree(r);
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("dataBytes", r.dataBytes());
            out().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
            return ExitCodes.OK;
        }
        out().println("data:    " + Sizes.human(r.dataBytes()) + " in " + r.volumes().size() + " volumes");
        r.volumes().forEach((name, bytes) -> out().printf("  %-14s %s%n", name, Sizes.human(bytes)));
        out().println("backups: " + (r.backupsBytes() < 0 ? "cannot be read" : Sizes.human(r.backupsBytes())) + " in "
                + r.backupsFolder() + (r.backupsFree() < 0 ? "" : " (" + Sizes.human(r.backupsFree()) + " free there)"));
        return ExitCodes.OK;
    }
}
