package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupSchedule;
import com.adaptivestartup.console.state.Journal;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** What the Backups view asks of console-core for one installation (its backup services in the app, a fake in tests). */
public interface BackupOperations {
    List<BackupCatalogue.Backup> list();

    BackupCatalogue.Backup create(String note, Journal.Progress progress);

    /** Checks every checksum; the result is recorded and shows in {@link #list}. */
    void verify(String id);

    /** {@code passphrase}: for an encrypted backup, else null. */
    void restore(String id, char[] passphrase, Journal.Progress progress);

    /** Copies backup {@code id} into {@code folder}, checked whole (see console-core's BackupCopy); returns the copy. */
    java.nio.file.Path copy(String id, java.nio.file.Path folder, java.util.function.LongConsumer bytesSoFar);

    Optional<BackupSchedule> schedule();

    BackupSchedule schedule(LocalTime dailyAt, int keep);

    /** Where backups are written now (for every installation on this machine). */
    java.nio.file.Path folder();

    /**
     * Writes backups to {@code folder} from now on, after checking it can be written; throws with a sentence when it
     * cannot. Backups already made stay where they are, and listed.
     */
    java.nio.file.Path chooseFolder(java.nio.file.Path folder);

    /** Whether this computer's scheduler runs the daily backup when the console is closed, and where. */
    com.adaptivestartup.console.backup.BackupTimer.Status timer();

    /** Turns this computer's timer on or off; what it did, in words. */
    String timer(boolean on);

    /** The daily backup is due now (its time has come and it has not run since). */
    boolean due();

    /** Takes the daily backup if it is due, then prunes to the schedule's keep; empty when it was not due. */
    Optional<com.adaptivestartup.console.backup.ScheduledBackups.Ran> runDue(Journal.Progress progress);
}
