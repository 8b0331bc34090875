package com.adaptivestartup.console.stack;

import com.adaptivestartup.console.trust.TrustedRoots;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

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
            X509TrustManager authorities = TrustedRoots.jdkAnd(secret(dir, InstallDirectory.ACME_CA_ROOT).orElse(""));
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                    .sslContext(TrustedRoots.context(TrustedRoots.servers(authorities::checkServerTrusted))).build();
        } catch (GeneralSecurityException e) {
            throw new IOException("the ACME server's root cannot be read: " + e.getMessage(), e);
        }
    }

    /** A client that trusts exactly the certificate the stack serves (its first), and no other. */
    private synchronized HttpClient pinnedTo(String chainPem) throws IOException {
        if (!chainPem.equals(pinnedTo)) {
            try {
                X509Certificate served = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)));
                pinned = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(TrustedRoots.context(
                        TrustedRoots.servers((chain, authType) -> {
                            if (chain == null || chain.length == 0 || !chain[0].equals(served)) {
                                throw new CertificateException("the web port answered with a certificate other than this"
                                        + " installation's");
                            }
                        }))).build();
                pinnedTo = chainPem;
            } catch (GeneralSecurityException e) {
                throw new IOException("the install folder's certificate cannot be read: " + e.getMessage(), e);
            }
        }
        return pinned;
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
