package com.adaptivestartup.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.app.FxBackground;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard's window, headless (Monocle): the admin pastes a key, sees the verdict, and goes on; with a
 * bad key Next stays disabled. The real license check runs on the background executor, as in the app.
 */
@ExtendWith(ApplicationExtension.class)
class WizardUiTest {
    private WizardViewModel model;

    private static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    @TempDir
    static Path dir;
    private Licenses licenses;
    private FakeConsole console;
    private final FxBackground background = new FxBackground();
    private final java.util.List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        console = new FakeConsole(dir);
        licenses = console.licenses;
        model = console.wizard(background);
        stage.setScene(new Scene(new WizardView(model, TEXT, opened::add), 960, 640));
        stage.show();
    }

    @AfterEach
    void stop() {
        background.close();
    }

    private static void waitFor(FxRobot robot, java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void pastingAGoodKeyShowsWhoItIsForAndEnablesNext(FxRobot robot) throws Exception {
        Button next = robot.lookup("#next").queryButton();
        assertThat(next.isDisabled()).isTrue();
        String key = licenses.key("Acme Robotics", Licenses.NOW.plusSeconds(200L * 86400));
        robot.interact(() -> robot.lookup("#license-key").queryAs(TextArea.class).setText(key));
        waitFor(robot, () -> !next.isDisabled());
        assertThat(robot.lookup("#license-verdict").queryAs(Label.class).getText())
                .startsWith("Valid license for Acme Robotics");
        robot.clickOn("#next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#step-title").queryAs(Label.class).getText()).isEqualTo("System check");
        assertThat(robot.lookup("#back").queryButton().isDisabled()).isFalse();

        // The system check runs by itself; a warning does not stop the install.
        waitFor(robot, () -> !next.isDisabled());
        assertThat(robot.lookup("#checks-summary").queryAs(Label.class).getText()).isEqualTo("Ready to install.");
        robot.clickOn("#next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#step-title").queryAs(Label.class).getText()).isEqualTo("Settings");
        robot.doubleClickOn("#settings-port").eraseText(4).write("99999");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings-port-error").queryAs(Label.class).getText()).isEqualTo("The port must be from 1 to 65535.");
        assertThat(next.isDisabled()).isTrue();
        robot.interact(() -> robot.lookup("#settings-port").queryAs(javafx.scene.control.TextField.class).setText("8088"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(next.isDisabled()).isFalse();
        robot.clickOn("#next");

        // The install runs with live progress; then Done shows the password once and opens the app.
        waitFor(robot, () -> !next.isDisabled());
        assertThat(console.installs).singleElement().satisfies(r -> assertThat(r.httpPort()).isEqualTo(8088));
        robot.clickOn("#next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#step-title").queryAs(Label.class).getText()).isEqualTo("Done");
        assertThat(robot.lookup("#done-password").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo("initial-Pa55word");
        robot.clickOn("#done-open");
        assertThat(opened).containsExactly("http://localhost:8088/");
        // and on into the operator console (the app swaps the window's content when the wizard is finished)
        assertThat(next.isDisabled()).isFalse();
        assertThat(next.getText()).isEqualTo("Go to the console");
        robot.clickOn("#next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.finishedProperty().get()).isTrue();
    }

    @Test
    void aBadKeyIsExplainedAndNextStaysDisabled(FxRobot robot) throws Exception {
        robot.clickOn("#license-key").write("not a license key");
        Label verdict = robot.lookup("#license-verdict").queryAs(Label.class);
        waitFor(robot, () -> !verdict.getText().equals("Paste your license key to continue."));
        assertThat(verdict.getText()).isNotBlank();
        assertThat(robot.lookup("#next").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#license-key").queryAs(TextArea.class).getAccessibleText()).isEqualTo("License key");
    }

    @Test
    void aWebPortInUseIsFixedInsideTheCheckWithAFreePort(FxRobot robot) throws Exception {
        console.takenPorts.addAll(java.util.Set.of(8080, 8081));
        Button next = robot.lookup("#next").queryButton();
        String key = licenses.key("Acme Robotics", Licenses.NOW.plusSeconds(200L * 86400));
        robot.interact(() -> robot.lookup("#license-key").queryAs(TextArea.class).setText(key));
        waitFor(robot, () -> !next.isDisabled());
        robot.clickOn("#next");
        Button usePort = robot.lookup("#use-free-port").queryButton();
        waitFor(robot, usePort::isVisible);
        assertThat(usePort.getText()).isEqualTo("Use port 8082 instead (free on this computer)");
        assertThat(next.isDisabled()).as("the check failed").isTrue();
        robot.clickOn("#use-free-port");
        waitFor(robot, () -> !next.isDisabled());
        assertThat(usePort.isVisible()).isFalse();
        robot.clickOn("#next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settings-port").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("8082");
    }
}
