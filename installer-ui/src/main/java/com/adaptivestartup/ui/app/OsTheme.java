package com.adaptivestartup.ui.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the console should be dark: {@code ADAPTIVE_THEME=dark|light} when set, else what the OS says
 * (macOS: the global AppleInterfaceStyle; Windows: AppsUseLightTheme in the registry; Linux desktops:
 * GNOME's color-scheme, else a GTK theme whose name says dark). Asking takes a few milliseconds; if the OS
 * does not answer within 500 ms, light.
 */
final class OsTheme {
    private OsTheme() {
    }

    static boolean dark(Map<String, String> env, String osName) {
        String chosen = env.getOrDefault("ADAPTIVE_THEME", "").toLowerCase(Locale.ROOT);
        if (chosen.equals("dark") || chosen.equals("light")) {
            return chosen.equals("dark");
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return macDark(ask("defaults", "read", "-g", "AppleInterfaceStyle"));
        }
        if (os.contains("win")) {
            return windowsDark(ask("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme"));
        }
        String scheme = ask("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
        return linuxDark(scheme, scheme.contains("prefer-dark") ? "" : ask("gsettings", "get",
                "org.gnome.desktop.interface", "gtk-theme"), env.getOrDefault("GTK_THEME", ""));
    }

    static boolean macDark(String answer) {
        return answer.strip().equalsIgnoreCase("dark");
    }

    static boolean windowsDark(String answer) {
        return answer.matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0\\b.*");
    }

    static boolean linuxDark(String colorScheme, String gtkTheme, String gtkThemeVariable) {
        return colorScheme.contains("prefer-dark") || gtkTheme.toLowerCase(Locale.ROOT).contains("dark")
                || gtkThemeVariable.toLowerCase(Locale.ROOT).contains("dark");
    }

    /** What a small OS tool prints, or "" when it is missing, fails or takes too long. */
    private static String ask(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            if (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return p.exitValue() == 0 ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
