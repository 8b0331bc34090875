package com.adaptivestartup.server.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Signs AI approvals as the browser does (Ed25519 over the payload's exact text). */
public final class Approvals {
    private Approvals() {
    }

    public static KeyPair newKey() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** The raw 32-byte public key, base64, as {@code PUT /api/auth/public-key} takes it. */
    public static String publicKey(KeyPair key) {
        byte[] spki = key.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    /** The request body of {@code POST .../activity/approvals}, with a fresh nonce. */
    public static String body(KeyPair key, String orgId, String type, String id, Instant at) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "AI_APPROVAL");
        fields.put("orgId", orgId);
        fields.put("entityType", type);
        fields.put("entityId", id);
        fields.put("contentHash", "a".repeat(64));
        fields.put("timestamp", at.toString());
        fields.put("nonce", UUID.randomUUID().toString().replace("-", ""));
        String payload = Api.json(fields);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key.getPrivate());
        s.update(payload.getBytes(StandardCharsets.UTF_8));
        return Api.json(Map.of("entityType", type, "entityId", id, "signedPayload", payload,
                "signature", Base64.getEncoder().encodeToString(s.sign())));
    }
}
