package com.adaptivestartup.brain.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Short-lived tokens for the registry, as the Docker registry's token authentication reads them: a JWT signed RS256
 * with the key whose certificate the registry trusts ({@code auth.token.rootcertbundle}), the certificate in the
 * header ({@code x5c}), the registry's service as the audience, and the access granted per repository.
 */
public final class RegistryTokens {
    /** How long a token holds: a revoked customer pulls no more than this after the revocation. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final String issuer;
    private final String service;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Clock clock;

    /** One repository's granted actions ({@code pull}, {@code push}); none is a token that opens nothing. */
    public record Access(String repository, List<String> actions) {
    }

    public RegistryTokens(String issuer, String service, PrivateKey key, X509Certificate certificate, Clock clock) {
        this.issuer = issuer;
        this.service = service;
        this.key = key;
        this.certificate = certificate;
        this.clock = clock;
    }

    /** The key (PKCS#8 PEM, RSA) and its certificate (PEM) from files; a sentence when they are not. */
    public static RegistryTokens fromFiles(String issuer, String service, Path keyPem, Path certificatePem, Clock clock) {
        try {
            String pem = Files.readString(keyPem, StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new IllegalArgumentException(keyPem + " is not a PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            X509Certificate cert;
            try (var in = Files.newInputStream(certificatePem)) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            return new RegistryTokens(issuer, service, key, cert, clock);
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the registry token key and certificate: " + e.getMessage());
        }
    }

    public String service() {
        return service;
    }

    /** A token for {@code account} with this access, valid for {@link #LIFETIME}. */
    public String issue(String account, List<Access> access) {
        Instant now = clock.instant();
        try {
            ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
            header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            ObjectNode claims = JSON.createObjectNode().put("iss", issuer).put("sub", account).put("aud", service)
                    .put("exp", now.plus(LIFETIME).getEpochSecond()).put("nbf", now.minusSeconds(5).getEpochSecond())
                    .put("iat", now.getEpochSecond()).put("jti", UUID.randomUUID().toString());
            ArrayNode granted = claims.putArray("access");
            for (Access a : access) {
                ObjectNode entry = granted.addObject().put("type", "repository").put("name", a.repository());
                a.actions().forEach(entry.putArray("actions")::add);
            }
            String signingInput = URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot sign a registry token: " + e.getMessage(), e);
        }
    }
}
