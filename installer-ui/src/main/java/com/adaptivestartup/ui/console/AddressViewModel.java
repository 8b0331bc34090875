package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.install.AddressService;
import com.adaptivestartup.console.tls.CertificateFiles;
import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.CertificateChoice;
import com.adaptivestartup.ui.Dialogs;
import com.adaptivestartup.ui.Texts;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The address people use and its certificate: the link (shown on the dashboard, copyable), the certificate's kind,
 * names and end, a warning three weeks before the end, and the actions: set or change the address (with a
 * certificate made here or the company's own files), Replace certificate, Renew now, back to plain HTTP, export
 * the installation's authority, trust it on this computer. Each runs in the background; a refusal is its sentence.
 * Going back to plain HTTP and trusting the authority here ask first, through {@link Dialogs}.
 */
public final class AddressViewModel {
    private final AddressOperations operations;
    private final Dialogs dialogs;
    private final DateTimeFormatter day;
    private final Background background;
    private final ActionResult actions;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper link = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper certificate = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper hasAddress = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper madeHere = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasAuthority = new ReadOnlyBooleanWrapper(false);
    private final StringProperty host = new SimpleStringProperty("");
    private final CertificateChoice certificateChoice = new CertificateChoice();
    private final Texts words;

    public AddressViewModel(AddressOperations operations, Background background, Dialogs dialogs, ZoneId zone,
                            ResourceBundle text) {
        this.words = new Texts(text);
        this.operations = operations;
        this.background = background;
        this.dialogs = dialogs;
        this.actions = new ActionResult(background, words);
        this.zone = zone;
        this.day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(words.locale());
    }

    public void refresh() {
        background.run(operations::current, this::show, e -> actions.say(words.sentence(e.getMessage())));
    }

    private void show(AddressService.AddressView v) {
        link.set(v.url());
        hasAddress.set(v.address() != null);
        hasAuthority.set(v.hasLocalAuthority());
        if (v.address() == null) {
            summary.set(words.say("address.summary.none"));
            certificate.set(null);
            warning.set(null);
            madeHere.set(false);
            return;
        }
        madeHere.set(v.address().source() == WebAddress.CertificateSource.LOCAL);
        summary.set(v.waitingForUpdate() ? words.say("address.summary.waiting", v.address().host(), v.url())
                : words.say("address.summary.https", v.url(), String.valueOf(v.address().httpsPort())));
        if (host.get().isBlank()) {
            host.set(v.address().host());
            certificateChoice.httpsPortProperty().set(String.valueOf(v.address().httpsPort()));
            certificateChoice.sourceProperty().set(v.address().source());
        }
        var c = v.certificate();
        if (c == null) {
            certificate.set(words.say("address.certificate.none"));
            warning.set(null);
            return;
        }
        certificate.set(words.say("address.certificate", c.source(), String.join(", ", c.names()), c.issuer(),
                day.format(c.notAfter().atZone(zone)), c.daysLeft()));
        warning.set(c.warning() == null ? null : words.sentence(c.warning()));
    }

    /** Sets or changes the address (and, for the company's own certificate, replaces it). */
    public void apply() {
        WebAddress address;
        try {
            address = new WebAddress(host.get(), Integer.parseInt(certificateChoice.httpsPortProperty().get().strip()),
                    certificateChoice.sourceProperty().get(), certificateChoice.acme());
        } catch (NumberFormatException e) {
            actions.say(words.say("address.port.number"));
            return;
        } catch (IllegalArgumentException e) {
            actions.say(words.sentence(e.getMessage()));
            return;
        }
        String missing = certificateChoice.missingFile(words.bundle());
        if (missing != null) {
            actions.say(missing);
            return;
        }
        CertificateFiles files = certificateChoice.ownFiles();
        Path acmeRoot = certificateChoice.acmeRoot();
        change(() -> operations.set(address, files, acmeRoot), url -> words.say("address.done.set", url));
    }

    /** Back to plain HTTP, once the admin has said yes: links with the HTTPS address stop working. */
    public void askToClear() {
        if (dialogs.confirm(words.say("address.clear"), words.say("address.clear.confirm"), words.say("address.clear"))) {
            change(operations::clear, url -> words.say("address.done.clear", url));
        }
    }

    public void renew() {
        change(operations::renew, url -> words.say("address.done.renew", url));
    }

    /** Saves the installation's authority where the admin chooses, to hand to colleagues' computers. */
    public void askToExport() {
        dialogs.saveFile(words.say("address.export"), "adaptive-startup-authority.crt").ifPresent(file ->
                actions.run(() -> operations.exportAuthority(file), how -> words.say("address.done.export", file, how)));
    }

    /** Trusts the installation's authority on this computer, once the admin has said yes to where it goes. */
    public void askToTrust() {
        if (dialogs.confirm(words.say("address.trust"), words.say("address.trust.confirm", operations.trustStore()),
                words.say("address.trust"))) {
            actions.run(operations::trustHere, where -> words.say("address.done.trust", where));
        }
    }

    private void change(Supplier<String> work, java.util.function.Function<String, String> done) {
        actions.run(work, url -> {
            refresh();
            certificateChoice.pfxPasswordProperty().set("");
            return done.apply(url);
        });
    }

    public ReadOnlyStringProperty linkProperty() {
        return link.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty certificateProperty() {
        return certificate.getReadOnlyProperty();
    }

    /** Three weeks before the certificate ends (or after): what to do, in a sentence; null otherwise. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return actions.resultProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return actions.busyProperty();
    }

    public ReadOnlyBooleanProperty hasAddressProperty() {
        return hasAddress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty madeHereProperty() {
        return madeHere.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasAuthorityProperty() {
        return hasAuthority.getReadOnlyProperty();
    }

    public StringProperty hostProperty() {
        return host;
    }

    /** The HTTPS port and where the certificate comes from, for the form. */
    public CertificateChoice certificate() {
        return certificateChoice;
    }
}
