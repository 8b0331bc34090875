package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.accounts.MailService;
import com.adaptivestartup.console.stack.MailServer;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Sentences;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The mail server the stack sends invitations and password resets through: the form (host, port, security, user
 * name, password, sender), Save (the stack converges onto it), Stop sending mail, Send a test email (sent by the
 * stack itself, the mail server's answer shown), and how delivery stands. Each runs in the background; a refusal
 * is its sentence.
 */
public final class MailViewModel {
    private final MailOperations operations;
    private final Background background;
    private final ActionResult actions;
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final ObjectProperty<MailServer.Security> security = new SimpleObjectProperty<>(MailServer.Security.STARTTLS);
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty testTo = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper delivery = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper configured = new ReadOnlyBooleanWrapper(false);
    private boolean hasPassword;

    public MailViewModel(MailOperations operations, Background background) {
        this.operations = operations;
        this.background = background;
        this.actions = new ActionResult(background);
    }

    public void refresh() {
        background.run(operations::current, this::show, e -> actions.say(Sentences.of(e.getMessage())));
    }

    private void show(MailService.MailView v) {
        configured.set(v.server() != null);
        hasPassword = v.hasPassword();
        if (v.server() == null) {
            summary.set("No mail server: invitations are copied by hand, and a forgotten password is reset by an admin."
                    + " Set the company's mail server to send them by email.");
            delivery.set(null);
            return;
        }
        summary.set("Mail is sent through " + v.server().describe() + (v.hasPassword() ? ", with its password." : ".")
                + (v.waitingForUpdate() ? " The version installed sends no mail; the setting is kept for the next update." : ""));
        host.set(v.server().host());
        port.set(String.valueOf(v.server().port()));
        security.set(v.server().security());
        username.set(v.server().username() == null ? "" : v.server().username());
        from.set(v.server().from());
        if (!v.waitingForUpdate()) {
            background.run(operations::outbox, this::showDelivery, e -> delivery.set(Sentences.of(e.getMessage())));
        }
    }

    private void showDelivery(MailService.Outbox o) {
        StringBuilder s = new StringBuilder(o.sentLastDay() + " sent in the last day; " + o.waiting() + " waiting");
        if (o.failed() > 0) {
            s.append("; ").append(o.failed()).append(" could not be delivered");
        }
        s.append('.');
        if (o.lastError() != null && o.waiting() > 0) {
            s.append(" The mail server is not taking mail: ").append(Sentences.of(o.lastError()))
                    .append(" The stack tries again with growing pauses for two days.");
        }
        delivery.set(s.toString());
    }

    public void save() {
        MailServer server;
        try {
            String p = port.get().strip();
            server = new MailServer(host.get(), p.isEmpty() ? 0 : Integer.parseInt(p), security.get(), username.get(), from.get());
        } catch (NumberFormatException e) {
            actions.say("The port is a number, for example 587.");
            return;
        } catch (IllegalArgumentException e) {
            actions.say(Sentences.of(e.getMessage()));
            return;
        }
        String chosen = password.get().isEmpty() ? (hasPassword && !username.get().isBlank() ? null : "") : password.get();
        actions.run(() -> operations.set(server, chosen), url -> {
            password.set("");
            refresh();
            return "Saved: the stack sends mail through " + server.host() + ". Send a test email to check it arrives.";
        });
    }

    public void clear() {
        actions.run(operations::clear, url -> {
            refresh();
            return "The stack sends no mail any more.";
        });
    }

    public void sendTest() {
        String to = testTo.get().strip();
        if (!to.contains("@")) {
            actions.say("Enter the address the test email goes to, such as you@acme.com.");
            return;
        }
        actions.run(() -> operations.test(to), r -> {
            refresh();
            return r.ok() ? Sentences.of(r.message()) : "The test email was not sent: " + Sentences.of(r.message());
        });
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public ObjectProperty<MailServer.Security> securityProperty() {
        return security;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty testToProperty() {
        return testTo;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** How delivery stands (sent, waiting, the mail server's last refusal); null without a mail server. */
    public ReadOnlyStringProperty deliveryProperty() {
        return delivery.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return actions.resultProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return actions.busyProperty();
    }

    public ReadOnlyBooleanProperty configuredProperty() {
        return configured.getReadOnlyProperty();
    }
}
