package com.adaptivestartup.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DockerDesktopTest {
    @Test
    void offeredWhereDockerDesktopIsInstalledAndNowhereElse() {
        Path windowsExe = Path.of("D:\\Apps", "Docker", "Docker", "Docker Desktop.exe");
        assertThat(DockerDesktop.startCommand("Windows 11", Map.of("ProgramFiles", "D:\\Apps"), Set.of(windowsExe)::contains))
                .contains(List.of(windowsExe.toString()));
        assertThat(DockerDesktop.startCommand("Windows 11", Map.of(), p -> false)).isEmpty();
        assertThat(DockerDesktop.startCommand("Mac OS X", Map.of("HOME", "/Users/ana"),
                Set.of(Path.of("/Users/ana/Applications/Docker.app"))::contains))
                .contains(List.of("open", "-a", "/Users/ana/Applications/Docker.app"));
        assertThat(DockerDesktop.startCommand("Mac OS X", Map.of(), Set.of(Path.of("/Applications/Docker.app"))::contains))
                .contains(List.of("open", "-a", "/Applications/Docker.app"));
        assertThat(DockerDesktop.startCommand("Linux", Map.of(), p -> true)).as("a Linux engine is a system service")
                .isEmpty();
    }
}
