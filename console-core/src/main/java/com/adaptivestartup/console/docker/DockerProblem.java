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

    /** How {@link #said} begins when the connection to the engine dropped. */
    public static final String LOST = "the connection to the Docker engine was lost (was it stopped or restarted?): ";

    /**
     * A failure in words: the connection to the engine dropped (the engine stopped or restarted, its socket went
     * away) is said as such, not as the socket's own exception; anything else is its message.
     */
    public static String said(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return LOST + t.getMessage();
            }
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }
}
