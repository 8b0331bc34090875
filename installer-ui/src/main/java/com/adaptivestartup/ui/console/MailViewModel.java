package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.accounts.MailService;
import com.adaptivestartup.console.stack.MailServer;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Dialogs;
import com.adaptivestartup.ui.Texts;
import java.util.ResourceBundle;
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
 * is its sentence. Stop sending mail asks first, through {@link Dialogs}.
 */
public final class MailViewModel {
    private final MailOperations operations;
    private final Background background;
    private final ActionResult actions;
    private final Dialogs dialogs;
    private final Texts words;
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

    public MailViewModel(MailOperations operations, Background background, Dialogs dialogs, ResourceBundle text) {
        this.operations = operations;
        this.background = background;
        this.dialogs = dialogs;
        this.words = new Texts(text);
        this.actions = new ActionResult(background, words);
    }

    public void refresh() {
        background.run(operations::current, this::show, e -> actions.say(words.sentence(e.getMessage())));
    }

    private void show(MailService.MailView v) {
        configured.set(v.server() != null);
        hasPassword = v.hasPassword();
        if (v.server() == null) {
            summary.set(words.say("mail.summary.none"));
            delivery.set(null);
            return;
        }
        summary.set(words.say(v.hasPassword() ? "mail.summary.withPassword" : "mail.summary", v.server().describe())
                + (v.waitingForUpdate() ? " " + words.say("mail.summary.waiting") : ""));
        host.set(v.server().host());
        port.set(String.valueOf(v.server().port()));
        security.set(v.server().security());
        username.set(v.server().username() == null ? "" : v.server().username());
        from.set(v.server().from());
        if (!v.waitingForUpdate()) {
            background.run(operations::outbox, this::showDelivery, e -> delivery.set(words.sentence(e.getMessage())));
        }
    }

    private void showDelivery(MailService.Outbox o) {
        String s = words.say("mail.delivery", o.sentLastDay(), o.waiting(), o.failed());
        if (o.lastError() != null && o.waiting() > 0) {
            s += " " + words.say("mail.delivery.refused", words.sentence(o.lastError()));
        }
        delivery.set(s);
    }

    public void save() {
        MailServer server;
        try {
            String p = port.get().strip();
            server = new MailServer(host.get(), p.isEmpty() ? 0 : Integer.parseInt(p), security.get(), username.get(), from.get());
        } catch (NumberFormatException e) {
            actions.say(words.say("mail.port.number"));
            return;
        } catch (IllegalArgumentException e) {
            actions.say(words.sentence(e.getMessage()));
            return;
        }
        String chosen = password.get().isEmpty() ? (hasPassword && !username.get().isBlank() ? null : "") : password.get();
        actions.run(() -> operations.set(server, chosen), url -> {
            password.set("");
            refresh();
            return words.say("mail.done.set", server.host());
        });
    }

    /** Stops sending mail, once the admin has said yes: invitations are then copied by hand. */
    public void askToClear() {
        if (!dialogs.confirm(words.say("mail.clear"), words.say("mail.clear.confirm"), words.say("mail.clear"))) {
            return;
        }
        actions.run(operations::clear, url -> {
            refresh();
            return words.say("mail.done.clear");
        });
    }

    public void sendTest() {
        String to = testTo.get().strip();
        if (!to.contains("@")) {
            actions.say(words.say("mail.test.noAddress"));
            return;
        }
        actions.run(() -> operations.test(to), r -> {
            refresh();
            return r.ok() ? words.sentence(r.message()) : words.say("mail.test.failed", words.sentence(r.message()));
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
