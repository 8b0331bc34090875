package com.adaptivestartup.ui.app;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** Work handed to the background after the console closed (a timer's last tick) is dropped, never thrown. */
class FxBackgroundTest {
    @Test
    void workAfterCloseIsDroppedQuietly() {
        FxBackground background = new FxBackground();
        background.close();
        assertThatCode(() -> background.run(() -> "late", r -> { }, e -> { })).doesNotThrowAnyException();
    }
}
