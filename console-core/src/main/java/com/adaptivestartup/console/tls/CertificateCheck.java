package com.adaptivestartup.console.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Checks the company's own certificate before the stack uses it, as a browser would and in the order an admin
 * can act on: the files readable, the key the certificate's, the chain complete up to an authority, the address
 * covered, every certificate in its dates. Each failure is a {@link CertificateRefused} with one sentence and
 * the fix; nothing is written before the check passes.
 */
public final class CertificateCheck {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);
    private final Set<X509Certificate> trustedRoots;

    /** Trusting the authorities the JDK trusts (the public ones), plus a chain that ends in its own root. */
    public CertificateCheck() {
        this(jdkRoots());
    }

    CertificateCheck(Set<X509Certificate> trustedRoots) {
        this.trustedRoots = trustedRoots;
    }

    /** A certificate chain and key in PEM files' text. */
    public ServerCertificate fromPem(String chainText, String keyText) {
        return new ServerCertificate(Pem.readCertificates(chainText, "the certificate file"),
                Pem.readPrivateKey(keyText, "the key file"));
    }

    /** A .pfx/.p12 file with its password: the key and the certificates stored with it. */
    public ServerCertificate fromPkcs12(byte[] pfx, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pfx), password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (chain == null || chain.length == 0) {
                        break;
                    }
                    return new ServerCertificate(Arrays.stream(chain).map(c -> (X509Certificate) c).toList(), key);
                }
            }
            throw new CertificateRefused("the .pfx file holds no private key with its certificate; export it again with"
                    + " the private key included");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new CertificateRefused("the password of the .pfx file is not right; type the password it was"
                        + " exported with", e);
            }
            throw new CertificateRefused("the file is not a .pfx/.p12 file (" + e.getMessage() + "); export the"
                    + " certificate with its private key as PKCS#12, or give PEM files", e);
        } catch (GeneralSecurityException e) {
            throw new CertificateRefused("the .pfx file cannot be read (" + e.getMessage() + "); export it again as"
                    + " PKCS#12 with AES encryption", e);
        }
    }

    /** The certificate as it may serve {@code host} now; a {@link CertificateRefused} when it may not. */
    public ServerCertificate check(ServerCertificate candidate, String host, Instant now) {
        ServerCertificate ordered = serverFirst(candidate);
        X509Certificate leaf = ordered.leaf();
        List<X509Certificate> chain = ordered.chain();
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!signedBy(chain.get(i), chain.get(i + 1).getPublicKey())) {
                throw new CertificateRefused("the certificates in the file are not a chain: " + name(chain.get(i))
                        + " was not issued by " + name(chain.get(i + 1)) + "; put the server's certificate first, then"
                        + " each certificate that issued the one before it");
            }
        }
        X509Certificate last = chain.get(chain.size() - 1);
        if (!selfSigned(last) && trustedRoots.stream().noneMatch(root -> issuedBy(last, root))) {
            throw new CertificateRefused("the chain stops at " + name(last) + " without the certificate of "
                    + ServerCertificate.commonName(last.getIssuerX500Principal().getName()) + " that issued it: add the"
                    + " intermediate certificate(s) your certificate authority gave you after the server's certificate"
                    + " (often the 'full chain' or 'bundle' file)");
        }
        if (!ServerCertificate.names(leaf).isEmpty() && !ordered.covers(host)) {
            throw new CertificateRefused("the certificate is for " + String.join(", ", ServerCertificate.names(leaf))
                    + ", not for " + host + "; use a certificate issued for " + host + ", or choose one of those names as"
                    + " the address");
        }
        if (ServerCertificate.names(leaf).isEmpty()) {
            throw new CertificateRefused("the certificate names no host (no subject alternative names), which browsers"
                    + " require; ask your certificate authority for one issued for " + host);
        }
        for (X509Certificate c : chain) {
            if (c.getNotAfter().toInstant().isBefore(now)) {
                throw new CertificateRefused((c == leaf ? "the certificate" : "the certificate of " + name(c) + " in the chain")
                        + " expired on " + DAY.format(c.getNotAfter().toInstant()) + "; renew it with your certificate"
                        + " authority and give the new one");
            }
            if (c.getNotBefore().toInstant().isAfter(now)) {
                throw new CertificateRefused((c == leaf ? "the certificate" : "the certificate of " + name(c))
                        + " is valid only from " + DAY.format(c.getNotBefore().toInstant()) + "; check this computer's"
                        + " date and time, or wait until then");
            }
        }
        try {
            List<String> uses = leaf.getExtendedKeyUsage();
            if (uses != null && !uses.contains("1.3.6.1.5.5.7.3.1") && !uses.contains("2.5.29.37.0")) {
                throw new CertificateRefused("the certificate is not for web servers (its extended key usage lacks"
                        + " 'TLS Web Server Authentication'); ask for a server certificate");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new CertificateRefused("the certificate's key usage cannot be read; ask for a server certificate", e);
        }
        return ordered;
    }

    /** The chain with the certificate of the key first; refused when no certificate in the file is the key's. */
    private static ServerCertificate serverFirst(ServerCertificate c) {
        List<X509Certificate> chain = new ArrayList<>(c.chain());
        for (int i = 0; i < chain.size(); i++) {
            if (matches(c.key(), chain.get(i).getPublicKey())) {
                if (i > 0) {
                    chain.add(0, chain.remove(i));
                }
                return new ServerCertificate(chain, c.key());
            }
        }
        throw new CertificateRefused("the key does not belong to the certificate (" + name(chain.get(0)) + "); give the"
                + " key that was made with this certificate's request, or the certificate that was issued for this key");
    }

    static boolean matches(PrivateKey key, PublicKey pub) {
        if (!key.getAlgorithm().equals(pub.getAlgorithm()) && !(key.getAlgorithm().startsWith("EC") && pub.getAlgorithm().startsWith("EC"))) {
            return false;
        }
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (alg == null) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean signedBy(X509Certificate c, PublicKey issuerKey) {
        try {
            c.verify(issuerKey);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean selfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, c.getPublicKey());
    }

    private static boolean issuedBy(X509Certificate c, X509Certificate root) {
        return c.getIssuerX500Principal().equals(root.getSubjectX500Principal()) && signedBy(c, root.getPublicKey());
    }

    private static String name(X509Certificate c) {
        return "'" + ServerCertificate.commonName(c.getSubjectX500Principal().getName()) + "'";
    }

    private static Set<X509Certificate> jdkRoots() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            return Arrays.stream(f.getTrustManagers()).filter(t -> t instanceof X509TrustManager)
                    .flatMap(t -> Arrays.stream(((X509TrustManager) t).getAcceptedIssuers())).collect(Collectors.toSet());
        } catch (GeneralSecurityException e) {
            return Set.of();
        }
    }
}
