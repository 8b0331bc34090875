package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.accounts.AdminNotices;
import com.adaptivestartup.ui.Texts;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What deserves a desktop notification while the console is open or minimized: the stack going from healthy
 * to degraded or down (with the services concerned), a backup or restore that failed, and a warning or
 * critical notice from the vendor not shown before in this session, and the app's certificate three weeks before
 * its end. Said in the console's language, the admins' mail too.
 */
public final class ConsoleWatch {
    private ConsoleWatch() {
    }

    /**
     * The same news by mail to the installation's admins who asked for it (through the stack, decision 0017): the
     * kind, a subject and the text.
     */
    public interface AdminMail {
        AdminMail NONE = (kind, subject, text) -> { };

        void send(AdminNotices.Kind kind, String subject, String text);
    }

    /** The certificate nearing its end (or past it), said once per warning while the console runs. */
    public static void watchCertificate(AddressViewModel address, Notifier notifier, AdminMail mail, Texts words) {
        Set<String> said = new HashSet<>();
        address.warningProperty().addListener((o, before, now) -> {
            if (now != null && said.add(now)) {
                notifier.warn(words.say("watch.certificate"), now);
                mail.send(AdminNotices.Kind.CERTIFICATE, words.say("watch.certificate"), now);
            }
        });
    }

    public static void watch(DashboardViewModel dashboard, BackupsViewModel backups, UpdatesViewModel updates, Notifier notifier,
                             AdminMail mail, Texts words) {
        dashboard.overallProperty().addListener((o, before, now) -> {
            if ("healthy".equals(before) && ("degraded".equals(now) || "down".equals(now))) {
                String failing = dashboard.cards().stream().filter(c -> !c.running() || c.health().equals("unhealthy"))
                        .map(DashboardViewModel.Card::service).collect(Collectors.joining(", "));
                String said = now.equals("down") ? words.say("watch.health.down")
                        : failing.isEmpty() ? words.say("watch.health.degraded") : words.say("watch.health.failing", failing);
                notifier.warn(words.say("watch.health"), said);
                mail.send(AdminNotices.Kind.HEALTH, words.say("watch.health.subject"), said);   // after "Adaptive Startup: "
            }
        });
        backups.failedSafetyProperty().addListener((o, before, now) -> {
            if (now != null) {
                notifier.warn(words.say("watch.backup"), now);
                mail.send(AdminNotices.Kind.BACKUP, words.say("watch.backup"), now);
            }
        });
        Set<String> offered = new HashSet<>();
        updates.statusProperty().addListener((o, before, now) -> {
            if (now != null && now.newest() != null && !now.newest().equals(now.installed()) && offered.add(now.newest())) {
                mail.send(AdminNotices.Kind.UPDATE, words.say("watch.update", now.newest()),
                        words.say("watch.update.text", now.newest(), now.installed()));
            }
        });
        Set<String> seen = new HashSet<>();
        updates.notices().addListener((javafx.collections.ListChangeListener<String>) change -> {
            for (String notice : updates.notices()) {
                if ((notice.startsWith("[CRITICAL]") || notice.startsWith("[WARNING]")) && seen.add(notice)) {
                    notifier.warn(words.say("watch.notice"), notice);
                }
            }
        });
    }
}
