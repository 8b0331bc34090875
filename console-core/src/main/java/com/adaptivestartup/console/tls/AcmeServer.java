package com.adaptivestartup.console.tls;

import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.console.trust.TrustedRoots;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * An ACME server, checked before anything changes: its directory answers within ten seconds, over a certificate
 * this computer trusts (the JDK's authorities, or the company's own root given with it), and names the endpoints an
 * ACME client needs. Each failure is a {@link CertificateRefused} with the fix. (The stack asks it from its own
 * network later; a server this computer reaches but the stack does not is said by the install's wait.)
 */
public final class AcmeServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AcmeServer() {
    }

    public static void check(WebAddress.Acme acme, String caRootPem) {
        URI directory = URI.create(acme.directory());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(trusting(caRootPem))
                .build();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(directory).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (SSLHandshakeException e) {
            throw new CertificateRefused("the ACME server at " + directory.getHost() + " has a certificate this computer"
                    + " does not trust; give its root certificate (--acme-ca-root) if it is the company's own", e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new CertificateRefused("the ACME server at " + directory + " did not answer within 10 seconds; check the"
                    + " address and that this computer can reach it (a proxy or firewall?)", e);
        } catch (IOException e) {
            throw new CertificateRefused("the ACME server at " + directory + " cannot be reached (" + e + "); check the"
                    + " address and that this computer can reach it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CertificateRefused("the check of the ACME server was interrupted", e);
        }
        if (r.statusCode() != 200) {
            throw new CertificateRefused("the ACME server refused: " + directory + " answered HTTP " + r.statusCode()
                    + "; give its directory's address (Let's Encrypt's ends in /directory, step-ca's in"
                    + " /acme/<provisioner>/directory)");
        }
        try {
            JsonNode d = JSON.readTree(r.body());
            for (String needed : new String[] {"newNonce", "newAccount", "newOrder"}) {
                if (!d.path(needed).isTextual()) {
                    throw new IOException("no " + needed);
                }
            }
        } catch (IOException e) {
            throw new CertificateRefused(directory + " is not an ACME directory (" + e.getMessage() + "); give the ACME"
                    + " server's directory address", e);
        }
    }

    /**
     * The certificate a stack serves on this machine's HTTPS port (asked at 127.0.0.1 with the address as the
     * server name), checked against the JDK's authorities and the root given; empty when none is served yet.
     */
    public static java.util.Optional<X509Certificate> served(String host, int port, String caRootPem) {
        try (var socket = (javax.net.ssl.SSLSocket) trusting(caRootPem).getSocketFactory().createSocket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 3000);
            socket.setSoTimeout(5000);
            var params = socket.getSSLParameters();
            params.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(host)));
            socket.setSSLParameters(params);
            socket.startHandshake();
            return java.util.Optional.of((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Whether the address resolves to this machine, as the ACME server must find it: empty when it does (a name on
     * one of this machine's addresses, or on loopback), else a sentence to show (a warning: behind a router's port
     * forwarding the name rightly resolves to the router, which this machine cannot tell apart).
     */
    public static java.util.Optional<String> resolvesHere(String host) {
        java.net.InetAddress[] found;
        try {
            found = java.net.InetAddress.getAllByName(host);
        } catch (java.net.UnknownHostException e) {
            return java.util.Optional.of(host + " does not resolve from this machine: the ACME server must find it in DNS"
                    + " and reach this machine's web port there, or the certificate will not be issued");
        }
        for (java.net.InetAddress a : found) {
            try {
                if (a.isLoopbackAddress() || java.net.NetworkInterface.getByInetAddress(a) != null) {
                    return java.util.Optional.empty();
                }
            } catch (java.net.SocketException e) {
                // not one of ours, then
            }
        }
        return java.util.Optional.of(host + " resolves to " + found[0].getHostAddress() + ", which is not this machine:"
                + " that is right only when a router forwards its web port here");
    }

    /** The root certificate of the company's ACME server from its file (PEM), checked; a sentence when it is not one. */
    public static String rootFrom(java.nio.file.Path file) {
        String pem;
        try {
            pem = java.nio.file.Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new CertificateRefused("cannot read the ACME server's root " + file + ": " + e.getMessage(), e);
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new CertificateRefused(file + " holds no certificate in PEM form; give the ACME server's root"
                    + " certificate (a .crt or .pem file)");
        }
        trusting(pem);   // refused with a sentence when it cannot be read
        return pem;
    }

    /** The JDK's authorities, and the company's root when one is given. */
    public static SSLContext trusting(String caRootPem) {
        try {
            return TrustedRoots.context(TrustedRoots.jdkAnd(caRootPem));
        } catch (GeneralSecurityException | IOException e) {
            throw new CertificateRefused("the ACME server's root certificate cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
