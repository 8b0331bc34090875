package com.adaptivestartup.server.activity;

import com.adaptivestartup.server.http.ApiError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks a human approval of an AI suggestion, signed in the browser with the user's Ed25519 key
 * (WebCrypto): the signature over the exact payload text, that the payload says what the request says (the
 * organization it is recorded in, the entity), that it is fresh, and that it carries a nonce. The same
 * signature is recorded once (a unique index from release 1.2.0), so an approval cannot be replayed, in this
 * organization or another. The cloud app stored only the signature; we keep the payload too, so it can be
 * verified again later.
 */
public final class ApprovalVerifier {
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Duration FRESHNESS = Duration.ofMinutes(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApprovalVerifier() {
    }

    public static void verify(String signedPayload, String signatureB64, String registeredKeyB64, java.util.UUID orgId,
                              String entityType, String entityId, Instant now) {
        if (registeredKeyB64 == null) {
            throw ApiError.badRequest("register your signing key first (PUT /api/auth/public-key)");
        }
        JsonNode payload;
        try {
            payload = MAPPER.readTree(signedPayload);
        } catch (Exception e) {
            throw ApiError.badRequest("signedPayload is not JSON");
        }
        if (payload == null || !"AI_APPROVAL".equals(payload.path("type").asText())
                || !entityType.equals(payload.path("entityType").asText())
                || !entityId.equals(payload.path("entityId").asText())
                || !payload.path("contentHash").asText().matches("[0-9a-f]{64}")) {
            throw ApiError.badRequest("signedPayload must be an AI_APPROVAL of this entityType and entityId,"
                    + " with a SHA-256 contentHash");
        }
        if (!orgId.toString().equals(payload.path("orgId").asText())) {
            throw ApiError.badRequest("signedPayload must name the organization it is recorded in (orgId " + orgId + ")");
        }
        if (!payload.path("nonce").asText().matches("[A-Za-z0-9_-]{16,128}")) {
            throw ApiError.badRequest("signedPayload must carry a nonce: 16 to 128 random letters, digits, '-' or '_'");
        }
        try {
            Instant at = Instant.parse(payload.path("timestamp").asText());
            if (Duration.between(at, now).abs().compareTo(FRESHNESS) > 0) {
                throw ApiError.badRequest("the approval's timestamp is more than 10 minutes from the server's time");
            }
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("the approval's timestamp is not an ISO time");
        }
        if (!signatureMatches(registeredKeyB64, signedPayload, signatureB64)) {
            throw ApiError.forbidden("the signature does not match your registered key and this payload");
        }
    }

    private static boolean signatureMatches(String keyB64, String payload, String signatureB64) {
        try {
            byte[] raw = Base64.getDecoder().decode(keyB64);
            byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
            System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
            System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(payload.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signatureB64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
