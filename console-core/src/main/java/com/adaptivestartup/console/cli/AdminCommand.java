package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.accounts.AccountRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code admin reset-password}: the installation owner's way back into any account. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "The installation owner's account tools.",
        subcommands = AdminCommand.ResetPassword.class)
final class AdminCommand {
    private AdminCommand() {
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true, description = "Give an account a one-time password"
            + " (printed once; replaced at its next sign-in) and sign it out everywhere. Works without mail.")
    static final class ResetPassword extends ProjectCommand {
        @Option(names = "--email", required = true, description = "The account's email address.")
        String email;

        ResetPassword(CliContext context) {
            super(context);
        }

        public Integer call() {
            try {
                AccountRecovery.Reset r = context.core(err()).accountRecovery().resetPassword(project, email);
                out().println("one-time password for " + r.email() + ": " + r.oneTimePassword());
                out().println("Hand it over in person or by phone. It must be replaced at the next sign-in; "
                        + r.sessionsEnded() + " session(s) were signed out.");
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (IllegalStateException e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.NOT_OK;
            }
        }
    }
}
