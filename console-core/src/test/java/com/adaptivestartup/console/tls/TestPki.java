package com.adaptivestartup.console.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A company's certificate authorities as a test makes them: a root, an intermediate, and server certificates. */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A certificate with the key it is for. */
    record Issued(X509Certificate certificate, KeyPair keys) {
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static Issued root(String name) throws Exception {
        KeyPair keys = rsa();
        return new Issued(build(name, name, keys, keys, true, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(86400 * 30), null, false), keys);
    }

    static Issued intermediate(String name, Issued issuer) throws Exception {
        KeyPair keys = rsa();
        return new Issued(build(name, cn(issuer), keys, issuer.keys(), true, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(86400 * 20), null, false), keys);
    }

    static Issued server(Issued issuer, Instant from, Instant until, String... names) throws Exception {
        KeyPair keys = rsa();
        return new Issued(build(names.length == 0 ? "no names" : names[0], cn(issuer), keys, issuer.keys(), false, from,
                until, names, true), keys);
    }

    static Issued server(Issued issuer, String... names) throws Exception {
        return server(issuer, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86400 * 10), names);
    }

    private static String cn(Issued issued) {
        return ServerCertificate.commonName(issued.certificate().getSubjectX500Principal().getName());
    }

    private static X509Certificate build(String subject, String issuer, KeyPair subjectKeys, KeyPair issuerKeys, boolean ca,
                                         Instant from, Instant until, String[] names, boolean server) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(until), new X500Name("CN=" + subject),
                subjectKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (names != null && names.length > 0) {
            GeneralName[] san = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                san[i] = new GeneralName(names[i].matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
        }
        if (server) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }
}
