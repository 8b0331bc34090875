package com.adaptivestartup.console.accounts;

import com.adaptivestartup.console.install.SettingsChange;
import com.adaptivestartup.console.stack.ServerCommand;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.state.Installations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The installation's notices by mail, to the admins who asked for them in their profile: a failed backup, a stack
 * no longer healthy, an update, a certificate near its end. Queued in the stack's outbox by its own server (once a
 * day per notice). A notice never makes the operation it tells of fail: without mail, on a release before 1.2.0,
 * or with the stack down, it is simply not sent, and {@link #notify} says why.
 */
public final class AdminNotices {
    /** What a notice is about. */
    public enum Kind { BACKUP, HEALTH, UPDATE, CERTIFICATE }

    private final SettingsChange change;
    private final ServerCommand server;

    public AdminNotices(SettingsChange change, ServerCommand server) {
        this.change = change;
        this.server = server;
    }

    /** Queues the notice; returns what happened, in words (how many admins, or why none). */
    public String notify(String project, Kind kind, String subject, String text) {
        try {
            Installations.Installation inst = change.installation(project);
            StackSettings settings = SettingsChange.settingsOf(inst);
            if (settings.mail() == null) {
                return "not mailed: the installation has no mail server";
            }
            var answer = server.run(inst, List.of("mail", "notify-admins", "--kind", kind.name().toLowerCase(Locale.ROOT),
                    "--subject", subject, "--text", text), "queued", "mail the admins", Duration.ofMinutes(2)).json();
            int queued = answer.path("queued").asInt();
            return queued == 0 ? "not mailed: no admin asked for notices, or this one went out today"
                    : "mailed to " + queued + " admin" + (queued == 1 ? "" : "s");
        } catch (RuntimeException e) {
            return "not mailed: " + e.getMessage();
        }
    }
}
