package com.adaptivestartup.licensing.vendor;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code adaptive-vendor}: the vendor's own tool, which holds the signing keys and issues licenses. */
@Command(name = "adaptive-vendor", mixinStandardHelpOptions = true,
        version = "adaptive-vendor 1.0",
        description = "Vendor-side tool: signing keys and licenses for Adaptive Startup Self-Hosted.",
        subcommands = {KeygenCommand.class, LicenseCommands.class, SignCommand.class, VerifyCommand.class})
public final class VendorCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VendorCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli;
    }
}
