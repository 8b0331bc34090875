package com.adaptivestartup.console.docker;

/** Something the engine refused or could not do, said so a person can act on it. */
public final class DockerProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DockerProblem(String message) {
        super(message);
    }

    public DockerProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
