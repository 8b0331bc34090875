package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.app.FxBackground;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The dashboard's window, headless: a service stopped from its card turns the stack degraded, and back. */
@ExtendWith(ApplicationExtension.class)
class DashboardUiTest {
    private static final ResourceBundle TEXT = ResourceBundle.getBundle("com.adaptivestartup.ui.messages", java.util.Locale.ROOT);
    private final FxBackground background = new FxBackground();
    private final FakeStack stack = new FakeStack();
    private final List<String> opened = new CopyOnWriteArrayList<>();

    private DashboardViewModel model;

    @Start
    void start(Stage stage) {
        model = new DashboardViewModel(stack, background, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        stage.setScene(new Scene(new DashboardView(model, TEXT, "http://localhost:8080/", opened::add), 960, 640));
        stage.show();
        model.refresh();
    }

    @AfterEach
    void stop() {
        background.close();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void stoppingAServiceTurnsTheStackDegradedAndStartingItBackHealthy(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Everything is running."));
        robot.clickOn("#card-backend-stop");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Something is down or unhealthy."));
        assertThat(text(robot, "#card-backend-state")).isEqualTo("exited");
        assertThat(robot.lookup("#card-backend-stop").queryButton().isDisabled()).isTrue();
        robot.clickOn("#card-backend-start");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Everything is running."));
        assertThat(stack.actions).containsExactly("stop backend", "start backend");
        assertThat(robot.lookup("#cpu-scale").queryAs(Label.class).getText()).as("the chart's scale: one full core")
                .isEqualTo("100%");
        robot.clickOn("#open-app");
        assertThat(opened).containsExactly("http://localhost:8080/");
    }

    @Test
    void dockerStoppedShowsOnePlainBannerWithRetryAndItGoesWhenDockerIsBack(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Everything is running."));
        stack.engineDown = new IllegalStateException("Cannot connect to the Docker daemon at unix:///var/run/docker.sock");
        robot.interact(model::refresh);
        javafx.scene.Node banner = robot.lookup("#engine-banner").query();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, banner::isVisible);
        assertThat(text(robot, "#overall")).isEqualTo("Checking…");
        assertThat(robot.lookup("#overall").queryAs(Label.class).getStyleClass()).as("neutral, never red")
                .doesNotContain("danger").contains("text-muted");
        assertThat(robot.lookup("#dashboard-problem").queryAs(Label.class).getText()).as("no raw dump").isNullOrEmpty();
        robot.clickOn("#engine-retry");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(banner.isVisible()).as("still down after Retry").isTrue();
        stack.engineDown = null;
        robot.clickOn("#engine-retry");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !banner.isVisible());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Everything is running."));
    }

    @Test
    void dockerDesktopIsStartedFromTheBannerWhereItIsInstalledAndTheDashboardRecovers(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Everything is running."));
        assertThat(robot.lookup("#engine-start").queryButton().isVisible()).as("not offered where not installed").isFalse();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> model.offerToStartEngine(() -> {
            started.incrementAndGet();
            stack.engineDown = null;   // Docker Desktop comes up
        }));
        stack.engineDown = new IllegalStateException("Cannot connect to the Docker daemon");
        robot.interact(model::refresh);
        javafx.scene.Node banner = robot.lookup("#engine-banner").query();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, banner::isVisible);
        robot.clickOn("#engine-start");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> started.get() == 1);
        assertThat(text(robot, "#engine-starting")).startsWith("Starting Docker Desktop");
        robot.interact(model::refresh);   // the dashboard's timer, sooner
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !banner.isVisible());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Everything is running."));
    }

    @Test
    void moreServerContainersAreChosenAndAppliedAndACardAppearsForEach(FxRobot robot) throws Exception {
        robot.interact(model::refreshReplicas);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text(robot, "#overall").equals("Everything is running."));
        javafx.scene.control.Spinner<?> count = robot.lookup("#replicas-count").queryAs(javafx.scene.control.Spinner.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !count.isDisabled());
        assertThat(robot.lookup("#replicas-apply").queryButton().isDisabled()).as("nothing to apply yet").isTrue();
        robot.interact(() -> count.increment(2));
        assertThat(robot.lookup("#replicas-apply").queryButton().isDisabled()).isFalse();
        robot.clickOn("#replicas-apply");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "3 server containers are running.".equals(text(robot, "#replicas-note")));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#card-backend-3-state").tryQuery().isPresent());
        assertThat(stack.actions).containsExactly("replicas 3");
        assertThat(robot.lookup("#replicas-apply").queryButton().isDisabled()).as("the count is what runs").isTrue();
    }
}
