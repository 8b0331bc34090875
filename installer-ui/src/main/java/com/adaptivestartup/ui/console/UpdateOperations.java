package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.update.ConsoleUpdates;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/** What the Updates view asks of console-core for one installation (its update service in the app, a fake in tests). */
public interface UpdateOperations {
    /** A version newer than the installed one; {@code allowed}: the license covers it. */
    record Newer(String version, String notes, boolean allowed) {
    }

    /** A notice from the vendor for this installation. */
    record Notice(String id, String severity, String title, String body) {
    }

    /**
     * What the channel says for this installation. {@code offline}: why the source could not be reached (the
     * channel as last received is shown), else null. {@code newest}: what an update would go to, else null.
     * {@code console}: a newer console for this computer, else null. {@code pendingConfirmation}: an update
     * was applied and not yet confirmed, so it can still be rolled back with the data as it was.
     * {@code pinned}: the version updates stop at, else null. {@code rollbackWarning}: how a rollback would go
     * and what it would keep or lose, said before the admin says yes; null when there is nothing to roll back.
     */
    record Status(String installed, String channel, String offline, List<Newer> newer, String newest,
                  List<Notice> notices, ConsoleUpdates.Offer console, boolean pendingConfirmation, String pinned,
                  String rollbackWarning, String interrupted) {
    }

    Status check();

    void apply(String version, Journal.Progress progress);

    /** Checks an offline bundle whole, then updates from it (the same transaction as {@link #apply}). */
    void applyBundle(Path bundle, Journal.Progress progress);

    /** Keeps the new version: the pre-update backups are released to the normal retention. */
    void confirm();

    /** Rolls back to the version before the last update; returns what was done, in a sentence. */
    String rollback(Journal.Progress progress);

    /** The channel to follow (null: the license's) and the version to stop at (null: none); refused with a sentence. */
    void saveSettings(String channel, String pinned);

    /** Do not offer this version again. */
    void skip(String version);

    /** Do not show this notice again. */
    void dismiss(String noticeId);

    /** Downloads the newer console's installer, checked against the signed channel. */
    Path downloadConsole(LongConsumer bytesSoFar);
}
