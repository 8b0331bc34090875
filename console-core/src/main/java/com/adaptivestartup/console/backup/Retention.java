package com.adaptivestartup.console.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which backups a prune keeps and which it deletes, and why: a pure decision, so it can be shown before
 * it is carried out ({@code backup prune --dry-run}, the UI's preview). The rules, in order: the newest
 * good backup is always kept (a prune can never leave an install without a way back); a held backup is
 * kept (one taken before an update that is not confirmed yet); then the {@code keep} newest of the rest
 * are kept; everything older goes.
 */
public final class Retention {
    private Retention() {
    }

    public record Decision(BackupCatalogue.Backup backup, boolean keep, String reason) {
    }

    /** {@code newestFirst}: one installation's backups, as {@link BackupCatalogue#list} gives them. */
    public static List<Decision> decide(List<BackupCatalogue.Backup> newestFirst, int keep) {
        if (keep < 1) {
            throw new BackupProblem("keep must be at least 1 (the newest good backup is never deleted anyway)");
        }
        Optional<BackupCatalogue.Backup> newestGood = newestFirst.stream().filter(BackupCatalogue.Backup::good).findFirst();
        List<Decision> out = new ArrayList<>();
        int kept = 0;
        for (BackupCatalogue.Backup b : newestFirst) {
            if (newestGood.isPresent() && newestGood.get().id().equals(b.id())) {
                kept++;
                out.add(new Decision(b, true, "the newest good backup"));
            } else if (b.hold() != null) {
                out.add(new Decision(b, true, "held: " + b.hold()));
            } else if (kept < keep) {
                kept++;
                out.add(new Decision(b, true, "one of the " + keep + " newest"));
            } else {
                out.add(new Decision(b, false, b.good() ? "older than the " + keep + " newest" : "older, and a check of it failed"));
            }
        }
        return out;
    }
}
