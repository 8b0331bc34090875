package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.Background;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackupsViewModelTest {
    private final FakeBackups backups = new FakeBackups().withOne("scheduled", "daily at 02:30");
    private final FakeDialogs dialogs = new FakeDialogs();
    private final BackupsViewModel model = new BackupsViewModel(backups, Background.SAME_THREAD, dialogs, ConsoleFakes.TEXT, ZoneOffset.UTC);

    @Test
    void listsBackupsWithWhatWasProvenAndTheSchedule() {
        model.refresh();
        assertThat(model.rows()).singleElement().isEqualTo(new BackupsViewModel.Row("20261128033000-scheduled",
                "2026-11-28 03:30", "scheduled", "1.1.0", "46 MB", "not verified yet", "daily at 02:30", false, 48_200_000));
        assertThat(model.scheduleTextProperty().get()).isEqualTo("No daily backup yet.");
        model.verify("20261128033000-scheduled");
        assertThat(model.rows().get(0).proven()).isEqualTo("verified ok");
        assertThat(model.progressProperty().get()).isEqualTo("Every checksum of 20261128033000-scheduled matches.");
    }

    @Test
    void theBackupsFolderIsShownAndChangedOnlyToOneThatCanBeWritten() {
        model.refresh();
        assertThat(model.folderTextProperty().get()).isEqualTo("Backups are written to"
                + " /home/admin/.local/share/adaptive-startup-console/backups.");
        model.chooseFolder(java.nio.file.Path.of("/mnt/readonly/backups"));
        assertThat(model.problemProperty().get()).isEqualTo("Backups folder failed: backups cannot be written in"
                + " /mnt/readonly/backups (Read-only file system); choose another folder.");
        model.chooseFolder(java.nio.file.Path.of("/mnt/nas/adaptive backups"));
        assertThat(model.progressProperty().get()).isEqualTo("Backups are written to /mnt/nas/adaptive backups from now on;"
                + " those made before stay where they are, and listed.");
        assertThat(model.folderTextProperty().get()).isEqualTo("Backups are written to /mnt/nas/adaptive backups.");
    }

    @Test
    void backUpNowReportsItsStepsAndTheNewBackupIsListed() {
        model.backUpNow("before the board meeting");
        assertThat(backups.asked).containsExactly("create");
        assertThat(model.rows()).hasSize(2);
        assertThat(model.rows().get(0).note()).isEqualTo("before the board meeting");
        assertThat(model.progressProperty().get()).startsWith("Backup ").endsWith(" is done.");
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aRestoreSaysWhatItReplacesAndAFailureIsSaidPlainly() {
        model.refresh();
        BackupsViewModel.Row row = model.rows().get(0);
        assertThat(model.restoreWarning(row)).isEqualTo("Restoring replaces the database, the files and the sessions with"
                + " the backup of 2026-11-28 03:30 (Adaptive Startup 1.1.0). The current state is backed up first, so it"
                + " can be brought back.");
        model.restore(row.id());
        assertThat(model.rows().get(0).kind()).isEqualTo("pre-restore");
        model.restore("broken-one");
        assertThat(model.problemProperty().get()).isEqualTo("Restore failed: the backup's entry database.dump has the wrong"
                + " checksum; nothing was changed.");
    }

    @Test
    void theScheduleIsSavedAndBadInputIsExplained() {
        model.dailyAtProperty().set("25:00");
        model.saveSchedule();
        assertThat(model.problemProperty().get()).isEqualTo("Schedule failed: '25:00' is not a time of day: write it as HH:MM,"
                + " for example 02:30.");
        model.dailyAtProperty().set("01:15");
        model.keepProperty().set("many");
        model.saveSchedule();
        assertThat(model.problemProperty().get()).isEqualTo("Schedule failed: keep is a number of backups, for example 7.");
        model.keepProperty().set("14");
        model.saveSchedule();
        assertThat(backups.asked).containsExactly("schedule 01:15 keep 14");
        assertThat(model.scheduleTextProperty().get()).startsWith("Daily at 01:15, keeping the 14 newest; next 2026-11-29 01:15");
    }

    @Test
    void theDailyBackupIsTakenWhenDueAndQuietOtherwise() {
        model.refresh();
        model.runIfDue();
        assertThat(backups.asked).as("not due: nothing asked, nothing said").isEmpty();
        assertThat(model.progressProperty().get()).isNull();
        backups.due = true;
        model.runIfDue();
        assertThat(backups.asked).containsExactly("run due");
        assertThat(model.progressProperty().get()).isEqualTo("Daily backup 20261128043000-scheduled; 1 older backup removed"
                + " as the schedule keeps.");
        assertThat(model.rows()).extracting(BackupsViewModel.Row::id).containsExactly("20261128043000-scheduled");
    }

    @Test
    void anEncryptedBackupIsRestoredWithItsPassphraseAskedAfterTheConfirmation() {
        backups.withEncrypted();
        model.refresh();
        BackupsViewModel.Row encrypted = model.rows().get(0);
        assertThat(encrypted.encrypted()).isTrue();
        model.askToRestore(encrypted);
        assertThat(dialogs.asked).hasSize(2);
        assertThat(dialogs.asked.get(1)).isEqualTo("The passphrase of this backup | This backup is encrypted. Type the"
                + " passphrase it was made with.");
        assertThat(backups.asked).as("no passphrase given: nothing restored").isEmpty();
        dialogs.secret = "wrong";
        model.askToRestore(encrypted);
        assertThat(model.problemProperty().get()).isEqualTo("Restore failed: the passphrase does not open this backup (or"
                + " the file is damaged); nothing was changed.");
        dialogs.secret = FakeBackups.PASSPHRASE;
        model.askToRestore(encrypted);
        assertThat(model.progressProperty().get()).isEqualTo("Restored " + encrypted.id() + "; Adaptive Startup is running"
                + " again.");
        dialogs.asked.clear();
        dialogs.answer = false;
        model.askToRestore(model.rows().get(1));
        assertThat(dialogs.asked).as("declined: no passphrase asked").hasSize(1);
    }

    @Test
    void aBackupIsCopiedToAFolderTheAdminChoosesWithItsProgress() {
        model.refresh();
        BackupsViewModel.Row row = model.rows().get(0);
        model.askToCopy(row);
        assertThat(backups.asked).as("no folder chosen").isEmpty();
        dialogs.chosen = java.nio.file.Path.of("/media/usb");
        java.util.List<String> lines = new java.util.ArrayList<>();
        model.progressProperty().subscribe((String line) -> lines.add(line));
        model.askToCopy(row);
        assertThat(backups.asked).containsExactly("copy 20261128033000-scheduled to /media/usb");
        assertThat(lines).contains("Copying 20261128033000-scheduled: 50% (23 MB of 46 MB)");
        assertThat(model.progressProperty().get()).isEqualTo("Copied to /media/usb/20261128033000-scheduled.tar, and"
                + " checked: it matches the backup.");
        assertThat(model.folder()).isEqualTo(java.nio.file.Path.of("/home/admin/.local/share/adaptive-startup-console/backups"));
    }

    @Test
    void theDailyBackupRunsWhenTheConsoleIsClosedOnceTheComputersSchedulerIsAsked() {
        FakeBackups fake = new FakeBackups();
        BackupsViewModel model = new BackupsViewModel(fake, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT,
                ZoneOffset.UTC);
        model.refresh();
        assertThat(model.whenClosedProperty().get()).isFalse();
        assertThat(model.whenClosedTextProperty().get()).isEqualTo("Only while the console is open.");
        model.runWhenClosed(true);
        assertThat(model.progressProperty().get()).isEqualTo("The daily backup also runs when the console is closed:"
                + " systemd asks every hour.");
        assertThat(model.whenClosedProperty().get()).isTrue();
        assertThat(model.whenClosedTextProperty().get()).isEqualTo("The computer's scheduler asks every hour whether it is"
                + " due (/home/ana/.config/systemd/user/adaptive-backup-adaptive.timer).");
        fake.timerRefusal = "the timer is written in /home/ana/.config/systemd/user but systemd did not take it (Failed to"
                + " connect to bus); in a desktop session run: systemctl --user enable --now adaptive-backup-adaptive.timer";
        model.runWhenClosed(false);
        assertThat(model.problemProperty().get()).startsWith("Timer failed: the timer is written in");
        assertThat(model.whenClosedProperty().get()).as("still as the computer has it").isTrue();
        assertThat(fake.asked).containsExactly("timer on", "timer off");
    }
}
