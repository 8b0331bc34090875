package com.adaptivestartup.ui.wizard;

import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.stack.Edition;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.tls.CertificateFiles;
import com.adaptivestartup.ui.CertificateChoice;
import com.adaptivestartup.console.stack.WebAddress;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.beans.property.StringProperty;

/**
 * Where to install, on which web port, the first admin's email, optionally an AI key, optionally an offline
 * bundle to install from (for a machine that cannot reach the registry), and optionally the address people will
 * use with its HTTPS port and certificate (made here, or the company's own files): sensible defaults so Next works
 * without typing, each field checked as it changes with a sentence saying what is wrong.
 */
public final class SettingsViewModel {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private final StringProperty installDir;
    private final StringProperty httpPort = new SimpleStringProperty("8080");
    private final StringProperty adminEmail = new SimpleStringProperty("admin@example.com");
    private final StringProperty bundleFile = new SimpleStringProperty("");
    private final StringProperty aiKey = new SimpleStringProperty("");
    private final StringBinding bundleFileError;
    private final StringBinding installDirError;
    private final StringBinding httpPortError;
    private final StringBinding adminEmailError;
    private final StringProperty address = new SimpleStringProperty("");
    private final javafx.beans.property.ObjectProperty<Edition> edition =
            new javafx.beans.property.SimpleObjectProperty<>(Edition.FULL);
    private final StringBinding editionError;
    private final ObservableList<String> addressSuggestions = FXCollections.observableArrayList();
    private final CertificateChoice certificate = new CertificateChoice();
    private final StringBinding addressError;
    private final StringBinding httpsPortError;
    private final StringBinding certificateError;
    private final BooleanBinding valid;

    public SettingsViewModel(Path defaultInstallDir, ResourceBundle text) {
        installDir = new SimpleStringProperty(defaultInstallDir.toString());
        installDirError = Bindings.createStringBinding(() -> {
            String d = installDir.get().strip();
            return d.isEmpty() ? text.getString("settings.dir.empty")
                    : !Path.of(d).isAbsolute() ? text.getString("settings.dir.relative") : null;
        }, installDir);
        httpPortError = Bindings.createStringBinding(() -> {
            try {
                int p = Integer.parseInt(httpPort.get().strip());
                return p >= 1 && p <= 65535 ? null : text.getString("settings.port.range");
            } catch (NumberFormatException e) {
                return text.getString("settings.port.number");
            }
        }, httpPort);
        adminEmailError = Bindings.createStringBinding(() -> EMAIL.matcher(adminEmail.get().strip()).matches() ? null
                : text.getString("settings.email.invalid"), adminEmail);
        bundleFileError = Bindings.createStringBinding(() -> {
            String f = bundleFile.get().strip();
            return f.isEmpty() || java.nio.file.Files.isRegularFile(Path.of(f)) ? null : text.getString("settings.bundle.missing");
        }, bundleFile);
        addressError = Bindings.createStringBinding(() -> {
            if (address.get().isBlank()) {
                return null;
            }
            try {
                WebAddress.checkedHost(address.get());
                return null;
            } catch (IllegalArgumentException e) {
                return new com.adaptivestartup.ui.Texts(text).sentence(e.getMessage());
            }
        }, address);
        httpsPortError = Bindings.createStringBinding(() -> {
            if (address.get().isBlank()) {
                return null;
            }
            try {
                int p = Integer.parseInt(certificate.httpsPortProperty().get().strip());
                return p < 1 || p > 65535 ? text.getString("settings.port.range")
                        : httpPort.get().strip().equals(String.valueOf(p)) ? text.getString("settings.https.same") : null;
            } catch (NumberFormatException e) {
                return text.getString("settings.port.number");
            }
        }, address, certificate.httpsPortProperty(), httpPort);
        certificateError = Bindings.createStringBinding(() -> address.get().isBlank() ? null : certificate.missingFile(text),
                address, certificate.sourceProperty(), certificate.certificateFileProperty(), certificate.keyFileProperty(),
                certificate.acmeDirectoryProperty(), certificate.acmeEmailProperty());
        editionError = Bindings.createStringBinding(() -> edition.get() == Edition.SINGLE && !address.get().isBlank()
                ? text.getString("settings.edition.single.https") : null, edition, address);
        valid = editionError.isNull().and(installDirError.isNull()).and(httpPortError.isNull()).and(adminEmailError.isNull()).and(bundleFileError.isNull())
                .and(addressError.isNull()).and(httpsPortError.isNull()).and(certificateError.isNull());
    }

    /** The full stack (the default) or the small business's one container. */
    public javafx.beans.property.ObjectProperty<Edition> editionProperty() {
        return edition;
    }

    /** Why the edition cannot be installed with these settings (one container serves no address over HTTPS), or null. */
    public StringBinding editionError() {
        return editionError;
    }

    /** The address people will use; empty: none (the app on this computer over plain HTTP). */
    public StringProperty addressProperty() {
        return address;
    }

    /** This machine's names and addresses, offered for the address (filled in the background). */
    public ObservableList<String> addressSuggestions() {
        return addressSuggestions;
    }

    /** The HTTPS port and where the certificate comes from. */
    public CertificateChoice certificate() {
        return certificate;
    }

    public StringBinding addressError() {
        return addressError;
    }

    public StringBinding httpsPortError() {
        return httpsPortError;
    }

    public StringBinding certificateError() {
        return certificateError;
    }

    /** The address with its port and certificate source, or null for none. Only when valid. */
    public WebAddress web() {
        return address.get().isBlank() ? null
                : new WebAddress(address.get(), Integer.parseInt(certificate.httpsPortProperty().get().strip()),
                certificate.sourceProperty().get(), certificate.acme());
    }

    /** The company's certificate files (read and checked during the install, off this thread), or null. */
    public CertificateFiles ownCertificate() {
        return web() == null ? null : certificate.ownFiles();
    }

    /**
     * What to install with these settings (the company's certificate files are read during the install, off the UI
     * thread: see {@link #ownCertificate()}); no address keeps what an installation had.
     */
    public InstallRequest request(String licenseKey, String project, String release) {
        boolean chosen = web() != null || edition.get() != Edition.FULL;
        return new InstallRequest(licenseKey, installDir(), project, port(), email(), null, release, aiKey(),
                chosen ? StackSettings.DEFAULTS.withEdition(edition.get()).withWeb(web()) : null, null);
    }

    public StringProperty installDirProperty() {
        return installDir;
    }

    public StringProperty httpPortProperty() {
        return httpPort;
    }

    public StringProperty adminEmailProperty() {
        return adminEmail;
    }

    /** Optional: a Google Gemini API key for the app's AI features (empty: AI off). */
    public StringProperty aiKeyProperty() {
        return aiKey;
    }

    public String aiKey() {
        String k = aiKey.get().strip();
        return k.isEmpty() ? null : k;
    }

    public StringProperty bundleFileProperty() {
        return bundleFile;
    }

    public StringBinding bundleFileError() {
        return bundleFileError;
    }

    /** The offline bundle to install from, or null to install from the registry. */
    public Path bundle() {
        String f = bundleFile.get().strip();
        return f.isEmpty() ? null : Path.of(f);
    }

    public StringBinding installDirError() {
        return installDirError;
    }

    public StringBinding httpPortError() {
        return httpPortError;
    }

    public StringBinding adminEmailError() {
        return adminEmailError;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public Path installDir() {
        return Path.of(installDir.get().strip());
    }

    public int port() {
        return Integer.parseInt(httpPort.get().strip());
    }

    public String email() {
        return adminEmail.get().strip();
    }
}
