package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.license.InstallationLicense;
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

/** {@code adaptivectl license ...}: check a key, show and replace the installation's, this machine's fingerprint. */
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
        return print(context.licenseService(err).verify(text), json);
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The license the installation runs under: its verdict today and what it allows.")
    int show(@Option(names = "--project", defaultValue = "adaptive", description = "Compose project name.") String project,
             @Option(names = "--json", description = "Print the verdict as JSON.") boolean json) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        LicenseVerdict verdict;
        try {
            verdict = new InstallationLicense(context.licenseService(err), context.installations()).current(project);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println(e.getMessage());
            return ExitCodes.NOT_OK;
        }
        return print(verdict, json);
    }

    @Command(name = "replace", mixinStandardHelpOptions = true,
            description = "Replace the installation's license with a renewed key (usable, same customer).")
    int replace(@Parameters(paramLabel = "<key|file>", description = "The key, a .lic file, or - for standard input.")
                String keyOrFile,
                @Option(names = "--project", defaultValue = "adaptive", description = "Compose project name.") String project,
                @Option(names = "--json", description = "Print the verdict as JSON.") boolean json) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            LicenseVerdict verdict = new InstallationLicense(context.licenseService(err), context.installations())
                    .replace(project, LicenseInput.read(keyOrFile, context.stdin()));
            return print(verdict, json);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.NOT_OK;
        } catch (IOException e) {
            err.println("error: cannot read the license: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    @Command(name = "reset-clock", mixinStandardHelpOptions = true,
            description = {"Reset the clock check after this computer's clock was ahead once (\"earlier than a time this"
                    + " console has already seen\" while the clock is right).",
                    "Needs the installation's license to verify at this computer's time; recorded in the history."})
    int resetClock(@Option(names = "--project", defaultValue = "adaptive", description = "Compose project name.")
                   String project) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            var recovered = new InstallationLicense(context.licenseService(err), context.installations())
                    .resetClock(project, context.core(err).clockWitness());
            spec.commandLine().getOut().println("The clock check was reset: it had seen " + recovered.was()
                    + ", ahead of this computer's clock (" + recovered.now() + "). The reset is in `adaptivectl history`.");
            return ExitCodes.OK;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println(e.getMessage());
            return ExitCodes.NOT_OK;
        }
    }

    private int print(LicenseVerdict verdict, boolean json) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
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
