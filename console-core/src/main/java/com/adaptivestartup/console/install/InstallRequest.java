package com.adaptivestartup.console.install;

import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.tls.ServerCertificate;
import java.nio.file.Path;

/**
 * What to install. {@code registry} overrides the license's registry address (null: the license's);
 * {@code release} is the signed release manifest's file or URL; {@code aiKey} is a Google Gemini API key for
 * the server's AI features (null: leave it as it is, which for a new install means AI off); {@code settings}
 * how the stack runs (null: as the installation had it, or the defaults for a new one); {@code certificate} the
 * company's own certificate for the settings' address (null: keep the one in place, or make one here); {@code move}
 * the data an installation brings from its other edition in place of a first admin (null: none, a first admin).
 */
public record InstallRequest(String licenseText, Path directory, String project, int httpPort, String adminEmail,
                             String registry, String release, String aiKey, StackSettings settings,
                             ServerCertificate certificate, DataMove move) {

    public InstallRequest(String licenseText, Path directory, String project, int httpPort, String adminEmail,
                          String registry, String release) {
        this(licenseText, directory, project, httpPort, adminEmail, registry, release, null, null, null, null);
    }

    public InstallRequest(String licenseText, Path directory, String project, int httpPort, String adminEmail,
                          String registry, String release, String aiKey, StackSettings settings, ServerCertificate certificate) {
        this(licenseText, directory, project, httpPort, adminEmail, registry, release, aiKey, settings, certificate, null);
    }

    /** The same request bringing this data in place of a first admin. */
    public InstallRequest withMove(DataMove data) {
        return new InstallRequest(licenseText, directory, project, httpPort, adminEmail, registry, release, aiKey, settings,
                certificate, data);
    }

    /** The same request with these stack settings. */
    public InstallRequest withSettings(StackSettings chosen) {
        return new InstallRequest(licenseText, directory, project, httpPort, adminEmail, registry, release, aiKey, chosen,
                certificate, move);
    }

    /** The same request with the company's own certificate for the address. */
    public InstallRequest withCertificate(ServerCertificate own) {
        return new InstallRequest(licenseText, directory, project, httpPort, adminEmail, registry, release, aiKey, settings,
                own, move);
    }
}
