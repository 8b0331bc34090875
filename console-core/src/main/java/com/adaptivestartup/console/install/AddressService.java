package com.adaptivestartup.console.install;

import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.tls.AcmeServer;
import com.adaptivestartup.console.tls.CertificateCheck;
import com.adaptivestartup.console.tls.CertificateRefused;
import com.adaptivestartup.console.tls.ServerCertificate;
import com.adaptivestartup.console.tls.TrustInstructions;
import com.adaptivestartup.console.tls.WebCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The address people use and its certificate, for an installed stack: shown (with the days the certificate has
 * left and a warning three weeks before its end), set or changed (the stack converged onto it), cleared (back to
 * plain HTTP), renewed (a certificate made here), and this installation's authority exported for people's
 * computers to trust. Every input is checked before anything changes; a change is an install of the version in
 * place with the new settings, so it converges the way installs and updates do.
 */
public final class AddressService {
    private final Installations installations;
    private final SettingsChange change;
    private final WebCertificates certificates;
    private final CertificateCheck check;
    private final Clock clock;

    public AddressService(Installations installations, InstallService installs, WebCertificates certificates,
                          CertificateCheck check, Clock clock) {
        this.installations = installations;
        this.change = new SettingsChange(installations, installs);
        this.certificates = certificates;
        this.check = check;
        this.clock = clock;
    }

    /** The certificate as the console shows it. */
    public record CertificateView(String source, List<String> names, String issuer, Instant notAfter, long daysLeft,
                                  String serial, String warning) {
    }

    /**
     * The address people use (null: none yet), the link to the app, and the certificate (null: plain HTTP);
     * {@code waitingForUpdate}: the version installed (before 1.2.0, as after a rollback) serves plain HTTP, and
     * the address and its certificate are kept for the next update.
     */
    public record AddressView(String project, String url, WebAddress address, CertificateView certificate,
                              boolean hasLocalAuthority, boolean waitingForUpdate) {
    }

    public AddressView show(String project) {
        Installations.Installation inst = installation(project);
        InstallDirectory dir = new InstallDirectory(inst.directory());
        WebAddress web = StackSettings.fromJson(inst.settingsJson()).web();
        boolean authority = certificates.authorityCertificate(dir).isPresent();
        String plain = "http://localhost:" + inst.httpPort() + "/";
        if (web == null) {
            return new AddressView(project, plain, null, null, authority, false);
        }
        CertificateView view = web.source() == WebAddress.CertificateSource.ACME
                ? AcmeServer.served(web.host(), web.httpsPort(), dir.optionalSecret(InstallDirectory.ACME_CA_ROOT).orElse(null))
                        .map(c -> view(web, c)).orElse(null)
                : certificates.installed(dir).map(c -> view(web, c.leaf())).orElse(null);
        boolean waiting = StackSettings.fromJson(inst.settingsJson()).supportedBy(dir.composeTemplate()).web() == null;
        return new AddressView(project, waiting ? plain : web.url(), web, view, authority, waiting);
    }

    private CertificateView view(WebAddress web, java.security.cert.X509Certificate c) {
        Instant now = clock.instant();
        Instant end = c.getNotAfter().toInstant();
        long days = java.time.Duration.between(now, end).toDays();
        String warning = null;
        if (end.isBefore(now)) {
            warning = "the certificate for " + web.host() + " has expired: browsers refuse the app; " + fix(web);
        } else if (end.isBefore(now.plus(WebCertificates.WARN_BEFORE))) {
            warning = "the certificate for " + web.host() + " ends in " + days + " days; " + fix(web);
        }
        return new CertificateView(web.source().words(), ServerCertificate.namesOf(c), ServerCertificate.issuerOf(c), end,
                days, c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT), warning);
    }

    private static String fix(WebAddress web) {
        return switch (web.source()) {
            case LOCAL -> "renew it now (Renew now, or `adaptivectl address renew`)";
            case OWN -> "replace it with the renewed one from your certificate authority (Replace certificate)";
            case ACME -> "the stack renews it 30 days before its end and could not: the backend's log says why"
                    + " (adaptivectl logs backend)";
        };
    }

    /**
     * Sets the address (and, for {@code own}, the company's certificate, read from PEM or .pfx with
     * {@link CertificateCheck}) and converges the stack onto it. Refused before any change when the certificate
     * does not fit the address or a port is taken.
     */
    public InstallResult set(String project, WebAddress web, ServerCertificate own, InstallListener listener) {
        return set(project, web, own, null, listener);
    }

    /** The same with the root certificate of the company's own ACME server (null: none, or keep the one given). */
    public InstallResult set(String project, WebAddress web, ServerCertificate own, String acmeCaRoot,
                             InstallListener listener) {
        Installations.Installation inst = installation(project);
        if (acmeCaRoot != null) {
            new InstallDirectory(inst.directory()).shareSecret(InstallDirectory.ACME_CA_ROOT, acmeCaRoot);
        }
        if (own != null) {
            own = check.check(own, web.host(), clock.instant());
        } else if (web.source() == WebAddress.CertificateSource.OWN
                && certificates.installed(new InstallDirectory(inst.directory())).isEmpty()) {
            throw new CertificateRefused("give the company's certificate and key for " + web.host() + " (PEM files, or"
                    + " a .pfx/.p12 file with its password)");
        }
        return converge(inst, settings(inst).withWeb(web), own, listener);
    }

    /** No address: the app over plain HTTP on the web port again. */
    public InstallResult clear(String project, InstallListener listener) {
        Installations.Installation inst = installation(project);
        return converge(inst, settings(inst).withWeb(null), null, listener);
    }

    /** A new certificate from this installation's authority, and the web service restarted onto it. */
    public InstallResult renew(String project, InstallListener listener) {
        Installations.Installation inst = installation(project);
        WebAddress web = settings(inst).web();
        if (web == null) {
            throw new CertificateRefused("this installation has no address yet, so no certificate to renew; set one with"
                    + " `adaptivectl address set`");
        }
        certificates.renewLocal(new InstallDirectory(inst.directory()), web, project, clock.instant());
        return converge(inst, settings(inst), null, listener);
    }

    /** Writes this installation's authority certificate (a .crt for macOS and Windows) and returns how to trust it. */
    public String exportAuthority(String project, Path file) {
        Installations.Installation inst = installation(project);
        String pem = certificates.authorityCertificate(new InstallDirectory(inst.directory())).orElseThrow(() ->
                new CertificateRefused("this installation has made no certificate authority yet (its certificate is the"
                        + " company's own, or it has no address)"));
        try {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new CertificateRefused("cannot write " + file + ": " + e.getMessage(), e);
        }
        return TrustInstructions.FOR_PEOPLE;
    }

    private InstallResult converge(Installations.Installation inst, StackSettings settings, ServerCertificate own,
                                   InstallListener listener) {
        try {
            return change.converge(inst, settings, own, listener);
        } catch (IllegalArgumentException e) {
            throw new CertificateRefused(e.getMessage());
        }
    }

    private static StackSettings settings(Installations.Installation inst) {
        return StackSettings.fromJson(inst.settingsJson());
    }

    private Installations.Installation installation(String project) {
        return installations.find(project).orElseThrow(() -> new CertificateRefused("there is no installation '" + project
                + "' on this machine (see `adaptivectl status`)"));
    }
}
