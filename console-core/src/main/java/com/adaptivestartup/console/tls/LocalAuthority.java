package com.adaptivestartup.console.tls;

import com.adaptivestartup.console.stack.WebAddress;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * This installation's own certificate authority, like mkcert's: made once, its private key kept owner-only with
 * the installation's secrets (never mounted into a container, carried by backups so a restore onto a new machine
 * keeps it), and its certificate exported for people's computers to trust. It issues the web service's
 * certificate for the address: ECDSA P-256, 397 days (within what Apple and Chrome accept), server use only.
 */
public final class LocalAuthority {
    /** How long a server certificate issued here is valid; the console renews it 30 days before the end. */
    public static final Duration SERVER_LIFETIME = Duration.ofDays(397);
    private static final Duration AUTHORITY_LIFETIME = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ServerCertificate authority;

    private LocalAuthority(ServerCertificate authority) {
        this.authority = authority;
    }

    /** The authority kept as these two PEM texts. */
    public static LocalAuthority read(String certificatePem, String keyPem) {
        return new LocalAuthority(new ServerCertificate(Pem.readCertificates(certificatePem, "the local authority's"
                + " certificate"), Pem.readPrivateKey(keyPem, "the local authority's key")));
    }

    /** A new authority named for this installation (such as "acme-adaptive on build-01"). */
    public static LocalAuthority create(String label, Instant now) {
        KeyPair pair = ecKeyPair();
        X500Name name = new X500Name("CN=Adaptive Startup local authority (" + label.replaceAll("[,=+<>#;\"\\\\]", " ")
                + "),O=Adaptive Startup self-hosted");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(AUTHORITY_LIFETIME)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new LocalAuthority(new ServerCertificate(List.of(sign(b, pair)), pair.getPrivate()));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make a certificate authority: " + e.getMessage(), e);
        }
    }

    public String certificatePem() {
        return authority.chainPem();
    }

    public String keyPem() {
        return authority.keyPem();
    }

    public X509Certificate certificate() {
        return authority.leaf();
    }

    public String name() {
        return ServerCertificate.commonName(authority.leaf().getSubjectX500Principal().getName());
    }

    /** Whether this authority issued the certificate. */
    public boolean issued(ServerCertificate c) {
        try {
            c.leaf().verify(authority.leaf().getPublicKey());
            return c.leaf().getIssuerX500Principal().equals(authority.leaf().getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A server certificate for the address, valid from now, with this authority's certificate after it. */
    public ServerCertificate issue(WebAddress address, Instant now) {
        KeyPair pair = ecKeyPair();
        X509Certificate ca = authority.leaf();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            GeneralName san = address.isIpAddress() ? new GeneralName(GeneralName.iPAddress, address.host())
                    : new GeneralName(GeneralName.dNSName, address.host());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.getSubjectX500Principal()
                    .getEncoded()), serial(), Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_LIFETIME)),
                    new X500Name("CN=" + address.host()), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(authority.key())));
            return new ServerCertificate(List.of(leaf, ca), pair.getPrivate());
        } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair pair) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
