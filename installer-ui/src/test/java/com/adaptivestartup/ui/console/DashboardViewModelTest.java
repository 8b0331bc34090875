package com.adaptivestartup.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.ui.Background;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {
    @Test
    void showsTheOverallStateAndACardPerService() {
        DashboardViewModel model = new DashboardViewModel(new FakeStack().unhealthy("storage"), Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        assertThat(model.overallProperty().get()).isEqualTo("unknown");
        model.refresh();
        assertThat(model.overallProperty().get()).isEqualTo("degraded");
        assertThat(model.cards()).extracting(DashboardViewModel.Card::service)
                .containsExactly("backend", "postgres", "redis", "storage", "web");
        assertThat(model.cards().get(0)).isEqualTo(new DashboardViewModel.Card("backend", "running", "healthy", "1.1.0",
                "up 42 min", 2, "CPU 2%  \u00b7  RAM 200 MB / 2.0 GB", java.util.List.of(1.5)));
    }

    @Test
    void anEngineThatStopsAnsweringIsSaidOnceAndForgottenWhenItAnswersAgain() {
        FakeStack stack = new FakeStack();
        DashboardViewModel model = new DashboardViewModel(stack, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        stack.engineDown = new IllegalStateException("Cannot connect to the Docker daemon");
        model.refresh();
        assertThat(model.overallProperty().get()).isEqualTo("unknown");
        assertThat(model.unreachableProperty().get()).isEqualTo("Cannot connect to the Docker daemon");
        assertThat(model.problemProperty().get()).as("the banner says it, not the problem line").isNull();
        stack.engineDown = null;
        model.refresh();
        assertThat(model.unreachableProperty().get()).isNull();
        assertThat(model.overallProperty().get()).isEqualTo("healthy");
    }

    @Test
    void saysWhereTheInitialPasswordStandsAndKeepsSayingItWasReplaced() {
        FakeStack stack = new FakeStack();
        stack.initialPassword = com.adaptivestartup.console.operate.StackService.InitialPassword.PENDING;
        DashboardViewModel model = new DashboardViewModel(stack, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        model.refresh();
        assertThat(model.passwordNoteProperty().get()).contains("has not replaced the initial password yet");
        stack.initialPassword = com.adaptivestartup.console.operate.StackService.InitialPassword.CHANGED;
        model.refresh();
        model.refresh();
        assertThat(model.passwordNoteProperty().get()).isEqualTo("The first admin replaced the initial password; its"
                + " file was removed from the install folder.");
    }

    @Test
    void cpuAndMemoryAreSampledAtEachRefreshKeepingFiveMinutesOfCpu() {
        FakeStack stack = new FakeStack();
        DashboardViewModel model = new DashboardViewModel(stack, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        for (int i = 0; i < DashboardViewModel.HISTORY + 15; i++) {
            model.refresh();
        }
        DashboardViewModel.Card backend = model.cards().get(0);
        assertThat(backend.cpuHistory()).hasSize(DashboardViewModel.HISTORY).first().isEqualTo(16 * 1.5);
        assertThat(backend.cpuHistory()).last().isEqualTo(75 * 1.5);
        model.stop("web");
        assertThat(model.cards().get(4).use()).as("a stopped service shows no use").isEmpty();
    }

    @Test
    void actionsRunAndTheDashboardFollowsAndAFailureIsSaid() {
        FakeStack stack = new FakeStack();
        DashboardViewModel model = new DashboardViewModel(stack, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        model.refresh();
        model.stop("web");
        assertThat(stack.actions).containsExactly("stop web");
        assertThat(model.overallProperty().get()).isEqualTo("degraded");
        assertThat(model.cards().get(4).uptime()).isEqualTo("not running");
        stack.failNextAction = new IllegalStateException("the engine is not running");
        model.start("web");
        assertThat(model.problemProperty().get()).isEqualTo("Could not start web. The engine is not running.");
        assertThat(model.busyProperty().get()).isFalse();
        model.start("web");
        assertThat(model.problemProperty().get()).isNull();
        assertThat(model.overallProperty().get()).isEqualTo("healthy");
    }

    @Test
    void uptimeReadsLikeAPersonWouldSayIt() {
        DashboardViewModel model = new DashboardViewModel(new FakeStack(), Background.SAME_THREAD, new FakeDialogs(),
                ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        assertThat(model.uptime(Duration.ofSeconds(12))).isEqualTo("up 12 s");
        assertThat(model.uptime(Duration.ofMinutes(90))).isEqualTo("up 90 min");
        assertThat(model.uptime(Duration.ofHours(30))).isEqualTo("up 30 h");
        assertThat(model.uptime(Duration.ofDays(9))).isEqualTo("up 9 days");
        assertThat(model.uptime(null)).isEqualTo("not running");
    }

    @Test
    void theDatabaseAndTheWholeStackStopOnlyOnceTheAdminSaysYesOtherServicesAtOnce() {
        FakeStack stack = new FakeStack();
        FakeDialogs dialogs = new FakeDialogs();
        DashboardViewModel model = new DashboardViewModel(stack, Background.SAME_THREAD, dialogs, ConsoleFakes.TEXT,
                ConsoleFakes.CLOCK);
        model.refresh();
        model.askToStop("redis");
        assertThat(dialogs.asked).as("a service the app survives without is stopped at once").isEmpty();
        dialogs.answer = false;
        model.askToStop("postgres");
        model.askToStopAll();
        assertThat(dialogs.asked).containsExactly(
                "Stop the database? | Adaptive Startup stops working for everyone until the database is started again."
                        + " Nothing is lost. | Stop",
                "Stop Adaptive Startup? | Every service stops, the app first and the data last; nobody can use Adaptive"
                        + " Startup until you start it again. Nothing is lost. | Stop all");
        assertThat(stack.actions).containsExactly("stop redis");
        dialogs.answer = true;
        model.askToStopAll();
        assertThat(stack.actions).containsExactly("stop redis", "stop all");
        assertThat(model.overallProperty().get()).isEqualTo("down");
        model.startAll();
        assertThat(stack.actions).endsWith("start all");
        assertThat(model.overallProperty().get()).isEqualTo("healthy");
        assertThat(model.refreshedProperty().get()).isEqualTo("Refreshed at 10:00:00");
        stack.failNextAction = new IllegalStateException("the installation is busy: an update is running");
        model.askToStopAll();
        assertThat(model.problemProperty().get()).isEqualTo("Could not stop everything. The installation is busy: an update"
                + " is running.");
    }

    @Test
    void anUpdateCutShortIsFinishedFirstAndWhatWasDoneIsSaid() {
        FakeStack stack = new FakeStack();
        DashboardViewModel model = new DashboardViewModel(stack, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT,
                ConsoleFakes.CLOCK);
        java.util.List<String> then = new java.util.ArrayList<>();
        model.recoverInterruptedUpdate(() -> then.add("updates asked"));
        assertThat(model.recoveryProperty().get()).as("nothing was cut short: nothing said").isNull();
        assertThat(then).containsExactly("updates asked");
        stack.interruptedUpdate = "the update from 1.1.0 to 1.2.0 was interrupted (during 'deploy'); rolled back to 1.1.0"
                + " with the data as of 2026-11-28T09:58:00Z; nothing lost";
        model.recoverInterruptedUpdate(() -> then.add("updates asked"));
        assertThat(stack.actions).containsExactly("recover");
        assertThat(model.recoveryProperty().get()).isEqualTo("The update from 1.1.0 to 1.2.0 was interrupted (during"
                + " 'deploy'); rolled back to 1.1.0 with the data as of 2026-11-28T09:58:00Z; nothing lost.");
        assertThat(model.overallProperty().get()).as("the dashboard reads the stack once it is back").isEqualTo("healthy");
        assertThat(then).hasSize(2);
        assertThat(model.busyProperty().get()).isFalse();
        stack.recoveryFails = new IllegalStateException("the update from 1.1.0 to 1.2.0 was interrupted, and its backup"
                + " 20261128-095800-pre-update is gone; restore a backup with `adaptivectl backup restore`");
        stack.stop("web");
        model.recoverInterruptedUpdate(() -> then.add("updates asked"));
        assertThat(model.recoveryProperty().get()).isEqualTo("An update that was cut short could not be finished or"
                + " undone. The update from 1.1.0 to 1.2.0 was interrupted, and its backup 20261128-095800-pre-update is"
                + " gone; restore a backup with `adaptivectl backup restore`.");
        assertThat(model.overallProperty().get()).as("the stack read as it is now").isEqualTo("degraded");
        assertThat(then).hasSize(3);
    }

    @Test
    void diskUseSaysWhatTheDataAndBackupsTakeAndWarnsWhenTwoBackupsWouldNotFit() {
        FakeStack stack = new FakeStack();
        DashboardViewModel model = new DashboardViewModel(stack, Background.SAME_THREAD, new FakeDialogs(),
                ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        assertThat(model.diskUseProperty().get()).as("nothing said before it is measured").isEmpty();
        model.refreshDiskUse();
        assertThat(model.diskUseProperty().get()).isEqualTo("Data 4.2 GB \u00b7 backups 900 MB (120 GB free)");
        assertThat(model.diskLowProperty().get()).isFalse();
        stack.disk = new com.adaptivestartup.console.operate.DiskUse.Report(java.util.Map.of("postgres-data", 6L << 30), -1,
                java.nio.file.Path.of("/mnt/nas/backups"), 10L << 30);
        model.refreshDiskUse();
        assertThat(model.diskUseProperty().get()).isEqualTo("Data 6.0 GB \u00b7 backups cannot be read (10 GB free)");
        assertThat(model.diskLowProperty().get()).as("10 GB free where two 6 GB backups may be needed").isTrue();
        stack.engineDown = new IllegalStateException("Docker is not running");
        model.refreshDiskUse();
        assertThat(model.diskUseProperty().get()).as("the last known use stays").startsWith("Data 6.0 GB");
    }

    @Test
    void moreServerContainersAreAppliedWithEachStepSaidAndACardEach() {
        FakeStack stack = new FakeStack();
        DashboardViewModel model = new DashboardViewModel(stack, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        model.refresh();
        model.refreshReplicas();
        assertThat(model.replicasProperty().get()).isOne();
        assertThat(model.replicasSupportedProperty().get()).isTrue();
        assertThat(model.replicasNoteProperty().get()).isNull();
        model.applyReplicas(3);
        assertThat(stack.actions).containsExactly("replicas 3");
        assertThat(model.replicasProperty().get()).isEqualTo(3);
        assertThat(model.replicasNoteProperty().get()).isEqualTo("3 server containers are running.");
        assertThat(model.cards()).extracting(DashboardViewModel.Card::service)
                .containsExactly("backend-1", "backend-2", "backend-3", "postgres", "redis", "storage", "web");
        model.applyReplicas(3);
        assertThat(stack.actions).as("the same count again changes nothing").hasSize(1);
    }

    @Test
    void aCountTheInstallationCannotRunIsSaidAndNothingChanges() {
        FakeStack stack = new FakeStack();
        stack.replicasSupported = false;
        DashboardViewModel model = new DashboardViewModel(stack, Background.SAME_THREAD, new FakeDialogs(), ConsoleFakes.TEXT, ConsoleFakes.CLOCK);
        model.refreshReplicas();
        assertThat(model.replicasSupportedProperty().get()).isFalse();
        assertThat(model.replicasNoteProperty().get()).contains("update to 1.2.0 or later to run several");
        stack.failNextAction = new IllegalArgumentException("the server runs as 1 to 5 containers, not 6");
        model.applyReplicas(6);
        assertThat(model.problemProperty().get()).isEqualTo("Could not change the server containers. The server runs as 1"
                + " to 5 containers, not 6.");
        assertThat(model.replicasProperty().get()).isOne();
        assertThat(model.busyProperty().get()).isFalse();
    }
}
