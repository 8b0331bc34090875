package com.adaptivestartup.console.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.stack.StackLabels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-compose 1.29, the real peer: run in an install folder, it must find the stack the console made
 * current (the same config-hash on every container, the same labels on every network and volume).
 */
public final class ComposePeer {
    private ComposePeer() {
    }

    /**
     * Runs {@code docker-compose -p <project> up -d} in {@code dir}; fails when it recreates or creates anything or
     * warns about a changed label. Returns the project's container ids afterwards, sorted.
     */
    public static List<String> upChangesNothing(DockerEngine engine, String project, Path dir) throws Exception {
        Process p = new ProcessBuilder("docker-compose", "-p", project, "up", "-d").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("docker-compose up -d said").doesNotContain("Recreating").doesNotContain("Creating")
                .doesNotContain("has changed").doesNotContain("WARNING").contains("is up-to-date");
        return engine.containers(Map.of(StackLabels.PROJECT, project)).stream().map(ContainerStatus::id).sorted().toList();
    }
}
