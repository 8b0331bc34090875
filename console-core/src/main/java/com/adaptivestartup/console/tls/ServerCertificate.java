package com.adaptivestartup.console.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The certificate the web service presents (first) with the certificates that issued it, and its private key:
 * what goes into the stack as the {@code tls_certificate} and {@code tls_key} secrets.
 */
public record ServerCertificate(List<X509Certificate> chain, PrivateKey key) {
    public ServerCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the server's certificate");
        }
    }

    /** Reads what the stack has (the two secrets' text). */
    public static ServerCertificate read(String chainPem, String keyPem) {
        return new ServerCertificate(Pem.readCertificates(chainPem, "the installed certificate"),
                Pem.readPrivateKey(keyPem, "the installed key"));
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public String chainPem() {
        return Pem.certificates(chain);
    }

    public String keyPem() {
        return Pem.privateKey(key);
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    public long daysLeft(Instant now) {
        return Duration.between(now, notAfter()).toDays();
    }

    /** The certificate's serial number in hexadecimal, as browsers and openssl show it. */
    public String serial() {
        return leaf().getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    /** SHA-256 of the server certificate, which changes whenever the certificate does. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host names and addresses the certificate is for (its subject alternative names). */
    public List<String> names() {
        return names(leaf());
    }

    public String issuer() {
        return commonName(leaf().getIssuerX500Principal().getName());
    }

    /** Whether browsers accept the certificate for this host: a name (or a one-label wildcard) or an IP address. */
    public boolean covers(String host) {
        for (String name : names()) {
            if (name.equalsIgnoreCase(host)) {
                return true;
            }
            if (name.startsWith("*.") && host.indexOf('.') > 0
                    && host.substring(host.indexOf('.') + 1).equalsIgnoreCase(name.substring(2))) {
                return true;
            }
        }
        return false;
    }

    /** The host names and addresses a certificate is for. */
    public static List<String> namesOf(X509Certificate c) {
        return names(c);
    }

    /** Who issued a certificate, by its common name. */
    public static String issuerOf(X509Certificate c) {
        return commonName(c.getIssuerX500Principal().getName());
    }

    static List<String> names(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                for (List<?> san : c.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) {   // dNSName, iPAddress
                        out.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no names then
        }
        return out;
    }

    static String commonName(String dn) {
        for (String part : dn.split(",")) {
            if (part.strip().startsWith("CN=")) {
                return part.strip().substring(3);
            }
        }
        return dn;
    }
}
