package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.install.ServerReplicas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code replicas [N]}: how many server containers the stack runs; with N, run that many. */
@Command(name = "replicas", mixinStandardHelpOptions = true, description = "How many server containers share the load"
        + " (1 to 5; release 1.2.0 and later, full edition). With a count: run that many, replacing them one at a time"
        + " so the app keeps answering.")
final class ReplicasCommand extends SettingsChangeCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "COUNT", description = "The server containers to run.")
    Integer count;
    @Option(names = "--json", description = "Print the count as JSON (without COUNT).")
    boolean json;

    ReplicasCommand(CliContext context) {
        super(context);
    }

    public Integer call() throws Exception {
        ServerReplicas replicas = context.core(err()).serverReplicas();
        if (count != null) {
            return change(listener -> replicas.set(project, count, listener));
        }
        ServerReplicas.ReplicasView v;
        try {
            v = replicas.show(project);
        } catch (IllegalArgumentException e) {
            err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (json) {
            printJson(v);
            return ExitCodes.OK;
        }
        out().println("server containers: " + v.chosen() + " chosen, " + v.running() + " running");
        if (!v.supported()) {
            out().println("                   the version installed runs one; update to 1.2.0 or later to run several");
        }
        return ExitCodes.OK;
    }
}
