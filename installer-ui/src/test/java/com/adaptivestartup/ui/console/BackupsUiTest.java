package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.app.FxBackground;
import java.time.ZoneOffset;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Backups view, headless: Back up now, then a restore that asks first and is cancelled, then confirmed. */
@ExtendWith(ApplicationExtension.class)
class BackupsUiTest {
    private static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    private final FxBackground background = new FxBackground();
    private final FakeBackups backups = new FakeBackups().withOne("scheduled", "daily at 02:30");

    @Start
    void start(Stage stage) {
        BackupsViewModel model = new BackupsViewModel(backups, background, new com.adaptivestartup.ui.app.FxDialogs(() -> stage), ConsoleFakes.TEXT, ZoneOffset.UTC);
        stage.setScene(new Scene(new BackupsView(model, TEXT, f -> { }), 1100, 680));
        stage.show();
        model.refresh();
    }

    @AfterEach
    void stop() {
        background.close();
    }

    @Test
    void backUpNowThenARestoreThatAsksFirst(FxRobot robot) throws Exception {
        TableView<?> table = robot.lookup("#backups").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        robot.clickOn("#backup-now");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertThat(robot.lookup("#backups-progress").queryAs(Label.class).getText()).endsWith(" is done.");
        assertThat(robot.lookup("#backup-restore").queryButton().isDisabled()).isTrue();

        robot.interact(() -> table.getSelectionModel().select(1));
        String chosen = ((BackupsViewModel.Row) table.getSelectionModel().getSelectedItem()).id();
        robot.clickOn("#backup-verify");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#backups-progress").queryAs(Label.class).getText()
                .endsWith(" matches."));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((BackupsViewModel.Row) table.getSelectionModel().getSelectedItem()).id())
                .as("Verify keeps the selection").isEqualTo(chosen);
        assertThat(((BackupsViewModel.Row) table.getSelectionModel().getSelectedItem()).proven()).isEqualTo("verified ok");
        backups.asked.remove("verify " + chosen);
        robot.clickOn("#backup-restore");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(backups.asked).containsExactly("create");

        robot.clickOn("#backup-restore");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn((javafx.scene.Node n) -> n instanceof javafx.scene.control.Button b && b.getText().equals("Restore")
                && b.getId() == null);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> backups.asked.size() == 2);
        assertThat(backups.asked.get(1)).isEqualTo("restore 20261128033000-scheduled");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 3);
    }
}
