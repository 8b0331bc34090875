package com.adaptivestartup.ui;

import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.console.tls.CertificateFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The HTTPS port and where the certificate comes from, as the admin fills them in (the wizard's settings and the
 * console's Address tab hold one each; {@link CertificateFields} shows it): made here, or the company's own files.
 */
public final class CertificateChoice {
    private final StringProperty httpsPort = new SimpleStringProperty(String.valueOf(WebAddress.DEFAULT_HTTPS_PORT));
    private final ObjectProperty<WebAddress.CertificateSource> source =
            new SimpleObjectProperty<>(WebAddress.CertificateSource.LOCAL);
    private final StringProperty certificateFile = new SimpleStringProperty("");
    private final StringProperty keyFile = new SimpleStringProperty("");
    private final StringProperty pfxPassword = new SimpleStringProperty("");
    private final StringProperty acmeDirectory = new SimpleStringProperty("");
    private final StringProperty acmeEmail = new SimpleStringProperty("");
    private final StringProperty acmeRootFile = new SimpleStringProperty("");

    /** The ACME server's directory address (Let's Encrypt's, or the company's step-ca). */
    public StringProperty acmeDirectoryProperty() {
        return acmeDirectory;
    }

    public StringProperty acmeEmailProperty() {
        return acmeEmail;
    }

    /** The company's ACME server's root certificate (PEM), when it is not publicly trusted; empty: none. */
    public StringProperty acmeRootFileProperty() {
        return acmeRootFile;
    }

    /** The ACME server, when one is chosen (null otherwise); an IllegalArgumentException with a sentence when wrong. */
    public WebAddress.Acme acme() {
        return source.get() == WebAddress.CertificateSource.ACME
                ? new WebAddress.Acme(acmeDirectory.get(), acmeEmail.get()) : null;
    }

    /** The ACME root's file, or null. */
    public Path acmeRoot() {
        return source.get() == WebAddress.CertificateSource.ACME && !acmeRootFile.get().isBlank()
                ? Path.of(acmeRootFile.get().strip()) : null;
    }

    public StringProperty httpsPortProperty() {
        return httpsPort;
    }

    public ObjectProperty<WebAddress.CertificateSource> sourceProperty() {
        return source;
    }

    /** The company's certificate: a PEM file (with {@link #keyFileProperty()}) or a .pfx/.p12 (with its password). */
    public StringProperty certificateFileProperty() {
        return certificateFile;
    }

    public StringProperty keyFileProperty() {
        return keyFile;
    }

    public StringProperty pfxPasswordProperty() {
        return pfxPassword;
    }

    /** The file still to choose, as a sentence; null when none is missing (or the certificate is made here). */
    public String missingFile(ResourceBundle text) {
        if (source.get() == WebAddress.CertificateSource.ACME) {
            if (acmeDirectory.get().isBlank()) {
                return text.getString("settings.acme.missing");
            }
            try {
                acme();
                return null;
            } catch (IllegalArgumentException e) {
                return Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1) + ".";
            }
        }
        if (source.get() != WebAddress.CertificateSource.OWN) {
            return null;
        }
        if (certificateFile.get().isBlank()) {
            return text.getString("settings.certificate.choose");
        }
        boolean pfx = certificateFile.get().strip().toLowerCase(Locale.ROOT).matches(".*\\.(pfx|p12)");
        return !pfx && keyFile.get().isBlank() ? text.getString("settings.certificate.key") : null;
    }

    /** The company's files (read and checked later, off the UI thread), or null when the certificate is made here. */
    public CertificateFiles ownFiles() {
        if (source.get() != WebAddress.CertificateSource.OWN || certificateFile.get().isBlank()) {
            return null;
        }
        return new CertificateFiles(Path.of(certificateFile.get().strip()), keyFile.get().isBlank() ? null
                : Path.of(keyFile.get().strip()), pfxPassword.get());
    }
}
