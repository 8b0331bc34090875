package com.adaptivestartup.console.update;

import com.adaptivestartup.console.docker.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Restarts this machine's Docker engine the way a host reboot or a Docker upgrade does: dockerd stopped
 * with SIGTERM (it stops every container), then started again with the same arguments (containers with a
 * restart policy come back). Only where dockerd runs as a plain root process with a pid file, as
 * images/lib.sh starts it for the tests; a systemd-managed engine is left alone.
 */
final class EngineRestart {
    private static final Path PID_FILE = Path.of("/var/run/docker.pid");

    private EngineRestart() {
    }

    /** Why the engine cannot be restarted here, or empty when it can. */
    static Optional<String> impossibleBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("restarting dockerd needs root");
        }
        if (!Files.isReadable(PID_FILE)) {
            return Optional.of("no " + PID_FILE);
        }
        return commandLine().filter(c -> !c.isEmpty() && c.get(0).endsWith("dockerd")).isPresent()
                ? Optional.empty() : Optional.of("the pid file does not name a running dockerd");
    }

    /**
     * Stops dockerd, starts it again, and returns once {@code engine} answers and the shared fixture's containers (the
     * vendor's Brain, which the fixture's registry asks for every pull's token) are running and healthy again; the time
     * the engine was away.
     */
    static Duration restart(DockerEngine engine) throws IOException, InterruptedException {
        List<String> fixture = docker("ps", "--filter", "label=com.adaptivestartup.fixture", "--format", "{{.Names}}")
                .lines().filter(l -> !l.isBlank()).toList();
        Duration away = stopAndStart(engine);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (String name : fixture) {
            while (!List.of("healthy", "running").contains(docker("inspect", "-f",
                    "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}", name).strip())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the fixture's " + name + " did not come back within 2 minutes");
                }
                Thread.sleep(500);
            }
        }
        return away;
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static Duration stopAndStart(DockerEngine engine) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String pid = Files.readString(PID_FILE).strip();
        List<String> command = commandLine().orElseThrow();
        new ProcessBuilder("kill", "-TERM", pid).inheritIO().start().waitFor();
        Path proc = Path.of("/proc", pid);
        for (int i = 0; i < 1200 && Files.exists(proc); i++) {
            Thread.sleep(100);
        }
        if (Files.exists(proc)) {
            throw new IllegalStateException("dockerd did not stop within 2 minutes");
        }
        List<String> relaunch = new ArrayList<>(List.of("setsid", "--fork"));
        relaunch.addAll(command);
        new ProcessBuilder(relaunch).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("/var/log/adaptive-dockerd.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!engine.answers()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dockerd did not come back within 2 minutes; see /var/log/adaptive-dockerd.log");
            }
            Thread.sleep(200);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Optional<List<String>> commandLine() {
        try {
            String pid = Files.readString(PID_FILE).strip();
            byte[] raw = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
            return Optional.of(Arrays.stream(new String(raw).split("\0")).filter(s -> !s.isEmpty()).toList());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
