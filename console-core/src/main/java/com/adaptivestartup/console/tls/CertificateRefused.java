package com.adaptivestartup.console.tls;

/** A certificate, key or address that cannot serve the app: one sentence saying what is wrong and how to fix it. */
public final class CertificateRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CertificateRefused(String sentence) {
        super(sentence);
    }

    public CertificateRefused(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
