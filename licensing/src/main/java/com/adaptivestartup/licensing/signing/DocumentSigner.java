package com.adaptivestartup.licensing.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/** Signs documents with one vendor private key (the vendor side; the console never holds one). */
public final class DocumentSigner {
    private final PrivateKey privateKey;
    private final String keyId;

    public DocumentSigner(PrivateKey privateKey) {
        this.privateKey = privateKey;
        this.keyId = Ed25519Keys.keyId(Ed25519Keys.publicKeyOf(privateKey));
    }

    public String keyId() {
        return keyId;
    }

    public SignedDocument sign(DocumentKind kind, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("a document body is a JSON object");
        }
        String signedPart = DocumentCodec.signedPart(kind, keyId, body);
        if (signedPart.length() + 90 > kind.maxEncodedChars()) {
            throw new IllegalArgumentException("the " + kind.displayName() + " would be larger than its limit of "
                    + kind.maxEncodedChars() + " characters");
        }
        byte[] signature = rawSign(signedPart.getBytes(StandardCharsets.US_ASCII));
        return new SignedDocument(kind, keyId, body.deepCopy(),
                signedPart + "." + Base64Url.encode(signature));
    }

    private byte[] rawSign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
