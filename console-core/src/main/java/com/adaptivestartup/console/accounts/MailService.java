package com.adaptivestartup.console.accounts;

import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.SettingsChange;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.MailServer;
import com.adaptivestartup.console.stack.ServerCommand;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mail server an installed stack sends through: shown, set (its password kept as the secret file
 * {@code smtp_password}, never in settings), cleared, tried with a test mail sent by the stack itself (so the
 * stack's own network and DNS are what is tried), and the outbox's state. A change converges the stack like an
 * install of the version in place; a failed one puts the old password back.
 */
public final class MailService {
    private final SettingsChange change;
    private final ServerCommand server;
    private final Journal journal;

    public MailService(SettingsChange change, ServerCommand server, Journal journal) {
        this.change = change;
        this.server = server;
        this.journal = journal;
    }

    /**
     * The mail server (null: none), whether a password is kept, and {@code waitingForUpdate}: the version installed
     * (before 1.2.0) sends no mail, and the setting is kept for the next update.
     */
    public record MailView(String project, MailServer server, boolean hasPassword, boolean waitingForUpdate) {
    }

    public MailView show(String project) {
        Installations.Installation inst = change.installation(project);
        InstallDirectory dir = new InstallDirectory(inst.directory());
        StackSettings settings = SettingsChange.settingsOf(inst);
        boolean waiting = settings.mail() != null && settings.supportedBy(dir.composeTemplate()).mail() == null;
        return new MailView(project, settings.mail(), dir.optionalSecret(InstallDirectory.SMTP_PASSWORD).isPresent(), waiting);
    }

    /**
     * Sets the mail server and converges the stack onto it. {@code password}: the mail server's password (null:
     * keep the one kept; empty: none).
     */
    public InstallResult set(String project, MailServer mail, String password, InstallListener listener) {
        Installations.Installation inst = change.installation(project);
        InstallDirectory dir = new InstallDirectory(inst.directory());
        Optional<String> before = dir.optionalSecret(InstallDirectory.SMTP_PASSWORD);
        if (password != null) {
            if (password.contains("\n") || password.length() > 1000) {
                throw new IllegalArgumentException("the mail password must be one line");
            }
            dir.shareSecret(InstallDirectory.SMTP_PASSWORD, password);
        }
        try {
            return change.converge(inst, SettingsChange.settingsOf(inst).withMail(mail), null, listener);
        } catch (RuntimeException e) {
            dir.shareSecret(InstallDirectory.SMTP_PASSWORD, before.orElse(""));
            throw e;
        }
    }

    /** No mail server: the stack sends no mail; the password is forgotten. */
    public InstallResult clear(String project, InstallListener listener) {
        Installations.Installation inst = change.installation(project);
        InstallResult r = change.converge(inst, SettingsChange.settingsOf(inst).withMail(null), null, listener);
        new InstallDirectory(inst.directory()).shareSecret(InstallDirectory.SMTP_PASSWORD, "");
        return r;
    }

    /** What a test mail did: {@code ok} when the mail server took it; else why not, in a sentence. */
    public record TestResult(boolean ok, String message) {
    }

    /** Sends a test mail to {@code to} from the stack itself, now, and says what the mail server answered. Journaled. */
    public TestResult test(String project, String to) {
        Installations.Installation inst = change.installation(project);
        if (to == null || !to.contains("@") || to.strip().contains(" ")) {
            throw new IllegalArgumentException("send the test mail to an email address, such as you@acme.com; not '" + to + "'");
        }
        if (SettingsChange.settingsOf(inst).mail() == null) {
            throw new IllegalArgumentException("this installation has no mail server yet; set one with `adaptivectl mail set`");
        }
        Journal.Operation op = journal.begin("mail-test", project);
        try {
            JsonNode a = server.run(inst, List.of("mail", "test", "--to", to.strip()), "ok", "send a test mail",
                    Duration.ofMinutes(2)).json();
            TestResult result = new TestResult(a.path("ok").asBoolean(), a.path("message").asText());
            op.record("operation", result.ok() ? "done" : "failed", result.message());
            return result;
        } catch (RuntimeException e) {
            op.record("operation", "failed", e.getMessage());
            throw e;
        }
    }

    /** One mail of the outbox as the console lists it. */
    public record Mail(String kind, String recipient, String subject, String status, int attempts, Instant createdAt,
                       String lastError) {
    }

    /** How delivery stands: waiting, given up, sent in the last day, the newest error, the newest mails. */
    public record Outbox(boolean configured, long waiting, long failed, long sentLastDay, String lastError, List<Mail> newest) {
    }

    public Outbox outbox(String project) {
        Installations.Installation inst = change.installation(project);
        JsonNode a = server.run(inst, List.of("mail", "status"), "waiting", "read the mail outbox", Duration.ofMinutes(2)).json();
        List<Mail> mails = new ArrayList<>();
        for (JsonNode m : a.path("newest")) {
            mails.add(new Mail(m.path("kind").asText(), m.path("recipient").asText(), m.path("subject").asText(),
                    m.path("status").asText(), m.path("attempts").asInt(), Instant.parse(m.path("createdAt").asText()),
                    m.hasNonNull("lastError") ? m.get("lastError").asText() : null));
        }
        return new Outbox(a.path("configured").asBoolean(), a.path("waiting").asLong(), a.path("failed").asLong(),
                a.path("sentLastDay").asLong(), a.hasNonNull("lastError") ? a.get("lastError").asText() : null, List.copyOf(mails));
    }
}
