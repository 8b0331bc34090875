package com.adaptivestartup.console.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily backup's timer on each computer's own scheduler: the files written (systemd's checked by systemd itself,
 * launchd's as a plist), the scheduler's commands (systemctl, launchctl, schtasks: faked here at their documented
 * command lines, recorded), a launcher in a folder with spaces, off and status, and a scheduler that refuses.
 */
class BackupTimerTest {
    @TempDir
    Path home;
    private final List<List<String>> ran = new ArrayList<>();
    private int exit;

    private BackupTimer timer(BackupTimer.Os os) {
        return new BackupTimer(os, home, argv -> {
            ran.add(argv);
            return new BackupTimer.Commands.Result(exit, exit == 0 ? "" : "Failed to connect to bus: No medium found");
        });
    }

    @Test
    void onLinuxASystemdUserTimerThatSystemdItselfAccepts() throws Exception {
        Path launcher = Files.createDirectories(home.resolve("Adaptive Startup Console/bin")).resolve("Adaptive Startup Console");
        Files.writeString(launcher, "#!/bin/sh\n");
        launcher.toFile().setExecutable(true);
        String said = timer(BackupTimer.Os.LINUX).on("acme", List.of(launcher.toString(), "adaptivectl"));

        Path units = home.resolve(".config/systemd/user");
        assertThat(said).startsWith("the daily backup also runs when the console is closed: systemd asks every hour");
        assertThat(Files.readString(units.resolve("adaptive-backup-acme.service")))
                .contains("ExecStart=\"" + launcher + "\" \"adaptivectl\" \"backup\" \"run-due\" \"--project\" \"acme\"");
        assertThat(Files.readString(units.resolve("adaptive-backup-acme.timer"))).contains("OnCalendar=hourly")
                .contains("Persistent=true");
        assertThat(ran).containsExactly(List.of("systemctl", "--user", "daemon-reload"),
                List.of("systemctl", "--user", "enable", "--now", "adaptive-backup-acme.timer"));

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not here");
        Path runtime = Files.createDirectories(home.resolve("runtime"));
        ProcessBuilder verify = new ProcessBuilder("systemd-analyze", "verify", "--user",
                units.resolve("adaptive-backup-acme.timer").toString(), units.resolve("adaptive-backup-acme.service").toString())
                .redirectErrorStream(true);
        verify.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        Process p = verify.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("systemd-analyze verify: " + out).isZero();
    }

    @Test
    void offRemovesItAndStatusSaysSo() {
        BackupTimer linux = timer(BackupTimer.Os.LINUX);
        assertThat(linux.status("acme").said()).isEqualTo("off");
        linux.on("acme", List.of("/usr/local/bin/adaptivectl"));
        assertThat(linux.status("acme").said()).startsWith("on (").endsWith("adaptive-backup-acme.timer)");
        ran.clear();
        assertThat(linux.off("acme")).isEqualTo("the timer adaptive-backup-acme.timer is off and removed");
        assertThat(ran.getFirst()).containsExactly("systemctl", "--user", "disable", "--now", "adaptive-backup-acme.timer");
        assertThat(home.resolve(".config/systemd/user/adaptive-backup-acme.service")).doesNotExist();
        assertThat(linux.status("acme").said()).isEqualTo("off");
        assertThat(linux.off("acme")).isEqualTo("there was no timer to turn off");
    }

    @Test
    void aSystemdThatDoesNotAnswerIsSaidWithTheCommandToRunLater() {
        exit = 1;
        assertThatThrownBy(() -> timer(BackupTimer.Os.LINUX).on("acme", List.of("/usr/local/bin/adaptivectl")))
                .isInstanceOf(BackupProblem.class)
                .hasMessageContaining("but systemd did not take it (Failed to connect to bus: No medium found)")
                .hasMessageEndingWith("systemctl --user enable --now adaptive-backup-acme.timer");
        assertThat(home.resolve(".config/systemd/user/adaptive-backup-acme.timer")).as("written, for later").exists();
    }

    @Test
    void onMacOsALaunchdAgentWithEachWordItsOwnArgument() throws Exception {
        String said = timer(BackupTimer.Os.MACOS).on("acme",
                List.of("/Applications/Adaptive Startup Console.app/Contents/MacOS/Adaptive Startup Console", "adaptivectl"));
        Path plist = home.resolve("Library/LaunchAgents/com.adaptivestartup.backup.acme.plist");
        assertThat(said).endsWith("launchd asks every hour (" + plist + ")");
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);   // offline
        var doc = factory.newDocumentBuilder().parse(plist.toFile());
        var strings = doc.getElementsByTagName("array").item(0).getChildNodes();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < strings.getLength(); i++) {
            if (strings.item(i).getNodeName().equals("string")) {
                args.add(strings.item(i).getTextContent());
            }
        }
        assertThat(args).containsExactly("/Applications/Adaptive Startup Console.app/Contents/MacOS/Adaptive Startup Console",
                "adaptivectl", "backup", "run-due", "--project", "acme");
        assertThat(Files.readString(plist)).contains("<key>StartInterval</key>\n  <integer>3600</integer>");
        assertThat(ran.getLast()).containsExactly("launchctl", "load", "-w", plist.toString());
    }

    @Test
    void onWindowsATaskSchedulerTaskWithTheLauncherQuoted() {
        String said = timer(BackupTimer.Os.WINDOWS).on("acme",
                List.of("C:\\Program Files\\Adaptive Startup Console\\Adaptive Startup Console.exe", "adaptivectl"));
        assertThat(said).endsWith("Task Scheduler asks every hour (AdaptiveStartup\\Daily backup of acme)");
        assertThat(ran).containsExactly(List.of("schtasks", "/Create", "/F", "/SC", "HOURLY", "/TN",
                "AdaptiveStartup\\Daily backup of acme", "/TR", "\"C:\\Program Files\\Adaptive Startup Console\\Adaptive"
                        + " Startup Console.exe\" adaptivectl backup run-due --project acme"));
    }

    @Test
    void theOsIsToldByItsName() {
        assertThat(BackupTimer.os("Windows 11")).isEqualTo(BackupTimer.Os.WINDOWS);
        assertThat(BackupTimer.os("Mac OS X")).isEqualTo(BackupTimer.Os.MACOS);
        assertThat(BackupTimer.os("Linux")).isEqualTo(BackupTimer.Os.LINUX);
    }
}
