package com.adaptivestartup.server.sso;

/** Why a single sign-on did not happen, as a sentence the person (or their admin) can act on. */
public final class SsoFailure extends RuntimeException {
    public SsoFailure(String sentence) {
        super(sentence);
    }

    public SsoFailure(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
