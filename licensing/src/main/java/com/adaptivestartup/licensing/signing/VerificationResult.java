package com.adaptivestartup.licensing.signing;

import java.util.List;

/** What checking a signed document found: verified, or why not, in words a person can act on. */
public sealed interface VerificationResult {

    record Verified(SignedDocument document) implements VerificationResult {
    }

    /** The text is not a well-formed document of the expected kind. */
    record Malformed(String problem, String where) implements VerificationResult {
    }

    /** Well-formed, but signed by a key this program does not trust (or does not know yet). */
    record UnknownKey(String keyId, List<String> trustedKeyIds) implements VerificationResult {
    }

    /** Signed by a trusted key's id, but the signature does not match: changed after signing. */
    record SignatureMismatch(String keyId) implements VerificationResult {
    }
}
