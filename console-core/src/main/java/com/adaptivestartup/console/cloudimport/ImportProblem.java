package com.adaptivestartup.console.cloudimport;

/** Why an import changed nothing, as the sentence to show. */
public final class ImportProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImportProblem(String sentence) {
        super(sentence);
    }
}
