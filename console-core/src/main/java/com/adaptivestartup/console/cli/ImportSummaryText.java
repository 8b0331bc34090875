package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.cloudimport.ImportSummary;
import java.io.PrintWriter;
import java.util.Locale;

/** An import's summary as text: one row per table, the reasons under it, then the totals. */
final class ImportSummaryText {
    private ImportSummaryText() {
    }

    static void print(PrintWriter out, ImportSummary s) {
        out.printf(Locale.ROOT, "%-26s %-22s %7s %7s %7s %9s %7s %8s%n", "cloud table", "into", "read", "created",
                "updated", "unchanged", "skipped", "deleted");
        for (ImportSummary.Row r : s.rows()) {
            out.printf(Locale.ROOT, "%-26s %-22s %7d %7d %7d %9d %7d %8s%n", r.table(), r.into(), r.read(), r.created(),
                    r.updated(), r.unchanged(), r.skipped(), r.deletedInCloud() == 0 ? "" : r.deletedInCloud()
                            + (r.removed() > 0 ? " (gone)" : ""));
            r.why().forEach(w -> out.println("    " + w));
        }
        out.println();
        out.println(s.sentence());
    }

    static String duration(long seconds) {
        return seconds < 90 ? seconds + " s" : seconds < 5400 ? Math.round(seconds / 60.0) + " min"
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
