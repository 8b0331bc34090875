package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.accounts.MailService;
import com.adaptivestartup.console.stack.MailServer;

/** What the Mail view asks of console-core for the installation (a fake in tests). Each throws with a sentence. */
public interface MailOperations {
    MailService.MailView current();

    /** Sends through this mail server (password: null keeps the one kept, empty: none); returns the app's link. */
    String set(MailServer server, String password);

    /** No mail server; returns the app's link. */
    String clear();

    /** A test mail sent by the stack now. */
    MailService.TestResult test(String to);

    /** How the stack's outbox stands. */
    MailService.Outbox outbox();
}
