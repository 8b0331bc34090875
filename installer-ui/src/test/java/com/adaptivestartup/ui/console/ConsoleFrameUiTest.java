package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.app.FxBackground;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's frame, headless: the header says the version, the update on offer, the license and the engine; the
 * dashboard's summary the last backup; every section is reached from the keyboard (Ctrl+digit and the sidebar's
 * arrows), its view made once, and Tab walks into it; Stop all asks first.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleFrameUiTest {
    private final FxBackground background = new FxBackground();
    private final FakeStack stack = new FakeStack();
    private final FakeDialogs dialogs = new FakeDialogs();
    private ConsoleFrame frame;
    private FakeConsoleFrame console;

    @Start
    void start(Stage stage) {
        console = new FakeConsoleFrame(stack, background, dialogs);
        frame = console.frame;
        stage.setScene(new Scene(frame, 1180, 720));
        stage.show();
        console.start();
    }

    @AfterEach
    void stop() {
        background.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theHeaderAndTheSummarySayWhereTheInstallationStands(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#status-line").equals("Refreshed at 10:00:00")
                && !text(robot, "#header-engine").isEmpty() && !text(robot, "#summary-backup").isEmpty()
                && !text(robot, "#header-license").isEmpty());
        assertThat(text(robot, "#header-version")).isEqualTo("Version 1.0.0");
        assertThat(text(robot, "#header-updates")).isEqualTo("Update to 1.1.0 available");
        assertThat(text(robot, "#header-license")).isEqualTo("Licensed, 23 days left");
        assertThat(text(robot, "#header-engine")).isEqualTo("Engine: Docker 27.3.1, via ssh://admin@docker-host.office.lan");
        assertThat(robot.lookup("#header-engine").queryAs(Label.class).getTooltip().getText())
                .startsWith("Docker 27.3.1 (Ubuntu 24.04.1 LTS), API 1.47");
        assertThat(ConsoleSummary.shortName("Docker 20.10.24+dfsg1 (Debian GNU/Linux 12 (bookworm)), API 1.41, via standard"
                + " socket (unix:///var/run/docker.sock)")).isEqualTo("Docker 20.10.24+dfsg1");
        assertThat(ConsoleSummary.shortName("Podman 5")).isEqualTo("Podman 5");
        assertThat(text(robot, "#summary-backup")).isEqualTo("Last backup 2026-11-28 03:30, 46 MB, not verified yet");
        assertThat(text(robot, "#summary-license")).isEqualTo("Licensed, 23 days left");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !text(robot, "#summary-disk").isEmpty());
        assertThat(text(robot, "#summary-disk")).isEqualTo("Data 4.2 GB \u00b7 backups 900 MB (120 GB free)");
        assertThat(robot.lookup("#summary-disk").queryAs(Label.class).getStyleClass()).doesNotContain("warning");
    }

    @Test
    void everySectionIsReachedFromTheKeyboardAndTabWalksIntoIt(FxRobot robot) throws Exception {
        String[] ids = {"dashboard", "backups", "updates", "license", "engine"};
        for (int i = ids.length - 1; i >= 0; i--) {
            robot.press(KeyCode.CONTROL).press(KeyCode.valueOf("DIGIT" + (i + 1))).release(KeyCode.valueOf("DIGIT" + (i + 1)))
                    .release(KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(frame.shown()).isEqualTo(ids[i]);
        }
        robot.clickOn("#section-dashboard");
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(frame.shown()).as("the sidebar's arrows").isEqualTo("backups");
        assertThat(console.backupsMade.get()).as("a section's view is made once, however often it is shown").isEqualTo(1);
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        Node focused = robot.targetWindow().getScene().getFocusOwner();
        assertThat(focused.getId()).as("Tab leaves the sidebar for the section's first control").isEqualTo("backup-now");
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#backups-progress").endsWith(" is done."));
    }

    @Test
    void stopAllAsksFirstAndDoesNothingWhenTheAdminSaysNo(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Everything is running."));
        dialogs.answer = false;
        robot.clickOn("#stop-all");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.asked).singleElement().asString().startsWith("Stop Adaptive Startup?");
        assertThat(stack.actions).isEmpty();
        dialogs.answer = true;
        robot.clickOn("#stop-all");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Adaptive Startup is stopped."));
        robot.clickOn("#start-all");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Everything is running."));
        assertThat(stack.actions).containsExactly("stop all", "start all");
    }
}
