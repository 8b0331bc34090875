package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.licensing.license.LicenseInput;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.adaptivestartup.licensing.machine.MachineFingerprint;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code adaptivectl license ...}: check a license key or file, and show this machine's fingerprint. */
@Command(name = "license", mixinStandardHelpOptions = true, description = "Check licenses.")
final class LicenseCommand {
    private final CliContext context;
    @Spec
    CommandSpec spec;

    LicenseCommand(CliContext context) {
        this.context = context;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a license key or .lic file offline. Exit status 0 only when it is usable.")
    int verify(@Parameters(paramLabel = "<key|file>", description = "The key, a .lic file, or - for standard input.")
               String keyOrFile,
               @Option(names = "--json", description = "Print the verdict as JSON.") boolean json) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text;
        try {
            text = LicenseInput.read(keyOrFile, context.stdin());
        } catch (IOException e) {
            err.println("error: cannot read the license: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        LicenseVerdict verdict = context.licenseService(err).verify(text);
        if (json) {
            out.println(VerdictJson.write(verdict));
        } else {
            out.println((verdict.usable() ? "OK: " : "NOT USABLE: ") + verdict.message());
            verdict.readLicense().ifPresent(l -> VerdictJson.describe(l, out));
        }
        return verdict.usable() ? ExitCodes.OK : ExitCodes.NOT_OK;
    }

    @Command(name = "fingerprint", mixinStandardHelpOptions = true,
            description = "Print this machine's fingerprint, for a license bound to this machine.")
    int fingerprint() throws Exception {
        LicenseService service = context.licenseService(spec.commandLine().getErr());
        Optional<MachineFingerprint> here = service.thisMachine();
        if (here.isEmpty()) {
            spec.commandLine().getErr().println("This machine's id could not be read, so licenses cannot be bound to it."
                    + " Ask your vendor contact for a license that is not machine-bound.");
            return ExitCodes.NOT_OK;
        }
        spec.commandLine().getOut().println(here.get().value());
        return ExitCodes.OK;
    }
}
