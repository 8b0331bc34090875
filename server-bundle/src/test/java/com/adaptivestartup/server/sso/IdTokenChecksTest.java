package com.adaptivestartup.server.sso;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID token checks, with tokens a test provider signs with its own RSA key (its key set served over real HTTP):
 * a token from another issuer, for another application, expired, for another sign-in (nonce), or signed with a key
 * the provider does not publish, is each refused with its own sentence.
 */
class IdTokenChecksTest {
    static final String ISSUER = "https://login.acme.example/realms/acme";
    static final String CLIENT = "adaptive-startup";
    static HttpServer server;
    static RSAKey key;
    static OIDCProviderMetadata metadata;
    static final SsoProvider PROVIDER = new SsoProvider(UUID.randomUUID(), ISSUER, CLIENT, "secret", "groups",
            Map.of("leads", "admin"), "member", List.of(), false);

    @BeforeAll
    static void provider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/certs", x -> {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, keys.length);
            x.getResponseBody().write(keys);
            x.close();
        });
        server.start();
        metadata = new OIDCProviderMetadata(new Issuer(ISSUER), List.of(SubjectType.PUBLIC),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/certs"));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static SignedJWT token(RSAKey signer, String issuer, String audience, Instant expires, String nonce) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("user-1")
                        .issueTime(Date.from(Instant.now().minusSeconds(30))).expirationTime(Date.from(expires))
                        .claim("nonce", nonce).claim("email", "ana@acme.example").build());
        jwt.sign(new RSASSASigner(signer));
        return jwt;
    }

    private static String refusal(SignedJWT jwt, String nonce) {
        OidcClient client = new OidcClient(Clock.systemUTC());
        try {
            client.validate(PROVIDER, metadata, jwt, nonce);
            return "accepted";
        } catch (SsoFailure e) {
            return e.getMessage();
        }
    }

    @Test
    void aGoodTokenIsAcceptedWithItsClaims() throws Exception {
        var claims = new OidcClient(Clock.systemUTC()).validate(PROVIDER, metadata,
                token(key, ISSUER, CLIENT, Instant.now().plusSeconds(300), "n1"), "n1");
        assertThat(claims.getStringClaim("email")).isEqualTo("ana@acme.example");
    }

    @Test
    void eachBadTokenIsRefusedWithItsOwnSentence() throws Exception {
        Instant later = Instant.now().plusSeconds(300);
        assertThat(refusal(token(key, "https://evil.example/realms/acme", CLIENT, later, "n1"), "n1"))
                .isEqualTo("the ID token was issued by another identity provider than the one configured; sign-in refused");
        assertThat(refusal(token(key, ISSUER, "another-app", later, "n1"), "n1"))
                .isEqualTo("the ID token was made for another application (its audience); sign-in refused");
        assertThat(refusal(token(key, ISSUER, CLIENT, Instant.now().minusSeconds(600), "n1"), "n1"))
                .isEqualTo("the ID token has expired (is this server's clock right?); sign in again");
        assertThat(refusal(token(key, ISSUER, CLIENT, later, "n1"), "n2"))
                .isEqualTo("the ID token does not belong to this sign-in (a replayed token); sign in again");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertThat(refusal(token(stranger, ISSUER, CLIENT, later, "n1"), "n1"))
                .isEqualTo("the ID token's signature does not match the identity provider's keys; sign-in refused");
    }

    @Test
    void groupsMapToTheHighestRoleAndDomainsAreChecked() {
        SsoProvider p = new SsoProvider(UUID.randomUUID(), ISSUER, CLIENT, "s", "groups",
                Map.of("leads", "admin", "staff", "viewer"), "member", List.of("acme.example"), false);
        assertThat(p.roleFor(List.of("staff", "leads"))).isEqualTo("admin");
        assertThat(p.roleFor(List.of("staff"))).isEqualTo("viewer");
        assertThat(p.roleFor(List.of("other"))).isEqualTo("member");
        assertThat(p.allows("Ana@ACME.example")).isTrue();
        assertThat(p.allows("ana@acme.example.evil.com")).isFalse();
    }
}
