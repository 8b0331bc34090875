package com.adaptivestartup.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.app.FxBackground;
import java.nio.file.Path;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The wizard with the keyboard only (paste, leave the key, tab to Next, press it), and a name on every control. */
@ExtendWith(ApplicationExtension.class)
class WizardKeyboardTest {
    private static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    @TempDir
    static Path dir;
    private FakeConsole console;
    private final FxBackground background = new FxBackground();
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        console = new FakeConsole(dir);
        scene = new Scene(new WizardView(console.wizard(background), TEXT, url -> { }), 960, 640);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        background.close();
    }

    @Test
    void theWizardGoesOnWithTheKeyboardAlone(FxRobot robot) throws Exception {
        String key = console.licenses.key("Acme Robotics", Licenses.NOW.plusSeconds(200L * 86400));
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(key);
            Clipboard.getSystemClipboard().setContent(content);
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> scene.getFocusOwner() != null
                && "license-key".equals(scene.getFocusOwner().getId()));
        robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        Button next = robot.lookup("#next").queryButton();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !next.isDisabled());

        robot.press(KeyCode.CONTROL).type(KeyCode.TAB).release(KeyCode.CONTROL);   // out of the key (Tab would type one)
        for (int i = 0; i < 6 && scene.getFocusOwner() != next; i++) {
            robot.type(KeyCode.TAB);
        }
        assertThat(scene.getFocusOwner()).as("Next is reachable with Tab").isSameAs(next);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#step-title").queryAs(Label.class).getText()).isEqualTo("System check");

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !next.isDisabled());
        robot.interact(next::requestFocus);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#step-title").queryAs(Label.class).getText()).isEqualTo("Settings");
        assertEveryControlIsNamed(scene.getRoot());
    }

    /** A screen reader can say what each field and button is: its text, its label, or its accessible text. */
    private static void assertEveryControlIsNamed(Parent root) {
        for (Node n : root.lookupAll("*")) {
            if (!n.isVisible()) {
                continue;
            }
            if (n instanceof Button b) {
                assertThat(b.getText() != null && !b.getText().isBlank() || b.getAccessibleText() != null)
                        .as("button " + b.getId() + " has a name").isTrue();
            }
            if (n instanceof TextInputControl t) {
                boolean labelled = root.lookupAll(".label").stream().anyMatch(l -> l instanceof Label label
                        && label.getLabelFor() == t);
                assertThat(t.getAccessibleText() != null || labelled).as("field " + t.getId() + " has a name").isTrue();
            }
        }
    }
}
