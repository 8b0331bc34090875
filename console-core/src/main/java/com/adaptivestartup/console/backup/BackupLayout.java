package com.adaptivestartup.console.backup;

import java.util.regex.Pattern;

/**
 * The names an archive may hold, and nothing else: the manifest, the database dump (PostgreSQL custom
 * format, compressed by pg_dump) or, for the single container, a copy of its SQLite database (zstd), one
 * zstd-compressed tar per data volume, and the install's
 * configuration (compose file, .env, secrets). An entry with any other name is refused, so no entry can
 * land outside the folder it is restored to.
 */
public final class BackupLayout {
    public static final String DATABASE = "database.dump";
    /** The single container's database: SQLite's consistent copy, zstd-compressed. */
    public static final String SQLITE = "database.sqlite.zst";
    public static final String VOLUMES = "volumes/";
    public static final String VOLUME_SUFFIX = ".tar.zst";
    public static final String CONFIG = "config/";
    private static final Pattern VOLUME = Pattern.compile("volumes/[a-z0-9][a-z0-9_.-]{0,62}\\.tar\\.zst");
    private static final Pattern CONFIG_FILE = Pattern.compile("config/(docker-compose\\.yml|\\.env|secrets/[a-z0-9_]{1,64})");

    private BackupLayout() {
    }

    public static boolean isAllowed(String name) {
        return name.equals(BackupManifest.NAME) || isDatabase(name) || VOLUME.matcher(name).matches()
                || CONFIG_FILE.matcher(name).matches();
    }

    /** Refuses a name that is not one of ours, saying which. */
    public static void checkName(String name) {
        if (!isAllowed(name)) {
            throw new BackupProblem("the backup holds an entry named '" + printable(name) + "', which is not part of an"
                    + " Adaptive Startup backup; it is refused and nothing was changed");
        }
    }

    /** Whether the entry is a database (either kind). */
    public static boolean isDatabase(String name) {
        return name.equals(DATABASE) || name.equals(SQLITE);
    }

    public static String volumeEntry(String volumeKey) {
        return VOLUMES + volumeKey + VOLUME_SUFFIX;
    }

    public static String volumeKey(String entry) {
        return entry.substring(VOLUMES.length(), entry.length() - VOLUME_SUFFIX.length());
    }

    static String printable(String name) {
        String s = name.length() > 120 ? name.substring(0, 120) + "..." : name;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
