package com.adaptivestartup.console.update;

import com.adaptivestartup.console.release.Versions;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the channel offers a newer desktop console than the one running, with an installer for this OS
 * (the console updates itself the way the admin installed it: the new installer replaces the old program and
 * keeps its state, which lives outside the program's folder).
 */
public final class ConsoleUpdates {
    private ConsoleUpdates() {
    }

    /** A newer console, and the installer to download for this machine. */
    public record Offer(String version, String notes, ChannelManifest.Installer installer) {
    }

    /**
     * The newest console release above {@code running} with an installer for {@code osName}; none when the
     * running version is unknown (null: a build from source, which is updated from source).
     */
    public static Optional<Offer> offer(ChannelManifest manifest, String running, String osName) {
        if (running == null) {
            return Optional.empty();
        }
        String os = osOf(osName);
        return manifest.consoleReleases().stream()
                .filter(r -> Versions.compare(r.version(), running) > 0)
                .sorted(Comparator.comparing(ChannelManifest.ConsoleRelease::version, Versions::compare).reversed())
                .flatMap(r -> r.installers().stream().filter(i -> i.os().equals(os)).findFirst()
                        .map(i -> new Offer(r.version(), r.notes() == null ? "" : r.notes(), i)).stream())
                .findFirst();
    }

    static String osOf(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        return os.contains("win") ? "windows" : os.contains("mac") ? "macos" : "linux";
    }

    /**
     * This console's version as its native installer's launcher says ({@code -Dadaptive.consoleVersion}) or
     * its jar's manifest does; null for a build from source.
     */
    public static String runningVersion() {
        String fromLauncher = System.getProperty("adaptive.consoleVersion");
        if (fromLauncher != null && fromLauncher.matches("\\d+\\.\\d+\\.\\d+")) {
            return fromLauncher;
        }
        String fromJar = ConsoleUpdates.class.getPackage().getImplementationVersion();
        if (fromJar != null && fromJar.matches("\\d+\\.\\d+\\.\\d+")) {
            return fromJar;
        }
        return null;
    }
}
