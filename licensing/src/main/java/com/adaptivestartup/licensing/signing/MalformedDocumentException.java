package com.adaptivestartup.licensing.signing;

/**
 * Raised inside the decoders when text is not a well-formed document; turned into a
 * {@link VerificationResult.Malformed} value at the boundary, never shown as a stack trace.
 */
public final class MalformedDocumentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String where;

    public MalformedDocumentException(String problem, String where) {
        super(problem, null, false, false);
        this.where = where;
    }

    public String problem() {
        return getMessage();
    }

    public String where() {
        return where;
    }
}
