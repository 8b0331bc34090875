package com.adaptivestartup.server.activity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that keys the activity log's chain (HMAC-SHA256). It lives outside the database (a secret file
 * the console made, mounted into the server), so someone who can write the database cannot forge or re-chain
 * entries: they can only break the chain, which {@code audit verify} then reports.
 */
public final class AuditKey {
    /** 32 random characters from the console hold about 190 bits; fewer is refused. */
    public static final int MIN_LENGTH = 32;
    private final SecretKeySpec key;

    private AuditKey(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The key from its secret's text; a sentence when it is too short to be one. */
    public static AuditKey of(String secret) {
        if (secret == null || secret.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("AUDIT_KEY must hold at least " + MIN_LENGTH + " characters");
        }
        return new AuditKey(secret.strip());
    }

    String hmacHex(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
