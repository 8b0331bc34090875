package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.stack.StackPlan;
import java.util.List;

/**
 * Where a stack keeps its data, and so how it is backed up and restored. The full stack: a PostgreSQL service (dumped
 * by the helper scripts run in its own image, restored into a new database swapped in by rename) and the other data
 * volumes (packed whole). The single container: the server keeps its SQLite database and its files in its one data
 * volume; the helpers run in its own image ({@code single-*.sh}), the database is taken as SQLite's consistent copy and
 * the volume's other files packed beside it, and both come back together by a swap of the volume's content. The
 * archive's format, checks, catalogue and downtime are the same for both.
 *
 * @param helperService the service whose image runs the helper scripts, with its settings and secrets
 * @param scriptPrefix  what the helper scripts' names begin with
 * @param databasePart  the archive's database entry ({@link BackupLayout#DATABASE} or {@link BackupLayout#SQLITE})
 * @param volumes       the named volumes packed whole
 * @param appendOnly    of those, Redis's: append-only files that grow while they are read, copied each to its end
 *                      (with Redis's log rewrites held, {@link RedisRewriteHold}) before they are packed
 * @param ownDatabase   the database is a service of its own: it must run for a backup and a restore, and a restored
 *                      database from an older release is migrated forward by the console (the single container
 *                      migrates its own at start)
 */
record BackupRecipe(String helperService, String scriptPrefix, String databasePart, List<String> volumes,
                    List<String> appendOnly, boolean ownDatabase) {

    static BackupRecipe of(StackPlan plan) {
        if (plan.services().stream().anyMatch(s -> s.name().equals(StackPlan.DATABASE))) {
            List<String> database = plan.service(StackPlan.DATABASE).mounts().stream().filter(m -> !m.bind())
                    .map(StackPlan.VolumeMount::source).toList();
            List<String> redis = plan.services().stream().filter(s -> s.name().equals(StackPlan.REDIS))
                    .flatMap(s -> s.mounts().stream()).filter(m -> !m.bind()).map(StackPlan.VolumeMount::source).toList();
            return new BackupRecipe(StackPlan.DATABASE, "", BackupLayout.DATABASE,
                    plan.volumes().stream().filter(v -> !database.contains(v)).sorted().toList(), redis, true);
        }
        StackPlan.Service server = plan.services().getFirst();
        List<String> volumes = server.mounts().stream().filter(m -> !m.bind()).map(StackPlan.VolumeMount::source).toList();
        if (plan.services().size() != 1 || volumes.size() != 1) {
            throw new BackupProblem("this stack has no database service and is not one container with one data volume;"
                    + " the console cannot tell where its data is, and backs up nothing rather than part of it");
        }
        return new BackupRecipe(server.name(), "single-", BackupLayout.SQLITE, volumes, List.of(), false);
    }

    /** A helper script's resource name, such as {@code backup.sh} or {@code single-backup.sh}. */
    String script(String name) {
        return scriptPrefix + name;
    }

    /** What an installation of this kind says a backup of the other kind is, when one is restored into it. */
    String otherKind() {
        return ownDatabase ? "the single container's (SQLite)" : "the full stack's (PostgreSQL)";
    }
}
