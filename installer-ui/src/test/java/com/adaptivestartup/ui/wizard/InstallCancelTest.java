package com.adaptivestartup.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.ui.Background;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cancel during the install: console-core is asked at its next step, and the wizard says what happened. */
class InstallCancelTest {
    private InstallViewModel model;
    private boolean cancelAfterPull = true;

    @Test
    void cancelStopsTheInstallAtItsNextStepAndRetryStartsAgain() {
        model = new InstallViewModel((request, listener) -> {
            listener.step("pull", "started");
            if (cancelAfterPull) {
                model.cancel();   // the admin presses Cancel while images download
                assertThat(model.cancellingProperty().get()).isTrue();
            }
            listener.step("pull", "done");
            if (listener.cancelled()) {
                throw new InstallFailed("start postgres", "the install was cancelled");
            }
            return new InstallResult("adaptive", "1.1.0", "http://localhost:8080/", "a@b.c", "pw", Map.of());
        }, () -> new InstallRequest("key", Path.of("/opt/adaptive"), "adaptive", 8080, "a@b.c", null, "r.asr"),
                Background.SAME_THREAD, FakeConsole.TEXT);
        model.start();
        assertThat(model.failureProperty().get()).isEqualTo("You cancelled the install; what it had made so far was"
                + " removed. Retry starts it again.");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.cancellingProperty().get()).isFalse();
        assertThat(model.rows()).extracting(InstallViewModel.Row::step).contains("cancel");

        cancelAfterPull = false;
        model.start();
        assertThat(model.failureProperty().get()).isNull();
        assertThat(model.resultProperty().get().version()).isEqualTo("1.1.0");
    }

    @Test
    void eachDownloadShowsItsRateOnceThereIsASecondReading() {
        long[] now = {0};
        model = new InstallViewModel((request, listener) -> {
            listener.pull("backend", 10_000_000, 80_000_000);
            now[0] += 2_000_000_000L;   // two seconds later
            listener.pull("backend", 50_000_000, 80_000_000);
            return new InstallResult("adaptive", "1.1.0", "http://localhost:8080/", "a@b.c", "pw", Map.of());
        }, () -> new InstallRequest("key", Path.of("/opt/adaptive"), "adaptive", 8080, "a@b.c", null, "r.asr"),
                Background.SAME_THREAD, FakeConsole.TEXT);
        model.clock(() -> now[0]);
        model.start();
        assertThat(model.downloads()).containsExactly(new InstallViewModel.Download("backend", 50_000_000, 80_000_000,
                20_000_000));
    }
}
