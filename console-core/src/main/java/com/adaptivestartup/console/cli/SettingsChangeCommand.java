package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.tls.CertificateRefused;
import java.util.function.Function;

/** A command that changes an installed stack's settings (its address, its mail server) and converges it. */
abstract class SettingsChangeCommand extends ProjectCommand {
    SettingsChangeCommand(CliContext context) {
        super(context);
    }

    /** Runs a change, printing its progress and the result; a refusal or failure as one sentence. */
    int change(Function<InstallListener, InstallResult> work) {
        try {
            InstallResult r = work.apply(new InstallCommand.ProgressPrinter(err()));
            out().println("Adaptive Startup " + r.version() + " is at " + r.url());
            return ExitCodes.OK;
        } catch (CertificateRefused | IllegalArgumentException e) {
            err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (InstallFailed e) {
            err().println("error: " + e.getMessage());
            return ExitCodes.NOT_OK;
        }
    }
}
