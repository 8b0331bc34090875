package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.update.ChannelManifest;
import com.adaptivestartup.console.update.ConsoleUpdates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** An installation on 1.0.0 with 1.1.0 on offer, a critical notice and a newer console; records what was asked. */
public final class FakeUpdates implements UpdateOperations {
    final List<String> asked = new ArrayList<>();
    String installed = "1.0.0";
    boolean pending;
    String failApply;
    String offline;
    String pinned;
    String interrupted;
    final java.util.Set<String> dismissed = new java.util.HashSet<>();

    public Status check() {
        boolean upToDate = installed.equals("1.1.0");
        return new Status(installed, "stable", offline,
                upToDate ? List.of() : List.of(new Newer("1.1.0", "faster dashboards", true), new Newer("2.0.0", "", false)),
                upToDate ? null : "1.1.0",
                dismissed.contains("adv-1") ? List.of()
                        : List.of(new Notice("adv-1", "critical", "Update to 1.1.0", "fixes a security issue in file sharing")),
                new ConsoleUpdates.Offer("1.2.0", "dark mode", new ChannelManifest.Installer("windows", "msi",
                        "console/1.2.0/Console-1.2.0.msi", "0".repeat(64), 52_000_000L)), pending, pinned,
                pending ? "Rolling back goes to Adaptive Startup 1.0.0 by running 1.1.0's database changes down" : null,
                interrupted);
    }

    public void apply(String version, Journal.Progress progress) {
        asked.add("apply " + version);
        progress.step("pull", "started");
        if (failApply != null) {
            throw new IllegalStateException(failApply);
        }
        progress.step("deploy", "done");
        installed = version;
        pending = true;
    }

    public void applyBundle(Path bundle, Journal.Progress progress) {
        asked.add("bundle " + bundle.getFileName());
        progress.step("checking the file: 100%", "started");
        if (bundle.getFileName().toString().contains("flipped")) {
            throw new IllegalStateException("the bundle's entry images.tar.zst is damaged (its SHA-256 is not the signed one);"
                    + " copy the bundle again. Nothing was changed");
        }
        installed = "1.1.0";
        pending = true;
    }

    public void saveSettings(String channel, String pin) {
        asked.add("settings " + channel + " " + pin);
        if (pin != null && !pin.isBlank() && !pin.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("the version to pin at is a version such as 1.1.0, not '" + pin + "'");
        }
        pinned = pin == null || pin.isBlank() ? null : pin;
    }

    public void skip(String version) {
        asked.add("skip " + version);
    }

    public void dismiss(String noticeId) {
        asked.add("dismiss " + noticeId);
        dismissed.add(noticeId);
    }

    public void confirm() {
        asked.add("confirm");
        pending = false;
    }

    public String rollback(Journal.Progress progress) {
        asked.add("rollback");
        installed = "1.0.0";
        pending = false;
        return "Rolled back to 1.0.0 by running 1.1.0's migrations down: everything written since the update is kept.";
    }

    public Path downloadConsole(LongConsumer bytesSoFar) {
        asked.add("download console");
        bytesSoFar.accept(26_000_000L);
        bytesSoFar.accept(52_000_000L);
        return Path.of("/downloads/Console-1.2.0.msi");
    }
}
