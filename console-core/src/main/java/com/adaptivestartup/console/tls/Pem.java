package com.adaptivestartup.console.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Certificates and keys as PEM text, the form nginx reads and certificate authorities hand out. */
final class Pem {
    private Pem() {
    }

    static String certificates(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : chain) {
            try {
                out.append(block("CERTIFICATE", c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Every certificate in the text, in its order; a sentence when there is none or one is damaged. */
    static List<X509Certificate> readCertificates(String text, String what) {
        if (text == null || !text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new CertificateRefused(what + " holds no certificate in PEM form (text starting with -----BEGIN"
                    + " CERTIFICATE-----); give the .crt or .pem file your certificate authority sent, or a .pfx/.p12 file");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new CertificateRefused(what + " has a damaged certificate (" + e.getMessage() + "); export it again"
                    + " from where it came from", e);
        }
    }

    /** The private key in the text (PKCS#8, or the older RSA and EC forms); a sentence when it cannot be read. */
    static PrivateKey readPrivateKey(String text, String what) {
        try (PEMParser parser = new PEMParser(new StringReader(text == null ? "" : text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof org.bouncycastle.openssl.PEMEncryptedKeyPair) {
                    throw new CertificateRefused(what + " is protected by a password; give the key without one (openssl pkey"
                            + " -in key.pem -out key-open.pem), or a .pfx/.p12 file with its password");
                }
            }
        } catch (IOException e) {
            throw new CertificateRefused(what + " is not a readable private key (" + e.getMessage() + ")", e);
        }
        throw new CertificateRefused(what + " holds no private key in PEM form (text starting with -----BEGIN PRIVATE"
                + " KEY-----); give the key that was made with the certificate's request");
    }
}
