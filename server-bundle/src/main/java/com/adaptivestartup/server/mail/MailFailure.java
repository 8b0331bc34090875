package com.adaptivestartup.server.mail;

/**
 * Why a mail was not sent, as a sentence an admin can act on. {@code permanent}: sending it again cannot work (the
 * mail server refused the recipient), so the outbox gives up at once instead of retrying.
 */
public final class MailFailure extends Exception {
    private final boolean permanent;

    public MailFailure(String sentence, boolean permanent, Throwable cause) {
        super(sentence, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
