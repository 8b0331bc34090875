package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.accounts.MailService;
import com.adaptivestartup.console.stack.MailServer;
import java.util.ArrayList;
import java.util.List;

/** The Mail tab's console-core, faked: what it holds, what it was asked. */
public final class FakeMail implements MailOperations {
    public MailService.MailView view = new MailService.MailView("adaptive", null, false, false);
    public MailService.Outbox outbox = new MailService.Outbox(true, 0, 0, 0, null, List.of());
    public MailService.TestResult test = new MailService.TestResult(true, "the mail server smtp.acme.com:587 (starttls) took the"
            + " test mail for ana@acme.com; check that mailbox (and its spam folder)");
    public final List<String> asked = new ArrayList<>();

    public MailService.MailView current() {
        return view;
    }

    public String set(MailServer server, String password) {
        asked.add("set " + server.describe() + " password=" + password);
        view = new MailService.MailView("adaptive", server, password == null ? view.hasPassword() : !password.isEmpty(), false);
        return "https://startup.acme.local/";
    }

    public String clear() {
        asked.add("clear");
        view = new MailService.MailView("adaptive", null, false, false);
        return "https://startup.acme.local/";
    }

    public MailService.TestResult test(String to) {
        asked.add("test " + to);
        return test;
    }

    public MailService.Outbox outbox() {
        return outbox;
    }
}
