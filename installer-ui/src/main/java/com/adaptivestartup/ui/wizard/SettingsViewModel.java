package com.adaptivestartup.ui.wizard;

import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Where to install, on which web port, the first admin's email, optionally an AI key, and optionally an
 * offline bundle to install from (for a machine that cannot reach the registry): sensible defaults so Next works without typing, each
 * field checked as it changes with a sentence saying what is wrong.
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
        valid = installDirError.isNull().and(httpPortError.isNull()).and(adminEmailError.isNull()).and(bundleFileError.isNull());
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
