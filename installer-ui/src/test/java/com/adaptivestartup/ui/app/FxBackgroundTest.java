package com.adaptivestartup.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Work handed to the background after the console closed (a timer's last tick) is dropped, never thrown; work that
 * fails with an Error (not only an exception) is reported like any failure, so the view waiting on it is freed.
 */
class FxBackgroundTest {
    @Test
    void workAfterCloseIsDroppedQuietly() {
        FxBackground background = new FxBackground();
        background.close();
        assertThatCode(() -> background.run(() -> "late", r -> { }, e -> { })).doesNotThrowAnyException();
    }

    @Test
    void anErrorIsReportedLikeAnyFailure() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();   // the toolkit as the UI tests start it (headless)
        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        try (FxBackground background = new FxBackground()) {
            background.<String>run(() -> {
                throw new NoClassDefFoundError("com/example/Missing");
            }, r -> reported.complete(null), reported::complete);
            assertThat(reported.get(10, TimeUnit.SECONDS)).isInstanceOf(NoClassDefFoundError.class);
        }
    }
}
