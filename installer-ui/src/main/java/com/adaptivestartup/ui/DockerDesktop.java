package com.adaptivestartup.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Docker Desktop on this computer, where it is installed (Windows and macOS, where most admins have it): the command
 * that starts it, offered on the "Docker is not running" banner. Elsewhere (a Linux server's engine is a system
 * service, a remote engine is someone else's) nothing is offered and the banner's advice stands alone.
 */
public final class DockerDesktop {
    private DockerDesktop() {
    }

    /**
     * The command that starts Docker Desktop here, or empty when it is not installed where it installs itself.
     * {@code exists}: whether a path is there (the file system in the app, a set of paths in tests).
     */
    public static Optional<List<String>> startCommand(String osName, Map<String, String> env, Predicate<Path> exists) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            for (String root : List.of(env.getOrDefault("ProgramFiles", "C:\\Program Files"),
                    env.getOrDefault("ProgramW6432", "C:\\Program Files"))) {
                Path exe = Path.of(root, "Docker", "Docker", "Docker Desktop.exe");
                if (exists.test(exe)) {
                    return Optional.of(List.of(exe.toString()));
                }
            }
            return Optional.empty();
        }
        if (os.contains("mac")) {
            for (Path app : List.of(Path.of("/Applications/Docker.app"),
                    Path.of(env.getOrDefault("HOME", "/nonexistent"), "Applications", "Docker.app"))) {
                if (exists.test(app)) {
                    return Optional.of(List.of("open", "-a", app.toString()));
                }
            }
        }
        return Optional.empty();
    }
}
