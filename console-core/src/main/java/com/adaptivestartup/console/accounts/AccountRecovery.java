package com.adaptivestartup.console.accounts;

import com.adaptivestartup.console.install.SettingsChange;
import com.adaptivestartup.console.stack.ServerCommand;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * The installation owner's way back into any account, mail or not (the founder who lost the password, an admin who
 * left): a one-time password, to be replaced at the next sign-in, and every session of the account ended. Run by
 * the stack's own server; journaled (the password is shown once, never written to the journal).
 */
public final class AccountRecovery {
    private final SettingsChange change;
    private final ServerCommand server;
    private final Journal journal;

    public AccountRecovery(SettingsChange change, ServerCommand server, Journal journal) {
        this.change = change;
        this.server = server;
        this.journal = journal;
    }

    public record Reset(String email, String oneTimePassword, int sessionsEnded) {
    }

    public Reset resetPassword(String project, String email) {
        Installations.Installation inst = change.installation(project);
        if (email == null || !email.contains("@")) {
            throw new IllegalArgumentException("give the account's email address, such as --email ana@acme.com");
        }
        Journal.Operation op = journal.begin("reset-password", project);
        try {
            ServerCommand.Answer a = server.run(inst, List.of("reset-password", "--email", email.strip()), "oneTimePassword",
                    "reset a password", Duration.ofMinutes(2));
            JsonNode j = a.json();
            Reset reset = new Reset(j.path("email").asText(), j.path("oneTimePassword").asText(), j.path("sessionsEnded").asInt());
            op.record("operation", "done", "one-time password given to " + reset.email() + "; " + reset.sessionsEnded()
                    + " session(s) ended");
            return reset;
        } catch (IllegalStateException e) {
            String message = e.getMessage().contains("no account uses the email")
                    ? "no account uses the email " + email.strip() + " on this installation" : e.getMessage();
            op.record("operation", "failed", message);
            throw new IllegalStateException(message, e);
        } catch (RuntimeException e) {
            op.record("operation", "failed", e.getMessage());
            throw e;
        }
    }
}
