package com.adaptivestartup.licensing.signing;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

/** Checks signed documents offline against the trusted vendor keys. Never throws on bad input. */
public final class DocumentVerifier {
    private final TrustedKeys trustedKeys;

    public DocumentVerifier(TrustedKeys trustedKeys) {
        this.trustedKeys = trustedKeys;
    }

    public VerificationResult verify(String text, DocumentKind kind) {
        DocumentCodec.Decoded decoded;
        try {
            decoded = DocumentCodec.decode(text, kind);
        } catch (MalformedDocumentException e) {
            return new VerificationResult.Malformed(e.problem(), e.where());
        }
        Optional<PublicKey> key = trustedKeys.find(decoded.keyId());
        if (key.isEmpty()) {
            return new VerificationResult.UnknownKey(decoded.keyId(), trustedKeys.keyIds());
        }
        return signatureMatches(key.get(), decoded.signedBytes(), decoded.signature())
                ? new VerificationResult.Verified(decoded.document())
                : new VerificationResult.SignatureMismatch(decoded.keyId());
    }

    private static boolean signatureMatches(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A signature that is not even a valid encoding (e.g. a bad curve point) is a mismatch.
            return false;
        }
    }
}
