package com.adaptivestartup.console.bundle;

/** An offline bundle is refused; the message says why and that nothing was changed. */
public final class BundleProblem extends RuntimeException {
    public BundleProblem(String message) {
        super(message);
    }

    public BundleProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
