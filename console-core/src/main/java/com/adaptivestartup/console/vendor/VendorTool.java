package com.adaptivestartup.console.vendor;

import com.adaptivestartup.licensing.vendor.VendorCli;
import picocli.CommandLine;

/**
 * {@code adaptive-vendor}: licensing's vendor commands (keys, licenses, signing) plus those that need the
 * Docker engine ({@code bundle build}) or the release's other parts ({@code chart build}), which live here so that licensing stays free of Docker,
 * and vendor staff's commands on the Brain ({@code brain ...}).
 */
public final class VendorTool {
    private VendorTool() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** licensing's vendor commands and the offline bundle builder, which needs console-core. */
    public static CommandLine commandLine() {
        CommandLine cli = VendorCli.commandLine();
        cli.addSubcommand(new CommandLine(new BundleBuildCommand.Group()).addSubcommand(new BundleBuildCommand()));
        cli.addSubcommand(new CommandLine(new ChartBuildCommand.Group()).addSubcommand(new ChartBuildCommand()));
        cli.addSubcommand(BrainCommands.group());
        return cli;
    }
}
