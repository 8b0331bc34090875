package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.license.Heartbeat;
import com.adaptivestartup.console.license.LicenseStandings;
import com.adaptivestartup.console.outbound.BrainClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code adaptivectl heartbeat [status|on|off|send]}: the opt-in heartbeat to the vendor's Brain, when the
 * license includes it. {@code send} activates the installation the first time; a scheduler (cron, or the
 * desktop console once a day) runs it.
 */
@Command(name = "heartbeat", mixinStandardHelpOptions = true, description = "The opt-in heartbeat to the vendor (when"
        + " the license includes it): status, on, off, or send one now. It carries versions and each service's state,"
        + " never your data, and brings back the license's signed standing.")
final class HeartbeatCommand extends ProjectCommand {
    @Parameters(index = "0", defaultValue = "status", description = "status (default), on, off or send.")
    String action;

    HeartbeatCommand(CliContext context) {
        super(context);
    }

    public Integer call() throws Exception {
        Heartbeat heartbeat = context.heartbeat(err());
        try {
            LicenseStandings.Record record = switch (action) {
                case "status" -> heartbeat.state(project);
                case "on" -> heartbeat.enable(project, true);
                case "off" -> heartbeat.enable(project, false);
                case "send" -> {
                    LicenseStandings.Standing s = heartbeat.send(project);
                    out().println("Sent. The license is " + s.describe() + ".");
                    yield heartbeat.state(project);
                }
                default -> throw new CliContext.CliProblem("'" + action + "' is not a heartbeat action: use status, on,"
                        + " off or send");
            };
            if (!heartbeat.offered(project)) {
                out().println("This installation's license does not include the heartbeat to the vendor; nothing is sent.");
            }
            out().println("Heartbeat: " + (record.enabled() ? "on" : "off") + " (installation id " + record.instanceId()
                    + (record.activatedAt() == null ? ", not activated" : ", activated " + record.activatedAt())
                    + (record.lastSentAt() == null ? "" : ", last sent " + record.lastSentAt()) + ")");
            record.standing().ifPresent(s -> out().println("License standing: " + s.describe()));
            return ExitCodes.OK;
        } catch (Heartbeat.Refused | LicenseStandings.Refused | BrainClient.BrainUnavailable e) {
            err().println("error: " + e.getMessage());
            return ExitCodes.NOT_OK;
        }
    }
}
