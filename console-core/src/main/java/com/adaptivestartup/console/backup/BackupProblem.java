package com.adaptivestartup.console.backup;

/** A backup or restore that cannot go on, with a sentence that says why and what to do. */
public final class BackupProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackupProblem(String message) {
        super(message);
    }

    public BackupProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
