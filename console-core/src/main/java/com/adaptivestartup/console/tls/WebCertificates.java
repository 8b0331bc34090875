package com.adaptivestartup.console.tls;

import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.console.stack.InstallDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The web service's certificate in an install folder: put in place for the address at every install, update and
 * address change (the company's own, checked; or one this installation's authority issues, renewed when it has
 * less than 30 days left), read back for the console to show, and emptied when the installation has no address.
 */
public final class WebCertificates {
    /** A certificate made here is issued again when it has fewer days left than this. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** The console warns this many days before a certificate ends. */
    public static final Duration WARN_BEFORE = Duration.ofDays(21);
    static final String CA_CERTIFICATE = "local_ca_certificate";
    static final String CA_KEY = "local_ca_key";
    private final CertificateCheck check;

    /** The name of an installation's authority: its project and this computer, as people see it in trust stores. */
    public static String authorityLabel(String project) {
        try {
            return project + " on " + java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return project;
        }
    }

    public WebCertificates(CertificateCheck check) {
        this.check = check;
    }

    /**
     * Puts the certificate for {@code web} in place and returns it (null when {@code web} is null: the files are
     * emptied, the stack serves plain HTTP). {@code own} is the company's certificate, already checked, or null to
     * keep the one installed (for a certificate made here: to keep or renew it).
     */
    public ServerCertificate provide(InstallDirectory dir, WebAddress web, ServerCertificate own, String project, Instant now) {
        if (web == null) {
            // nothing written when there is nothing to empty: a first install's folder is made by its files step
            if (installed(dir).isPresent()) {
                dir.shareSecret(InstallDirectory.TLS_CERTIFICATE, "");
                dir.shareSecret(InstallDirectory.TLS_KEY, "");
            }
            return null;
        }
        if (web.source() == WebAddress.CertificateSource.ACME) {
            // the stack's own ACME client keeps it (acme-data); the ACME server is checked before anything changes
            AcmeServer.check(web.acme(), dir.optionalSecret(InstallDirectory.ACME_CA_ROOT).orElse(null));
            dir.shareSecret(InstallDirectory.TLS_CERTIFICATE, "");
            dir.shareSecret(InstallDirectory.TLS_KEY, "");
            return null;
        }
        if (own != null) {
            return put(dir, check.check(own, web.host(), now));
        }
        Optional<ServerCertificate> current = installed(dir);
        if (web.source() == WebAddress.CertificateSource.OWN) {
            ServerCertificate c = current.orElseThrow(() -> new CertificateRefused("there is no certificate of the"
                    + " company's own for " + web.host() + " yet; give its certificate and key (or a .pfx file)"));
            return check.check(c, web.host(), now);
        }
        LocalAuthority authority = authority(dir, project, now);
        if (current.isPresent() && authority.issued(current.get()) && current.get().covers(web.host())
                && current.get().notAfter().isAfter(now.plus(RENEW_BEFORE))) {
            return current.get();
        }
        return put(dir, authority.issue(web, now));
    }

    /** A new certificate from this installation's authority, whatever the one in place (Renew now). */
    public ServerCertificate renewLocal(InstallDirectory dir, WebAddress web, String project, Instant now) {
        if (web.source() != WebAddress.CertificateSource.LOCAL) {
            throw new CertificateRefused("the certificate for " + web.host() + " is the company's own: renew it with"
                    + " your certificate authority, then replace it here");
        }
        return put(dir, authority(dir, project, now).issue(web, now));
    }

    /** The certificate the stack has, if any. */
    public Optional<ServerCertificate> installed(InstallDirectory dir) {
        Optional<String> chain = dir.optionalSecret(InstallDirectory.TLS_CERTIFICATE);
        Optional<String> key = dir.optionalSecret(InstallDirectory.TLS_KEY);
        if (chain.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ServerCertificate.read(chain.get(), key.get()));
    }

    /** This installation's authority, made the first time it is needed. */
    public LocalAuthority authority(InstallDirectory dir, String project, Instant now) {
        Optional<String> cert = dir.optionalSecret(CA_CERTIFICATE);
        Optional<String> key = dir.optionalSecret(CA_KEY);
        if (cert.isPresent() && key.isPresent()) {
            return LocalAuthority.read(cert.get(), key.get());
        }
        LocalAuthority made = LocalAuthority.create(authorityLabel(project), now);
        dir.keepPrivately(CA_KEY, made.keyPem());
        dir.shareSecret(CA_CERTIFICATE, made.certificatePem());
        return made;
    }

    /** The authority's certificate, when this installation has made one. */
    public Optional<String> authorityCertificate(InstallDirectory dir) {
        return dir.optionalSecret(CA_CERTIFICATE);
    }

    private static ServerCertificate put(InstallDirectory dir, ServerCertificate c) {
        // the key first: a chain without its key in place would not start, a key without its chain is not read
        dir.shareSecret(InstallDirectory.TLS_KEY, c.keyPem());
        dir.shareSecret(InstallDirectory.TLS_CERTIFICATE, c.chainPem());
        return c;
    }
}
