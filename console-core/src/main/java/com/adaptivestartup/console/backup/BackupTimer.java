package com.adaptivestartup.console.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The daily backup when the console is closed: this computer's own scheduler asks {@code adaptivectl backup run-due}
 * every hour (it backs up only when the schedule says it is due, so an hourly call is safe and a computer that was off
 * at 02:30 catches up within the hour it is back). On Linux a systemd user timer (persistent across reboots), on macOS
 * a launchd agent, on Windows a Task Scheduler task; each is the user's own, needs no administrator, and is named by
 * the installation so two installations have two timers. On, off and whether it is on, in words.
 */
public final class BackupTimer {
    public enum Os { LINUX, MACOS, WINDOWS }

    /** Runs one of the scheduler's own commands (systemctl, launchctl, schtasks): exit code and what it printed. */
    public interface Commands {
        Result run(List<String> argv);

        record Result(int exit, String output) {
        }

        Commands PROCESSES = argv -> {
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, argv.getFirst() + " did not answer within 30 seconds");
                }
                return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                return new Result(-1, argv.getFirst() + " cannot be run here (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(-1, "interrupted");
            }
        };
    }

    private final Os os;
    private final Path home;
    private final Commands commands;

    public BackupTimer(Os os, Path home, Commands commands) {
        this.os = os;
        this.home = home;
        this.commands = commands;
    }

    /** This computer's timer, by the {@code os.name} it reports. */
    public static BackupTimer forThisComputer() {
        return new BackupTimer(os(System.getProperty("os.name", "")), Path.of(System.getProperty("user.home")),
                Commands.PROCESSES);
    }

    static Os os(String osName) {
        String n = osName.toLowerCase(Locale.ROOT);
        return n.startsWith("windows") ? Os.WINDOWS : n.startsWith("mac") ? Os.MACOS : Os.LINUX;
    }

    /**
     * Turns the timer on (or rewrites it: the launcher may have moved with an update); {@code launcher} is the command
     * that runs adaptivectl, to which {@code backup run-due --project <project>} is added. Returns what it did.
     */
    public String on(String project, List<String> launcher) {
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(List.of("backup", "run-due", "--project", project));
        try {
            return switch (os) {
                case LINUX -> onLinux(project, argv);
                case MACOS -> onMac(project, argv);
                case WINDOWS -> onWindows(project, argv);
            };
        } catch (IOException e) {
            throw new BackupProblem("the timer cannot be written in " + home + " (" + e.getMessage() + ")", e);
        }
    }

    /** Turns the timer off and removes what {@link #on} wrote; says so, also when there was none. */
    public String off(String project) {
        try {
            switch (os) {
                case LINUX -> {
                    commands.run(List.of("systemctl", "--user", "disable", "--now", unit(project) + ".timer"));
                    boolean had = Files.deleteIfExists(systemdDir().resolve(unit(project) + ".timer"));
                    Files.deleteIfExists(systemdDir().resolve(unit(project) + ".service"));
                    commands.run(List.of("systemctl", "--user", "daemon-reload"));
                    return had ? "the timer " + unit(project) + ".timer is off and removed" : "there was no timer to turn off";
                }
                case MACOS -> {
                    Path plist = plist(project);
                    if (!Files.exists(plist)) {
                        return "there was no timer to turn off";
                    }
                    commands.run(List.of("launchctl", "unload", "-w", plist.toString()));
                    Files.delete(plist);
                    return "the launchd agent " + label(project) + " is off and removed";
                }
                default -> {
                    var r = commands.run(List.of("schtasks", "/Delete", "/F", "/TN", task(project)));
                    return r.exit() == 0 ? "the scheduled task " + task(project) + " is off and removed"
                            : "there was no timer to turn off";
                }
            }
        } catch (IOException e) {
            throw new BackupProblem("the timer cannot be removed from " + home + " (" + e.getMessage() + ")", e);
        }
    }

    /** Whether the timer is on; {@code where} it is (on), or why it does not run (written, not enabled); null: none. */
    public record Status(boolean on, String where) {
        public String said() {
            return on ? "on (" + where + ")" : where == null ? "off" : "written but not enabled (" + where + ")";
        }
    }

    public Status status(String project) {
        return switch (os) {
            case LINUX -> {
                if (!Files.exists(systemdDir().resolve(unit(project) + ".timer"))) {
                    yield new Status(false, null);
                }
                var r = commands.run(List.of("systemctl", "--user", "is-enabled", unit(project) + ".timer"));
                yield r.exit() == 0 ? new Status(true, systemdDir().resolve(unit(project) + ".timer").toString())
                        : new Status(false, r.output());
            }
            case MACOS -> Files.exists(plist(project)) ? new Status(true, plist(project).toString()) : new Status(false, null);
            case WINDOWS -> commands.run(List.of("schtasks", "/Query", "/TN", task(project))).exit() == 0
                    ? new Status(true, "Task Scheduler: " + task(project)) : new Status(false, null);
        };
    }

    private String onLinux(String project, List<String> argv) throws IOException {
        Path dir = Files.createDirectories(systemdDir());
        write(dir.resolve(unit(project) + ".service"), """
                [Unit]
                Description=Adaptive Startup: the daily backup of %s, when it is due

                [Service]
                Type=oneshot
                ExecStart=%s
                """.formatted(project, systemdCommand(argv)));
        write(dir.resolve(unit(project) + ".timer"), """
                [Unit]
                Description=Adaptive Startup: ask hourly whether the daily backup of %s is due

                [Timer]
                OnCalendar=hourly
                RandomizedDelaySec=300
                Persistent=true

                [Install]
                WantedBy=timers.target
                """.formatted(project));
        var reload = commands.run(List.of("systemctl", "--user", "daemon-reload"));
        var enable = reload.exit() == 0
                ? commands.run(List.of("systemctl", "--user", "enable", "--now", unit(project) + ".timer")) : reload;
        if (enable.exit() != 0) {
            throw new BackupProblem("the timer is written in " + dir + " but systemd did not take it (" + enable.output()
                    + "); in a desktop session run: systemctl --user enable --now " + unit(project) + ".timer");
        }
        return "the daily backup also runs when the console is closed: systemd asks every hour ("
                + dir.resolve(unit(project) + ".timer") + ")";
    }

    private String onMac(String project, List<String> argv) throws IOException {
        Path plist = plist(project);
        Files.createDirectories(plist.getParent());
        StringBuilder args = new StringBuilder();
        argv.forEach(a -> args.append("    <string>").append(xml(a)).append("</string>\n"));
        write(plist, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>%s</string>
                  <key>ProgramArguments</key>
                  <array>
                %s  </array>
                  <key>StartInterval</key>
                  <integer>3600</integer>
                  <key>RunAtLoad</key>
                  <true/>
                  <key>ProcessType</key>
                  <string>Background</string>
                </dict>
                </plist>
                """.formatted(label(project), args));
        commands.run(List.of("launchctl", "unload", plist.toString()));   // an older one goes first
        var load = commands.run(List.of("launchctl", "load", "-w", plist.toString()));
        if (load.exit() != 0) {
            throw new BackupProblem("launchd did not take the agent " + plist + " (" + load.output() + ")");
        }
        return "the daily backup also runs when the console is closed: launchd asks every hour (" + plist + ")";
    }

    private String onWindows(String project, List<String> argv) {
        var create = commands.run(List.of("schtasks", "/Create", "/F", "/SC", "HOURLY", "/TN", task(project), "/TR",
                windowsCommand(argv)));
        if (create.exit() != 0) {
            throw new BackupProblem("Task Scheduler did not take the task " + task(project) + " (" + create.output() + ")");
        }
        return "the daily backup also runs when the console is closed: Task Scheduler asks every hour (" + task(project)
                + ")";
    }

    private Path systemdDir() {
        return home.resolve(".config/systemd/user");
    }

    private Path plist(String project) {
        return home.resolve("Library/LaunchAgents").resolve(label(project) + ".plist");
    }

    static String unit(String project) {
        return "adaptive-backup-" + project;
    }

    static String label(String project) {
        return "com.adaptivestartup.backup." + project;
    }

    static String task(String project) {
        return "AdaptiveStartup\\Daily backup of " + project;
    }

    /** systemd's ExecStart quoting: each word in double quotes, its quotes and backslashes escaped, % doubled. */
    static String systemdCommand(List<String> argv) {
        StringBuilder s = new StringBuilder();
        for (String a : argv) {
            s.append(s.isEmpty() ? "" : " ").append('"')
                    .append(a.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%")).append('"');
        }
        return s.toString();
    }

    /** schtasks' /TR: the program in double quotes (its path may have spaces), then its words. */
    static String windowsCommand(List<String> argv) {
        StringBuilder s = new StringBuilder("\"" + argv.getFirst() + "\"");
        for (String a : argv.subList(1, argv.size())) {
            s.append(' ').append(a.contains(" ") ? "\"" + a + "\"" : a);
        }
        return s.toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
