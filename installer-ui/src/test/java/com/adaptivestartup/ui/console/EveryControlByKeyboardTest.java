package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.Background;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every control of every section, reached with the keyboard alone: from the section's first control, Tab (and
 * Ctrl+Tab out of a text area, the platform's way) walks through every button, field, choice, list and table that
 * is shown and enabled, and comes back round (a group of radio buttons is one stop, its arrows choose). A control the
 * walk misses is one a keyboard user cannot use.
 */
@ExtendWith(ApplicationExtension.class)
class EveryControlByKeyboardTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 1100, 640));
        stage.show();
    }

    @Test
    void tabReachesEveryControlOfEverySection(FxRobot robot) {
        List<String> missed = new ArrayList<>();
        List<String> walked = new ArrayList<>();
        for (ConsoleSections.Section section : ConsoleSections.all()) {
            check(robot, section.name(), section.view()::get, section.height(), missed, walked);
        }
        check(robot, "console-1-dashboard", () -> {
            FakeConsoleFrame console = new FakeConsoleFrame(new FakeStack(), Background.SAME_THREAD, new FakeDialogs());
            console.start();
            return console.frame;
        }, 720, missed, walked);
        assertThat(missed).as("controls Tab never reaches (walked: " + walked + ")").isEmpty();
        assertThat(walked).as("every section has controls to walk").hasSize(ConsoleSections.all().size() + 1)
                .allSatisfy(w -> assertThat(w).doesNotEndWith(": 0"));
    }

    private void check(FxRobot robot, String name, java.util.function.Supplier<Parent> view, int height, List<String> missed,
                       List<String> walked) {
        robot.interact(() -> {
            stage.setScene(new Scene(view.get(), 1100, height));
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
        });
        Parent root = stage.getScene().getRoot();
        List<Control> operable = new ArrayList<>();
        collect(root, operable);
        robot.interact(() -> operable.getFirst().requestFocus());
        Set<Node> reached = new LinkedHashSet<>();
        for (int i = 0; i < 4 * operable.size() + 10; i++) {
            Node focused = stage.getScene().getFocusOwner();
            if (focused != null && !reached.add(focused) && reached.size() > 1) {
                break;   // round once
            }
            if (focused instanceof TextArea) {
                robot.press(KeyCode.CONTROL).press(KeyCode.TAB).release(KeyCode.TAB).release(KeyCode.CONTROL);
            } else {
                robot.type(KeyCode.TAB);
            }
            WaitForAsyncUtils.waitForFxEvents();
        }
        for (Control c : operable) {
            if (reached.stream().noneMatch(n -> n == c || isInside(n, c) || sameRadioGroup(n, c))) {
                missed.add(name + ": " + describe(c));
            }
        }
        walked.add(name + ": " + operable.size());
    }

    /** Tab stops once in a group of radio buttons (on the chosen one) and the arrows choose among them: the convention. */
    private static boolean sameRadioGroup(Node n, Control c) {
        return n instanceof javafx.scene.control.RadioButton r && c instanceof javafx.scene.control.RadioButton other
                && r.getToggleGroup() != null && r.getToggleGroup() == other.getToggleGroup();
    }

    /** A control's own parts take the focus for it (a combo box's editor, a spinner's field). */
    private static boolean isInside(Node n, Control c) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == c) {
                return true;
            }
        }
        return false;
    }

    /** The controls a person operates: shown, enabled, and meant to take the focus; not inside another control. */
    private static void collect(Node node, List<Control> into) {
        if (!node.isVisible() || node.isDisabled()) {
            return;
        }
        if (node instanceof Control c && c.isFocusTraversable()) {
            into.add(c);
            return;
        }
        if (node instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null) {
            collect(scroll.getContent(), into);
        } else if (node instanceof javafx.scene.control.SplitPane split) {
            split.getItems().forEach(item -> collect(item, into));
        } else if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, into));
        }
    }

    private static String describe(Control c) {
        String what = c.getId() != null ? "#" + c.getId()
                : c instanceof javafx.scene.control.Labeled l ? "\"" + l.getText() + "\"" : "";
        return c.getClass().getSimpleName() + " " + what;
    }
}
