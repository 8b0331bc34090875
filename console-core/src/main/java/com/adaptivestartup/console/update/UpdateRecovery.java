package com.adaptivestartup.console.update;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.InstallationLock;
import java.util.List;
import java.util.Optional;

/**
 * Finishes or undoes an update that was cut short (the console killed, the machine or the engine
 * restarted). Run when the console starts and before every update command: if the journal's last update
 * never ended and nobody holds the update lock, it was interrupted. Interrupted before the install began
 * changing containers: nothing to undo. After the new release was fully in place: recorded as done.
 * In between: rolled back to the previous version with the backup this update took.
 */
public final class UpdateRecovery {
    private final UpdateService updates;
    private final Journal journal;
    private final BackupCatalogue catalogue;

    public UpdateRecovery(UpdateService updates, Journal journal, BackupCatalogue catalogue) {
        this.updates = updates;
        this.journal = journal;
        this.catalogue = catalogue;
    }

    /**
     * Whether the journal's last update never ended: cheap (the journal only), so a front end asks it at its start
     * before it builds what a recovery needs (the engine's connection).
     */
    public static boolean mayBeInterrupted(Journal journal, String project) {
        List<Journal.Entry> entries = journal.lastOperation(project, UpdateService.OPERATION);
        return !entries.isEmpty() && !ended(entries);
    }

    /** What was found and done, for the admin; empty when no update was interrupted. */
    public Optional<String> recover(String project, InstallListener listener) {
        List<Journal.Entry> entries = journal.lastOperation(project, UpdateService.OPERATION);
        if (entries.isEmpty() || ended(entries)) {
            return Optional.empty();
        }
        InstallationLock lock;
        try {
            lock = updates.lock(project);
        } catch (UpdateService.UpdateFailed busy) {
            return Optional.empty(); // it is running right now, in another process
        }
        try (lock) {
            entries = journal.lastOperation(project, UpdateService.OPERATION);
            if (ended(entries)) {
                return Optional.empty();
            }
            Journal.Operation op = journal.resume(entries.get(0));
            String[] plan = detail(entries, "plan", "done").orElse("? -> ?").split(" -> ");
            String from = plan[0];
            String to = plan[1];
            String lastStep = entries.get(entries.size() - 1).step();
            if (detail(entries, "deploy", "started").isEmpty()) {
                String message = "the update from " + from + " to " + to + " was interrupted (during '" + lastStep
                        + "') before anything was changed; nothing to undo, the stack runs " + from;
                detail(entries, "backup", "done").ifPresent(updates::release);
                op.record("operation", "failed", message);
                return Optional.of(message);
            }
            if (detail(entries, "deploy", "done").isPresent()) {
                String message = "the update from " + from + " to " + to + " had finished when the console stopped; it is"
                        + " recorded as done";
                op.record("operation", "done", from + " -> " + to);
                return Optional.of(message);
            }
            String backupId = detail(entries, "backup", "done").orElseThrow();
            BackupCatalogue.Backup backup = catalogue.find(backupId).orElseThrow(() -> new UpdateService.UpdateFailed(
                    "the update from " + from + " to " + to + " was interrupted, and its backup " + backupId + " is gone;"
                    + " restore a backup with `adaptivectl backup restore`", false));
            Installations.Installation now = updates.installation(project);
            Installations.Installation previous = now.atVersion(from);
            updates.rollBack(op, previous, backup, listener);
            updates.release(backup.id());
            String message = "the update from " + from + " to " + to + " was interrupted (during '" + lastStep
                    + "'); rolled back to " + from + " with the data as of " + backup.createdAt() + "; nothing lost";
            op.record("operation", "failed", message);
            return Optional.of(message);
        }
    }

    private static boolean ended(List<Journal.Entry> entries) {
        Journal.Entry last = entries.get(entries.size() - 1);
        return last.step().equals("operation") && !last.status().equals("started");
    }

    /** The detail of the last entry with this step and status that has one. */
    private static Optional<String> detail(List<Journal.Entry> entries, String step, String status) {
        return entries.stream().filter(e -> e.step().equals(step) && e.status().equals(status) && e.detail() != null)
                .reduce((a, b) -> b).map(Journal.Entry::detail);
    }
}
