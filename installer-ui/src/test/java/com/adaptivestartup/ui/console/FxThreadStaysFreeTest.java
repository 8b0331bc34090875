package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupSchedule;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.ui.app.FxBackground;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The JavaFX thread never waits for console-core: every operation below takes 400 ms (as a slow engine or
 * disk would), and while they run a probe posts to the FX thread every 20 ms; no post may wait 100 ms.
 */
@ExtendWith(ApplicationExtension.class)
class FxThreadStaysFreeTest {
    private static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    private static final long SLOW_MS = 400;
    private final FxBackground background = new FxBackground();
    private final FakeBackups backupsFake = new FakeBackups().withOne("scheduled", "daily");
    private final FakeUpdates updatesFake = new FakeUpdates();

    static void slow() {
        try {
            Thread.sleep(SLOW_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Start
    void start(Stage stage) {
        BackupOperations slowBackups = new BackupOperations() {
            public List<BackupCatalogue.Backup> list() {
                slow();
                return backupsFake.list();
            }

            public BackupCatalogue.Backup create(String note, Journal.Progress progress) {
                slow();
                return backupsFake.create(note, progress);
            }

            public void verify(String id) {
                slow();
                backupsFake.verify(id);
            }

            public void restore(String id, char[] passphrase, Journal.Progress progress) {
                slow();
            }

            public Optional<BackupSchedule> schedule() {
                return backupsFake.schedule();
            }

            public BackupSchedule schedule(LocalTime dailyAt, int keep) {
                slow();
                return backupsFake.schedule(dailyAt, keep);
            }

            public Path folder() {
                slow();
                return backupsFake.folder();
            }

            public Path chooseFolder(Path folder) {
                slow();
                return backupsFake.chooseFolder(folder);
            }

            public Path copy(String id, Path folder, java.util.function.LongConsumer bytes) {
                slow();
                return backupsFake.copy(id, folder, bytes);
            }

            public com.adaptivestartup.console.backup.BackupTimer.Status timer() {
                slow();
                return new com.adaptivestartup.console.backup.BackupTimer.Status(false, null);
            }

            public String timer(boolean on) {
                slow();
                return "off";
            }

            public boolean due() {
                slow();
                return backupsFake.due();
            }

            public java.util.Optional<com.adaptivestartup.console.backup.ScheduledBackups.Ran> runDue(
                    com.adaptivestartup.console.state.Journal.Progress progress) {
                slow();
                return backupsFake.runDue(progress);
            }
        };
        UpdateOperations slowUpdates = new UpdateOperations() {
            public Status check() {
                slow();
                return updatesFake.check();
            }

            public void apply(String version, Journal.Progress progress) {
                slow();
                updatesFake.apply(version, progress);
            }

            public void applyBundle(Path bundle, Journal.Progress progress) {
                slow();
            }

            public void confirm() {
                slow();
                updatesFake.confirm();
            }

            public String rollback(Journal.Progress progress) {
                slow();
                return updatesFake.rollback(progress);
            }

            public Path downloadConsole(LongConsumer bytesSoFar) {
                slow();
                return updatesFake.downloadConsole(bytesSoFar);
            }

            public void saveSettings(String channel, String pinned) {
                slow();
            }

            public void skip(String version) {
                slow();
            }

            public void dismiss(String noticeId) {
                slow();
            }
        };
        BackupsViewModel backups = new BackupsViewModel(slowBackups, background, new FakeDialogs(), ConsoleFakes.TEXT, ZoneOffset.UTC);
        UpdatesViewModel updates = new UpdatesViewModel(slowUpdates, background, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK, file -> { });
        LogsViewModel logs = new LogsViewModel(ConsoleFakes.logs(), background, new FakeDialogs(), java.time.ZoneOffset.UTC,
                ConsoleFakes.TEXT);
        TabPane tabs = new TabPane(new Tab("Backups", new BackupsView(backups, TEXT, f -> { })), new Tab("Updates",
                new UpdatesView(updates, TEXT)), new Tab("Logs", new LogsView(logs, TEXT)));
        stage.setScene(new Scene(tabs, 1100, 680));
        stage.show();
        backups.refresh();
        updates.refresh();
        logs.refresh();
    }

    @AfterEach
    void stop() {
        background.close();
    }

    @Test
    void noActionHoldsTheFxThreadForAsLongAsOneOperationTakes(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#backups").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        robot.moveTo("#backup-now");   // the test robot's own first move, not the console's
        AtomicLong worst = new AtomicLong();
        Thread probe = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                Platform.runLater(() -> worst.accumulateAndGet((System.nanoTime() - posted) / 1_000_000, Math::max));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            robot.clickOn("#backup-now");
            robot.clickOn("#backup-verify");   // ignored while busy: one operation at a time
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
            robot.interact(() -> table.getSelectionModel().select(0));
            robot.clickOn("#backup-verify");
            robot.clickOn("Updates");
            robot.clickOn("#update-check");
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#console-download").queryButton().isVisible()
                    && !robot.lookup("#console-download").queryButton().isDisabled());
            robot.clickOn("#console-download");
            robot.clickOn("Logs");
            robot.clickOn("#logs-follow");
            robot.clickOn("#logs-follow");
            Thread.sleep(3 * SLOW_MS);
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            probe.interrupt();
        }
        assertThat(backupsFake.asked).contains("create");
        assertThat(updatesFake.asked).contains("download console");
        // Each fake operation takes SLOW_MS: one run on the FX thread would keep a post waiting at least that long.
        // Half of it leaves room for a loaded machine's scheduling and the first layout of each tab (seen: 100-180 ms).
        assertThat(worst.get()).as("the longest the FX thread kept a post waiting, in ms").isLessThan(SLOW_MS / 2);
    }
}
