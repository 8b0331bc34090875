package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.app.FxBackground;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Updates view, headless: an update that asks first, Keep, and the newer console downloaded and opened. */
@ExtendWith(ApplicationExtension.class)
class UpdatesUiTest {
    private static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    private final FxBackground background = new FxBackground();
    private final FakeUpdates updates = new FakeUpdates();
    private final List<Path> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        UpdatesViewModel model = new UpdatesViewModel(updates, background, new com.adaptivestartup.ui.app.FxDialogs(() -> stage), ConsoleFakes.TEXT, ConsoleFakes.CLOCK, opened::add);
        stage.setScene(new Scene(new UpdatesView(model, TEXT), 1100, 680));
        stage.show();
        model.refresh();
    }

    @AfterEach
    void stop() {
        background.close();
    }

    @Test
    void updateAfterAConfirmationThenKeepIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#update-now").queryButton().isDisabled());
        assertThat(robot.lookup("#notices").queryAs(ListView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#update-keep").queryButton().isVisible()).isFalse();
        robot.clickOn("#update-now");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(updates.asked).isEmpty();

        robot.clickOn("#update-now");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn((javafx.scene.Node n) -> n instanceof javafx.scene.control.Button b && b.getText().equals("Update now")
                && b.getId() == null);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#update-keep").queryButton().isVisible());
        assertThat(updates.asked).containsExactly("apply 1.1.0");
        robot.clickOn("#update-keep");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> updates.asked.contains("confirm"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#updates-summary").queryAs(Label.class)
                .getText().endsWith("Up to date."));
    }

    @Test
    void theNewerConsoleIsDownloadedThenOpened(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#console-download").queryButton().isVisible());
        robot.clickOn("#console-download");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !opened.isEmpty());
        assertThat(opened).containsExactly(Path.of("/downloads/Console-1.2.0.msi"));
    }
}
