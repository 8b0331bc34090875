package com.adaptivestartup.console.operate;

import java.util.Locale;

/** Sizes as people read them: 512 B, 45 KB, 3.2 MB, 1.4 GB (powers of 1024, one decimal below ten). */
public final class Sizes {
    private Sizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value))
                + " " + units[unit];
    }
}
