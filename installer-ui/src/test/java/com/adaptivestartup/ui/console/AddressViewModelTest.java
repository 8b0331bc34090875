package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.ui.Background;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Address tab's view model against a fake console-core: what it shows, what it asks, what it says back. */
class AddressViewModelTest {
    private final FakeAddresses fake = new FakeAddresses();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final AddressViewModel model = new AddressViewModel(fake, Background.SAME_THREAD, dialogs, ZoneOffset.UTC,
            ConsoleFakes.TEXT);

    @Test
    void withoutAnAddressItSaysTheAppIsOnPlainHttp() {
        model.refresh();
        assertThat(model.linkProperty().get()).isEqualTo("http://localhost:8080/");
        assertThat(model.summaryProperty().get()).startsWith("No address yet: the app is served over plain HTTP");
        assertThat(model.hasAddressProperty().get()).isFalse();
        assertThat(model.warningProperty().get()).isNull();
    }

    @Test
    void aCertificateNearItsEndIsWarnedAboutWithWhatToDo() {
        fake.view = FakeAddresses.served(Duration.ofDays(12), "the certificate for startup.acme.local ends in 12 days; renew it now"
                + " (Renew now, or `adaptivectl address renew`)");
        model.refresh();
        assertThat(model.linkProperty().get()).isEqualTo("https://startup.acme.local/");
        assertThat(model.certificateProperty().get()).contains("for startup.acme.local").contains("(12 days)");
        assertThat(model.warningProperty().get()).isEqualTo("The certificate for startup.acme.local ends in 12 days; renew"
                + " it now (Renew now, or `adaptivectl address renew`).");
        assertThat(model.hostProperty().get()).as("the form starts from what is in use").isEqualTo("startup.acme.local");
        assertThat(model.madeHereProperty().get()).isTrue();
    }

    @Test
    void badInputIsSaidBeforeAskingAndARefusalIsSaidAsASentence() {
        model.hostProperty().set("start_up");
        model.apply();
        assertThat(model.resultProperty().get()).startsWith("'start_up' is not a valid host name");
        assertThat(fake.asked).isEmpty();
        model.hostProperty().set("startup.acme.local");
        model.certificate().sourceProperty().set(WebAddress.CertificateSource.OWN);
        model.apply();
        assertThat(model.resultProperty().get()).isEqualTo("Choose the certificate file (.crt, .pem, .pfx or .p12).");
        model.certificate().certificateFileProperty().set("/certs/startup.pfx");
        model.certificate().pfxPasswordProperty().set("wrong");
        fake.refusal = "the password of the .pfx file is not right; type the password it was exported with";
        model.apply();
        assertThat(model.resultProperty().get()).isEqualTo("The password of the .pfx file is not right; type the password"
                + " it was exported with.");
        fake.refusal = null;
        model.certificate().pfxPasswordProperty().set("right");
        model.apply();
        assertThat(fake.asked).containsExactly("set startup.acme.local:443 OWN /certs/startup.pfx",
                "set startup.acme.local:443 OWN /certs/startup.pfx");
        assertThat(model.resultProperty().get()).isEqualTo("The app is now served at https://startup.acme.local/.");
        assertThat(model.certificate().pfxPasswordProperty().get()).as("not kept once used").isEmpty();
    }

    @Test
    void backToPlainHttpAndTrustingHereAskFirstAndExportGoesWhereTheAdminChose() {
        dialogs.answer = false;
        model.askToClear();
        model.askToTrust();
        assertThat(fake.asked).as("the admin said no twice").isEmpty();
        assertThat(dialogs.asked.getLast()).isEqualTo("Trust on this computer | Add this installation's certificate"
                + " authority to this computer's store? Browsers on this computer then trust the app's certificate."
                + " | Trust on this computer");
        dialogs.answer = true;
        model.askToClear();
        assertThat(model.resultProperty().get()).isEqualTo("The app is served over plain HTTP again, at http://localhost:8080/.");
        model.askToTrust();
        assertThat(model.resultProperty().get()).isEqualTo("Added to this computer's store. Restart your browser.");
        model.askToExport();
        assertThat(fake.asked).as("a save cancelled exports nothing").containsExactly("clear", "trust");
        dialogs.chosen = java.nio.file.Path.of("/home/ana/authority.crt");
        model.askToExport();
        assertThat(fake.asked.getLast()).isEqualTo("export /home/ana/authority.crt");
        assertThat(model.resultProperty().get()).isEqualTo("Saved /home/ana/authority.crt. Hand it to each colleague's"
                + " computer.");
    }

    @Test
    void aGermanDesktopReadsTheTabInGerman() {
        AddressViewModel german = new AddressViewModel(fake, Background.SAME_THREAD, dialogs, ZoneOffset.UTC,
                java.util.ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.GERMANY));
        german.refresh();
        assertThat(german.summaryProperty().get()).startsWith("Noch keine Adresse: Die App wird nur über einfaches HTTP");
        fake.view = FakeAddresses.served(Duration.ofDays(12), "renew it now");
        german.refresh();
        assertThat(german.certificateProperty().get()).contains("Gültig bis").contains("(12 Tage)");
        german.hostProperty().set("startup.acme.local");
        german.certificate().httpsPortProperty().set("vier");
        german.apply();
        assertThat(german.resultProperty().get()).isEqualTo("Der HTTPS-Port ist eine Zahl, zum Beispiel 443.");
    }
}
