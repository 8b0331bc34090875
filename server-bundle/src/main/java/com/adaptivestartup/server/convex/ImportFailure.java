package com.adaptivestartup.server.convex;

/** Why an import stopped, as one sentence for the person who ran it; nothing of the import was kept. */
public final class ImportFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImportFailure(String sentence) {
        super(sentence);
    }

    public ImportFailure(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
