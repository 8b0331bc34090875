package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.tls.CertificateCheck;
import com.adaptivestartup.console.tls.CertificateFiles;
import com.adaptivestartup.console.tls.CertificateRefused;
import com.adaptivestartup.console.tls.ServerCertificate;
import com.adaptivestartup.console.stack.WebAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The address people use and where its certificate comes from: shared by {@code install} and {@code address set}. */
final class WebAddressOptions {
    @Option(names = "--https-port", paramLabel = "PORT", defaultValue = "443", description = "The HTTPS port (default"
            + " ${DEFAULT-VALUE}); the web port then only sends people to it.")
    int httpsPort;
    @Option(names = "--certificate", paramLabel = "FILE", description = "The company's own certificate (PEM: the server's"
            + " certificate, then its intermediates). Without it (and without --pfx) this installation makes one.")
    Path certificate;
    @Option(names = "--key", paramLabel = "FILE", description = "The private key of --certificate (PEM).")
    Path key;
    @Option(names = "--pfx", paramLabel = "FILE", description = "The company's own certificate with its key as one"
            + " .pfx/.p12 file, instead of --certificate and --key.")
    Path pfx;
    @Option(names = "--pfx-password-file", paramLabel = "FILE", description = "A file holding the password of --pfx.")
    Path pfxPassword;
    @Option(names = "--acme-directory", paramLabel = "URL", description = "Have the certificate issued and renewed by"
            + " this ACME server (Let's Encrypt: https://acme-v02.api.letsencrypt.org/directory, or your step-ca), inside"
            + " the stack; the address must reach this machine's web port from it.")
    String acmeDirectory;
    @Option(names = "--acme-email", paramLabel = "EMAIL", description = "The contact the ACME server writes to.")
    String acmeEmail;
    @Option(names = "--acme-ca-root", paramLabel = "FILE", description = "The root certificate of the company's own ACME"
            + " server, when it is not publicly trusted (PEM).")
    Path acmeCaRoot;

    boolean givesOwnCertificate() {
        return certificate != null || key != null || pfx != null;
    }

    /** The address with its port and where its certificate comes from; a sentence when the host is not valid. */
    WebAddress address(String host) {
        if (acmeDirectory != null && givesOwnCertificate()) {
            throw new IllegalArgumentException("give either the company's certificate (--certificate/--pfx) or an ACME"
                    + " server (--acme-directory), not both");
        }
        if (acmeDirectory == null && (acmeEmail != null || acmeCaRoot != null)) {
            throw new IllegalArgumentException("--acme-email and --acme-ca-root go with --acme-directory");
        }
        return acmeDirectory != null
                ? new WebAddress(host, httpsPort, WebAddress.CertificateSource.ACME, new WebAddress.Acme(acmeDirectory, acmeEmail))
                : new WebAddress(host, httpsPort, givesOwnCertificate() ? WebAddress.CertificateSource.OWN
                : WebAddress.CertificateSource.LOCAL);
    }

    boolean givesAcme() {
        return acmeDirectory != null;
    }

    /** The company's ACME root (PEM, checked to be a certificate), or null when none is given. */
    String acmeCaRoot() {
        return acmeCaRoot == null ? null : com.adaptivestartup.console.tls.AcmeServer.rootFrom(acmeCaRoot);
    }

    /** The company's certificate read from the files given (checked for the address later), or null for none. */
    ServerCertificate own(CertificateCheck check) {
        if (!givesOwnCertificate()) {
            return null;
        }
        if (pfx != null && (certificate != null || key != null)) {
            throw new CertificateRefused("give either --pfx, or --certificate with --key, not both");
        }
        if (pfx == null && (certificate == null || key == null)) {
            throw new CertificateRefused("give both --certificate (the certificate file) and --key (its private key)");
        }
        String password = pfxPassword == null ? "" : read(pfxPassword).strip();
        return new CertificateFiles(pfx != null ? pfx : certificate, key, password).read(check);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CertificateRefused("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }
}
