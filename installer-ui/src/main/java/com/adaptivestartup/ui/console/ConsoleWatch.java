package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.accounts.AdminNotices;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What deserves a desktop notification while the console is open or minimized: the stack going from healthy
 * to degraded or down (with the services concerned), a backup or restore that failed, and a warning or
 * critical notice from the vendor not shown before in this session, and the app's certificate three weeks before
 * its end.
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
    public static void watchCertificate(AddressViewModel address, Notifier notifier) {
        watchCertificate(address, notifier, AdminMail.NONE);
    }

    public static void watchCertificate(AddressViewModel address, Notifier notifier, AdminMail mail) {
        Set<String> said = new HashSet<>();
        address.warningProperty().addListener((o, before, now) -> {
            if (now != null && said.add(now)) {
                notifier.warn("The app's certificate needs attention", now);
                mail.send(AdminNotices.Kind.CERTIFICATE, "the app's certificate needs attention", now);
            }
        });
    }

    public static void watch(DashboardViewModel dashboard, BackupsViewModel backups, UpdatesViewModel updates, Notifier notifier) {
        watch(dashboard, backups, updates, notifier, AdminMail.NONE);
    }

    public static void watch(DashboardViewModel dashboard, BackupsViewModel backups, UpdatesViewModel updates, Notifier notifier,
                             AdminMail mail) {
        dashboard.overallProperty().addListener((o, before, now) -> {
            if ("healthy".equals(before) && ("degraded".equals(now) || "down".equals(now))) {
                String failing = dashboard.cards().stream().filter(c -> !c.running() || c.health().equals("unhealthy"))
                        .map(DashboardViewModel.Card::service).collect(Collectors.joining(", "));
                String said = (now.equals("down") ? "Adaptive Startup is stopped."
                        : "Something is down or unhealthy") + (failing.isEmpty() ? "." : ": " + failing + ".");
                notifier.warn("Adaptive Startup needs attention", said);
                mail.send(AdminNotices.Kind.HEALTH, "the stack needs attention", said);
            }
        });
        backups.problemProperty().addListener((o, before, now) -> {
            if (now != null && (now.startsWith("Back up failed") || now.startsWith("Restore failed"))) {
                notifier.warn("A backup operation failed", now);
                mail.send(AdminNotices.Kind.BACKUP, "a backup operation failed", now);
            }
        });
        Set<String> offered = new HashSet<>();
        updates.statusProperty().addListener((o, before, now) -> {
            if (now != null && now.newest() != null && !now.newest().equals(now.installed()) && offered.add(now.newest())) {
                mail.send(AdminNotices.Kind.UPDATE, "version " + now.newest() + " is available", "Adaptive Startup "
                        + now.newest() + " is available (" + now.installed() + " is installed). Update from the console's"
                        + " Updates tab; it takes a backup first and can be rolled back.");
            }
        });
        Set<String> seen = new HashSet<>();
        updates.notices().addListener((javafx.collections.ListChangeListener<String>) change -> {
            for (String notice : updates.notices()) {
                if ((notice.startsWith("[CRITICAL]") || notice.startsWith("[WARNING]")) && seen.add(notice)) {
                    notifier.warn("Notice from Adaptive Startup", notice);
                }
            }
        });
    }
}
