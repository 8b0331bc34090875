package com.adaptivestartup.server.sso;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenID Connect with any provider, through the Nimbus OAuth 2.0 SDK: discovery (kept ten minutes), the
 * authorization code flow with PKCE, state and nonce, and the ID token's signature (the provider's published keys)
 * and claims (issuer, audience, expiry, nonce) checked by Nimbus's validator. Every failure is a {@link SsoFailure}
 * saying what went wrong: the provider unreachable, the client refused, a token from another issuer or for another
 * client, expired, or not for this sign-in.
 */
public final class OidcClient {
    private static final int TIMEOUT_MS = 10_000;
    private static final Duration KEEP_METADATA = Duration.ofMinutes(10);
    private final Clock clock;
    private final Map<String, Discovered> metadata = new ConcurrentHashMap<>();
    private final Map<String, IDTokenValidator> validators = new ConcurrentHashMap<>();

    public OidcClient(Clock clock) {
        this.clock = clock;
    }

    private record Discovered(OIDCProviderMetadata metadata, Instant at) {
    }

    /** The provider's published configuration, fetched from {@code <issuer>/.well-known/openid-configuration}. */
    public OIDCProviderMetadata discover(String issuer) {
        Discovered d = metadata.get(issuer);
        if (d != null && d.at().plus(KEEP_METADATA).isAfter(clock.instant())) {
            return d.metadata();
        }
        try {
            OIDCProviderMetadata m = OIDCProviderMetadata.resolve(new Issuer(issuer), TIMEOUT_MS, TIMEOUT_MS);
            metadata.put(issuer, new Discovered(m, clock.instant()));
            return m;
        } catch (GeneralException e) {
            throw new SsoFailure("the identity provider at " + issuer + " did not describe itself as an OpenID Connect"
                    + " provider (" + firstLine(e.getMessage()) + "); check the issuer URL", e);
        } catch (IOException e) {
            throw new SsoFailure("the identity provider at " + issuer + " cannot be reached (" + e.getClass().getSimpleName()
                    + ": " + firstLine(e.getMessage()) + "); it may be down, or the issuer URL is wrong", e);
        }
    }

    /** What a sign-in keeps between sending the person away and their return: single-use values. */
    public record Pending(String state, String nonce, String verifier) {
        static Pending fresh() {
            return new Pending(new State().getValue(), new Nonce().getValue(), new CodeVerifier().getValue());
        }
    }

    /** Where to send the person's browser to sign in. */
    public URI authorizationUrl(SsoProvider provider, URI redirect, Pending pending) {
        OIDCProviderMetadata m = discover(provider.issuer());
        return new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "email", "profile"), new ClientID(provider.clientId()), redirect)
                .endpointURI(m.getAuthorizationEndpointURI())
                .state(new State(pending.state()))
                .nonce(new Nonce(pending.nonce()))
                .codeChallenge(new CodeVerifier(pending.verifier()), CodeChallengeMethod.S256)
                .build().toURI();
    }

    /** Who signed in: the provider's subject, email (verified or not), name, groups, and the raw ID token. */
    public record Identity(String issuer, String subject, String email, Boolean emailVerified, String name,
                           List<String> groups, String idToken) {
    }

    /** Exchanges the code for tokens and checks the ID token; the person's identity, or why not. */
    public Identity finish(SsoProvider provider, URI redirect, String code, Pending pending) {
        OIDCProviderMetadata m = discover(provider.issuer());
        TokenRequest request = new TokenRequest(m.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(provider.clientId()), new Secret(provider.clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirect, new CodeVerifier(pending.verifier())));
        TokenResponse response;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MS);
            http.setReadTimeout(TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new SsoFailure("the identity provider's token endpoint cannot be reached (" + firstLine(e.getMessage())
                    + ")", e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new SsoFailure("the identity provider's answer was not an OpenID Connect token response ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = response.toErrorResponse().getErrorObject();
            String code2 = error == null || error.getCode() == null ? "" : error.getCode();
            throw new SsoFailure(switch (code2) {
                case "invalid_client", "unauthorized_client" -> "the identity provider refused this installation's client"
                        + " id or secret; an admin should check them in the organization's single sign-on settings";
                case "invalid_grant" -> "the sign-in expired or was already used; sign in again";
                default -> "the identity provider refused the sign-in: " + (code2.isEmpty() ? "no reason given" : code2)
                        + (error == null || error.getDescription() == null ? "" : " (" + error.getDescription() + ")");
            });
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new SsoFailure("the identity provider sent no ID token; is the client set up for OpenID Connect?");
        }
        IDTokenClaimsSet claims = validate(provider, m, idToken, pending.nonce());
        return identity(provider, claims, idToken.serialize());
    }

    /** The ID token checked: signature against the provider's keys, issuer, audience, expiry and this sign-in's nonce. */
    IDTokenClaimsSet validate(SsoProvider provider, OIDCProviderMetadata m, JWT idToken, String nonce) {
        IDTokenValidator validator = validators.computeIfAbsent(provider.issuer() + "\n" + provider.clientId(), k -> {
            try {
                List<JWSAlgorithm> algs = m.getIDTokenJWSAlgs();
                JWSAlgorithm alg = algs == null || algs.isEmpty() || algs.contains(JWSAlgorithm.RS256) ? JWSAlgorithm.RS256
                        : algs.getFirst();
                return new IDTokenValidator(m.getIssuer(), new ClientID(provider.clientId()), alg,
                        m.getJWKSetURI().toURL(), new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS));
            } catch (java.net.MalformedURLException e) {
                throw new SsoFailure("the identity provider's key set address is not a URL: " + m.getJWKSetURI(), e);
            }
        });
        try {
            return validator.validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException e) {
            throw new SsoFailure(tokenProblem(e.getMessage()), e);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new SsoFailure("the ID token could not be checked (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    static String tokenProblem(String detail) {
        String d = detail == null ? "" : detail;
        if (d.contains("iss")) {
            return "the ID token was issued by another identity provider than the one configured; sign-in refused";
        }
        if (d.contains("aud")) {
            return "the ID token was made for another application (its audience); sign-in refused";
        }
        if (d.contains("Expired")) {
            return "the ID token has expired (is this server's clock right?); sign in again";
        }
        if (d.contains("nonce")) {
            return "the ID token does not belong to this sign-in (a replayed token); sign in again";
        }
        if (d.contains("signature") || d.contains("Signed JWT rejected") || d.contains("key")) {
            return "the ID token's signature does not match the identity provider's keys; sign-in refused";
        }
        return "the ID token was refused: " + firstLine(d);
    }

    private static Identity identity(SsoProvider provider, IDTokenClaimsSet claims, String raw) {
        // a list of names (Keycloak's full paths lose their leading slash), or a single name
        Object claimed = claims.getClaim(provider.groupsClaim());
        List<String> groups = claimed instanceof List<?> list
                ? list.stream().map(String::valueOf).map(g -> g.startsWith("/") ? g.substring(1) : g).toList()
                : claimed instanceof String one ? List.of(one) : List.of();
        return new Identity(claims.getIssuer().getValue(), claims.getSubject().getValue(), claims.getStringClaim("email"),
                claims.getBooleanClaim("email_verified"), Optional.ofNullable(claims.getStringClaim("name"))
                .orElse(claims.getStringClaim("preferred_username")), groups, raw);
    }

    /** The provider's logout link for this session (RP-initiated logout), when it offers one. */
    public Optional<String> logoutUrl(SsoProvider provider, String idToken, URI after) {
        OIDCProviderMetadata m = discover(provider.issuer());
        if (m.getEndSessionEndpointURI() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogoutRequest(m.getEndSessionEndpointURI(), com.nimbusds.jwt.JWTParser.parse(idToken),
                    after, null).toURI().toString());
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    /** Forgets what was discovered of an issuer (its settings changed). */
    public void forget(String issuer) {
        metadata.remove(issuer);
        validators.keySet().removeIf(k -> k.startsWith(issuer + "\n"));
    }

    private static String firstLine(String text) {
        return text == null ? "no detail" : text.lines().findFirst().orElse("").strip();
    }
}
