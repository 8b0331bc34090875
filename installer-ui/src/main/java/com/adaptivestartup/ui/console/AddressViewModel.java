package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.install.AddressService;
import com.adaptivestartup.console.tls.CertificateFiles;
import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.ui.Background;
import com.adaptivestartup.ui.Sentences;
import com.adaptivestartup.ui.CertificateChoice;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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
 */
public final class AddressViewModel {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private final AddressOperations operations;
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
    private final ResourceBundle text;

    public AddressViewModel(AddressOperations operations, Background background, ZoneId zone, ResourceBundle text) {
        this.text = text;
        this.operations = operations;
        this.background = background;
        this.actions = new ActionResult(background);
        this.zone = zone;
    }

    public void refresh() {
        background.run(operations::current, this::show, e -> actions.say(e.getMessage()));
    }

    private void show(AddressService.AddressView v) {
        link.set(v.url());
        hasAddress.set(v.address() != null);
        hasAuthority.set(v.hasLocalAuthority());
        if (v.address() == null) {
            summary.set("No address yet: the app is served over plain HTTP, on this computer's web port only. Set the"
                    + " address your colleagues will use to serve it over HTTPS.");
            certificate.set(null);
            warning.set(null);
            madeHere.set(false);
            return;
        }
        madeHere.set(v.address().source() == WebAddress.CertificateSource.LOCAL);
        summary.set(v.waitingForUpdate() ? "The address " + v.address().host() + " is kept for the next update: the"
                + " version installed serves plain HTTP only, at " + v.url() + "."
                : "People use " + v.url() + " (HTTPS port " + v.address().httpsPort() + "); the web port sends them there.");
        if (host.get().isBlank()) {
            host.set(v.address().host());
            certificateChoice.httpsPortProperty().set(String.valueOf(v.address().httpsPort()));
            certificateChoice.sourceProperty().set(v.address().source());
        }
        var c = v.certificate();
        if (c == null) {
            certificate.set("No certificate is in place; set the address again.");
            warning.set(null);
            return;
        }
        certificate.set("Certificate: " + c.source() + ", for " + String.join(", ", c.names()) + ", issued by " + c.issuer()
                + ". Valid until " + DAY.format(c.notAfter().atZone(zone)) + " (" + c.daysLeft() + " days).");
        warning.set(c.warning() == null ? null : Character.toUpperCase(c.warning().charAt(0)) + c.warning().substring(1) + ".");
    }

    /** Sets or changes the address (and, for the company's own certificate, replaces it). */
    public void apply() {
        WebAddress address;
        try {
            address = new WebAddress(host.get(), Integer.parseInt(certificateChoice.httpsPortProperty().get().strip()),
                    certificateChoice.sourceProperty().get(), certificateChoice.acme());
        } catch (NumberFormatException e) {
            actions.say("The HTTPS port is a number, for example 443.");
            return;
        } catch (IllegalArgumentException e) {
            actions.say(Sentences.of(e.getMessage()));
            return;
        }
        String missing = certificateChoice.missingFile(text);
        if (missing != null) {
            actions.say(missing);
            return;
        }
        CertificateFiles files = certificateChoice.ownFiles();
        Path acmeRoot = certificateChoice.acmeRoot();
        change(() -> operations.set(address, files, acmeRoot), url -> "The app is now served at " + url + ".");
    }

    public void clear() {
        change(operations::clear, url -> "The app is served over plain HTTP again, at " + url + ".");
    }

    public void renew() {
        change(operations::renew, url -> "A new certificate is in place; the app is at " + url + ".");
    }

    public void exportAuthority(Path file) {
        actions.run(() -> operations.exportAuthority(file), how -> "Saved " + file + ". " + how);
    }

    /** Where trusting on this computer puts the authority, for the question the view asks first. */
    public String trustStore() {
        return operations.trustStore();
    }

    public void trustHere() {
        actions.run(operations::trustHere, where -> "Added to " + where + ". Restart your browser.");
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
