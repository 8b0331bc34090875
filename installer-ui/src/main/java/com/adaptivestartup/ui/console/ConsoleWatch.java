package com.adaptivestartup.ui.console;

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

    /** The certificate nearing its end (or past it), said once per warning while the console runs. */
    public static void watchCertificate(AddressViewModel address, Notifier notifier) {
        Set<String> said = new HashSet<>();
        address.warningProperty().addListener((o, before, now) -> {
            if (now != null && said.add(now)) {
                notifier.warn("The app's certificate needs attention", now);
            }
        });
    }

    public static void watch(DashboardViewModel dashboard, BackupsViewModel backups, UpdatesViewModel updates, Notifier notifier) {
        dashboard.overallProperty().addListener((o, before, now) -> {
            if ("healthy".equals(before) && ("degraded".equals(now) || "down".equals(now))) {
                String failing = dashboard.cards().stream().filter(c -> !c.running() || c.health().equals("unhealthy"))
                        .map(DashboardViewModel.Card::service).collect(Collectors.joining(", "));
                notifier.warn("Adaptive Startup needs attention", (now.equals("down") ? "Adaptive Startup is stopped."
                        : "Something is down or unhealthy") + (failing.isEmpty() ? "." : ": " + failing + "."));
            }
        });
        backups.problemProperty().addListener((o, before, now) -> {
            if (now != null && (now.startsWith("Back up failed") || now.startsWith("Restore failed"))) {
                notifier.warn("A backup operation failed", now);
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
