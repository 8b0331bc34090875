package com.adaptivestartup.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {
    @Test
    void followsEachOsConvention() {
        assertThat(AppDirectories.resolve("Windows 11", "C:\\Users\\ana", Map.of("APPDATA", "C:\\Users\\ana\\AppData\\Roaming")).stateDir())
                .isEqualTo(Path.of("C:\\Users\\ana\\AppData\\Roaming", "AdaptiveStartup", "Console"));
        assertThat(AppDirectories.resolve("Mac OS X", "/Users/ana", Map.of()).stateDir())
                .isEqualTo(Path.of("/Users/ana/Library/Application Support/Adaptive Startup Console"));
        assertThat(AppDirectories.resolve("Linux", "/home/ana", Map.of()).stateDir())
                .isEqualTo(Path.of("/home/ana/.local/share/adaptive-startup-console"));
        assertThat(AppDirectories.resolve("Linux", "/home/ana", Map.of("XDG_DATA_HOME", "/data/ana")).stateDir())
                .isEqualTo(Path.of("/data/ana/adaptive-startup-console"));
    }

    @Test
    void aRelativeXdgPathIsIgnoredAsTheSpecSays() {
        assertThat(AppDirectories.resolve("Linux", "/home/ana", Map.of("XDG_DATA_HOME", "relative")).stateDir())
                .isEqualTo(Path.of("/home/ana/.local/share/adaptive-startup-console"));
    }

    @Test
    void theOverrideWinsEverywhere() {
        assertThat(AppDirectories.resolve("Windows 11", "C:\\Users\\ana", Map.of("ADAPTIVE_CONSOLE_HOME", "/tmp/x")).stateDir())
                .isEqualTo(Path.of("/tmp/x"));
    }
}
