package com.adaptivestartup.console.release;

/** Compares dotted version numbers (1.10.0 after 1.9.2; 1.41 before 1.47) part by part, as numbers. */
public final class Versions {
    private Versions() {
    }

    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
