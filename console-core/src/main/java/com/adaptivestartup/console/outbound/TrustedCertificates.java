package com.adaptivestartup.console.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities the console trusts for its own HTTPS: the JDK's, plus those in a PEM bundle the admin
 * names (a company's TLS-inspecting proxy re-signs every site with its own CA). A server is trusted when either set
 * vouches for it.
 */
public final class TrustedCertificates {
    private final X509TrustManager trust;
    private final SSLContext context;
    private final int extra;

    private TrustedCertificates(X509TrustManager trust, int extra) {
        this.trust = trust;
        this.extra = extra;
        try {
            this.context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle that cannot be used; the message says why in words. */
    public static final class BadBundle extends RuntimeException {
        BadBundle(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The JDK's authorities alone. */
    public static TrustedCertificates jdk() {
        return new TrustedCertificates(jdkTrust(), 0);
    }

    /** The JDK's authorities and every certificate in {@code pemBundle}. */
    public static TrustedCertificates withBundle(Path pemBundle) {
        List<X509Certificate> certs = read(pemBundle);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certs.size(); i++) {
                store.setCertificateEntry("extra-" + i, certs.get(i));
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            X509TrustManager added = (X509TrustManager) f.getTrustManagers()[0];
            return new TrustedCertificates(new Either(jdkTrust(), added), certs.size());
        } catch (GeneralSecurityException | IOException e) {
            throw new BadBundle("the CA bundle " + pemBundle + " cannot be used: " + e.getMessage(), e);
        }
    }

    public X509TrustManager trustManager() {
        return trust;
    }

    public javax.net.ssl.SSLSocketFactory socketFactory() {
        return context.getSocketFactory();
    }

    /** How many certificates the admin's bundle added (0: the JDK's alone). */
    public int extraCertificates() {
        return extra;
    }

    private static List<X509Certificate> read(Path bundle) {
        if (!Files.isRegularFile(bundle)) {
            throw new BadBundle("there is no CA bundle file " + bundle, null);
        }
        try (InputStream in = Files.newInputStream(bundle)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certs = new ArrayList<>();
            all.forEach(c -> certs.add((X509Certificate) c));
            if (certs.isEmpty()) {
                throw new BadBundle("the CA bundle " + bundle + " holds no certificate (a PEM file with -----BEGIN"
                        + " CERTIFICATE----- blocks is needed)", null);
            }
            return certs;
        } catch (CertificateException e) {
            throw new BadBundle("the CA bundle " + bundle + " is not a PEM file of certificates (-----BEGIN CERTIFICATE-----"
                    + " blocks): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BadBundle("the CA bundle " + bundle + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jdkTrust() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            return (X509TrustManager) f.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusted when the first or the second says so. */
    private record Either(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkClientTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkClientTrusted(chain, authType);
            }
        }

        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
