package com.adaptivestartup.console.state;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the console keeps its own state, in each OS's conventional place: Windows
 * {@code %APPDATA%}, macOS {@code ~/Library/Application Support}, Linux {@code $XDG_DATA_HOME}
 * (or {@code ~/.local/share}). {@code ADAPTIVE_CONSOLE_HOME} overrides all of them, for tests and
 * for running two consoles side by side.
 */
public record AppDirectories(Path stateDir) {
    public static final String OVERRIDE_VARIABLE = "ADAPTIVE_CONSOLE_HOME";

    public static AppDirectories forThisUser() {
        return resolve(System.getProperty("os.name", ""), System.getProperty("user.home"), System.getenv());
    }

    public static AppDirectories resolve(String osName, String userHome, Map<String, String> env) {
        String override = env.get(OVERRIDE_VARIABLE);
        if (override != null && !override.isBlank()) {
            return new AppDirectories(Path.of(override));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return new AppDirectories(base.resolve("AdaptiveStartup").resolve("Console"));
        }
        if (os.contains("mac")) {
            return new AppDirectories(home.resolve("Library/Application Support/Adaptive Startup Console"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/share");
        return new AppDirectories(base.resolve("adaptive-startup-console"));
    }
}
