package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.accounts.MailService;
import com.adaptivestartup.console.stack.MailServer;
import com.adaptivestartup.ui.Background;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Mail tab's view model against a fake console-core: what it shows, what it asks, what it says back. */
class MailViewModelTest {
    private final FakeMail fake = new FakeMail();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final MailViewModel model = new MailViewModel(fake, Background.SAME_THREAD, dialogs, ConsoleFakes.TEXT);

    @Test
    void withoutAMailServerItSaysWhatPeopleDoInstead() {
        model.refresh();
        assertThat(model.summaryProperty().get()).startsWith("No mail server: invitations are copied by hand");
        assertThat(model.configuredProperty().get()).isFalse();
        assertThat(model.deliveryProperty().get()).isNull();
    }

    @Test
    void badInputIsSaidBeforeAskingThenTheServerIsSavedWithItsPasswordAndTried() {
        model.hostProperty().set("smtp://acme.com");
        model.fromProperty().set("adaptive@acme.com");
        model.save();
        assertThat(model.resultProperty().get()).isEqualTo("The mail server must be a host name or address, such as"
                + " smtp.acme.com; not 'smtp://acme.com'.");
        model.hostProperty().set("smtp.acme.com");
        model.portProperty().set("five");
        model.save();
        assertThat(model.resultProperty().get()).isEqualTo("The port is a number, for example 587.");
        assertThat(fake.asked).isEmpty();

        model.portProperty().set("");
        model.usernameProperty().set("ops");
        model.passwordProperty().set("s3cret");
        model.save();
        assertThat(fake.asked).containsExactly("set smtp.acme.com:587 (STARTTLS), as ops, from adaptive@acme.com password=s3cret");
        assertThat(model.passwordProperty().get()).as("the password field is emptied").isEmpty();
        assertThat(model.portProperty().get()).as("the usual port filled in").isEqualTo("587");
        assertThat(model.summaryProperty().get()).isEqualTo("Mail is sent through smtp.acme.com:587 (STARTTLS), as ops, from"
                + " adaptive@acme.com, with its password.");

        model.save();
        assertThat(fake.asked.getLast()).as("an empty field keeps the password kept").endsWith("password=null");

        model.sendTest();
        assertThat(model.resultProperty().get()).isEqualTo("Enter the address the test email goes to, such as you@acme.com.");
        model.testToProperty().set("ana@acme.com");
        model.sendTest();
        assertThat(model.resultProperty().get()).startsWith("The mail server smtp.acme.com:587 (starttls) took the test mail");
        fake.test = new MailService.TestResult(false, "the mail server smtp.acme.com:587 refused the user name or password");
        model.sendTest();
        assertThat(model.resultProperty().get()).isEqualTo("The test email was not sent: The mail server smtp.acme.com:587"
                + " refused the user name or password.");
    }

    @Test
    void aMailServerThatRefusesMailIsSaidWithItsErrorAndWhatTheStackDoes() {
        fake.view = new MailService.MailView("adaptive", new MailServer("smtp.acme.com", 587, MailServer.Security.STARTTLS,
                null, "adaptive@acme.com"), false, false);
        fake.outbox = new MailService.Outbox(true, 3, 1, 12, "nothing answers at smtp.acme.com:587 (is the mail server"
                + " running, and is that its port?)", List.of(new MailService.Mail("invitation", "ana@acme.com", "You are"
                + " invited", "waiting", 4, Instant.parse("2026-11-30T10:00:00Z"), "nothing answers")));
        model.refresh();
        assertThat(model.deliveryProperty().get()).isEqualTo("12 sent in the last day; 3 waiting; 1 could not be delivered."
                + " The mail server is not taking mail: Nothing answers at smtp.acme.com:587 (is the mail server running, and"
                + " is that its port?) The stack tries again with growing pauses for two days.");
        dialogs.answer = false;
        model.askToClear();
        assertThat(fake.asked).as("the admin said no").isEmpty();
        dialogs.answer = true;
        model.askToClear();
        assertThat(dialogs.asked.getLast()).startsWith("Stop sending mail | Stop sending mail? Invitations will be copied");
        assertThat(fake.asked).containsExactly("clear");
        assertThat(model.configuredProperty().get()).isFalse();
    }
}
