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
 * Where to install, on which web port, and the first admin's email: sensible defaults so Next works without
 * typing, each field checked as it changes with a sentence saying what is wrong.
 */
public final class SettingsViewModel {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private final StringProperty installDir;
    private final StringProperty httpPort = new SimpleStringProperty("8080");
    private final StringProperty adminEmail = new SimpleStringProperty("admin@example.com");
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
        valid = installDirError.isNull().and(httpPortError.isNull()).and(adminEmailError.isNull());
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
