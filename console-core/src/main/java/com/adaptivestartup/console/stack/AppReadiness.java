package com.adaptivestartup.console.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.KeyStore;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/**
 * The app's own readiness ({@code /readyz}) asked through the web port, the way a person's browser reaches
 * it. From release 1.2.0 the server tells the details (each check, whether the first admin still has the
 * initial password) only to the console, which sends the install's health token; anyone else gets yes or no.
 * A stack served over HTTPS is asked on its HTTPS port, trusting only the certificate the install folder holds
 * (so the token goes to this stack's web server and nowhere else, whatever address answers).
 */
public final class AppReadiness {
    /** The header the server reads the token from. */
    static final String TOKEN_HEADER = "X-Health-Token";
    static final String TOKEN_SECRET = "health_token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private HttpClient pinned;
    private String pinnedTo;

    /** What {@code /readyz} answered: its status and body (the details when the token was accepted). */
    public record Answer(int status, JsonNode body) {
        public boolean ready() {
            return status == 200;
        }

        /** Whether the first admin still has the initial password; empty when the server does not say. */
        public Optional<Boolean> initialPasswordPending() {
            JsonNode pending = body.at("/setup/initialPasswordPending");
            return pending.isBoolean() ? Optional.of(pending.asBoolean()) : Optional.empty();
        }

        /** For a message: the status and the body as the server gave it. */
        public String describe() {
            return "HTTP " + status + ": " + body;
        }
    }

    /**
     * Asks once. {@code bindAddress} is where the web port listens on {@code engineHost} (null: this machine); every
     * interface (0.0.0.0) is asked at the engine's host, 127.0.0.1 for this machine. Throws {@link IOException} when
     * nothing answers.
     */
    public Answer ask(String engineHost, String bindAddress, int port, InstallDirectory dir) throws IOException {
        String host = bindAddress == null || bindAddress.equals("0.0.0.0") || bindAddress.equals("127.0.0.1")
                ? (engineHost == null ? "127.0.0.1" : engineHost) : bindAddress;
        Map<String, String> env = dir.env();
        String certificate = secret(dir, InstallDirectory.TLS_CERTIFICATE).orElse("");
        boolean https = env.getOrDefault("PUBLIC_URL", "").startsWith("https://") && env.containsKey("HTTPS_PORT")
                && !certificate.isBlank();
        URI uri = URI.create(https ? "https://" + host + ":" + env.get("HTTPS_PORT") + "/readyz"
                : "http://" + host + ":" + port + "/readyz");
        Answer answer = send(https ? pinnedTo(certificate) : http, uri, dir);
        if (answer.status() == 308 && acme(env)) {
            // the stack's ACME client has its certificate: the web port only redirects now
            answer = send(issuedByAuthority(dir), URI.create("https://" + host + ":" + env.get("HTTPS_PORT") + "/readyz"), dir);
        }
        return answer;
    }

    /**
     * Whether the stack serves HTTPS with a certificate from its ACME server (a publicly trusted authority, or the
     * company's root given with it): false while the first one is being issued.
     */
    public boolean servesAcmeCertificate(String engineHost, String bindAddress, InstallDirectory dir) {
        Map<String, String> env = dir.env();
        String host = bindAddress == null || bindAddress.equals("0.0.0.0") || bindAddress.equals("127.0.0.1")
                ? (engineHost == null ? "127.0.0.1" : engineHost) : bindAddress;
        try {
            send(issuedByAuthority(dir), URI.create("https://" + host + ":" + env.get("HTTPS_PORT") + "/readyz"), dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean acme(Map<String, String> env) {
        return !env.getOrDefault("ACME_DIRECTORY", "").isBlank() && env.containsKey("HTTPS_PORT");
    }

    private Answer send(HttpClient client, URI uri, InstallDirectory dir) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        secret(dir, TOKEN_SECRET).ifPresent(t -> request.header(TOKEN_HEADER, t));
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(r.body());
            } catch (IOException e) {
                body = MissingNode.getInstance();
            }
            return new Answer(r.statusCode(), body == null ? MissingNode.getInstance() : body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * A client that trusts certificates the JDK's authorities or the ACME server's root (the install's secret)
     * issued, whatever address it is asked at (this machine's, not the certificate's name).
     */
    private static HttpClient issuedByAuthority(InstallDirectory dir) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int i = 0;
            for (var tm : jdk.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jdk-" + i++, c);
                    }
                }
            }
            String root = secret(dir, InstallDirectory.ACME_CA_ROOT).orElse("");
            if (!root.isBlank()) {
                for (var c : CertificateFactory.getInstance("X.509").generateCertificates(
                        new ByteArrayInputStream(root.getBytes(StandardCharsets.US_ASCII)))) {
                    store.setCertificateEntry("acme-root-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            X509TrustManager pkix = (X509TrustManager) tmf.getTrustManagers()[0];
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new ChainOnly(pkix)}, null);
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(tls).build();
        } catch (GeneralSecurityException e) {
            throw new IOException("the ACME server's root cannot be read: " + e.getMessage(), e);
        }
    }

    /** The chain checked up to a trusted authority; the name is not (the stack is asked at this machine's address). */
    private static final class ChainOnly extends X509ExtendedTrustManager {
        private final X509TrustManager pkix;

        ChainOnly(X509TrustManager pkix) {
            this.pkix = pkix;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            pkix.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }

    /** A client that trusts exactly the certificate the stack serves (its first), and no other. */
    private synchronized HttpClient pinnedTo(String chainPem) throws IOException {
        if (!chainPem.equals(pinnedTo)) {
            try {
                X509Certificate served = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)));
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {new PinnedCertificate(served)}, null);
                pinned = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(tls).build();
                pinnedTo = chainPem;
            } catch (GeneralSecurityException e) {
                throw new IOException("the install folder's certificate cannot be read: " + e.getMessage(), e);
            }
        }
        return pinned;
    }

    /** Trusts one certificate, by its bytes: the address it is asked at does not matter, the certificate does. */
    private static final class PinnedCertificate extends X509ExtendedTrustManager {
        private final X509Certificate expected;

        PinnedCertificate(X509Certificate expected) {
            this.expected = expected;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0 || !chain[0].equals(expected)) {
                throw new CertificateException("the web port answered with a certificate other than this installation's");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static Optional<String> secret(InstallDirectory dir, String name) {
        var file = dir.path().resolve(InstallDirectory.SECRETS).resolve(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()).filter(t -> !t.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
