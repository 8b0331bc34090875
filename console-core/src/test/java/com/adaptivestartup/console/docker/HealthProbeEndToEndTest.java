package com.adaptivestartup.console.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On the real engine: a container whose own health check runs only once a minute is seen healthy as soon
 * as the check passes (the console runs the check itself while the engine has not yet), and one whose
 * check fails is not. The stack's images check every 10 s, so this is what keeps installs, restores and
 * updates waiting for the service and not for the interval.
 */
@Tag("e2e")
class HealthProbeEndToEndTest {
    private static final String IMAGE = "adaptive/debian-base:trixie"; // built by images/build.sh before the tests
    private final List<String> created = new ArrayList<>();

    private String run(String check, String command) throws Exception {
        String id = docker("run", "-d", "--label", "com.adaptivestartup.test=health-probe", "--health-cmd", check,
                "--health-interval", "60s", "--health-start-period", "120s", IMAGE, "bash", "-c", command).strip();
        created.add(id);
        return id;
    }

    @AfterEach
    void removeWhatWasCreated() throws Exception {
        for (String id : created) {
            docker("rm", "-f", id);
        }
    }

    @Test
    void aStartingContainerIsHealthyAsSoonAsItsOwnCheckPassesNotAtTheEnginesFirstCheck() throws Exception {
        // a check that takes a moment, as pg_isready or redis-cli do
        String ready = run("sleep 0.5; test -f /tmp/ready", "sleep 2; touch /tmp/ready; sleep 300");
        String never = run("false", "sleep 300");
        try (DockerEngine engine = engine()) {
            long started = System.nanoTime();
            assertThat(engine.awaitHealthy(ready, Duration.ofSeconds(40))).isEqualTo(DockerEngine.HealthOutcome.HEALTHY);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the engine itself checks only after a minute")
                    .isLessThan(Duration.ofSeconds(40));
            assertThat(engine.inspect(ready).health()).isEqualTo("healthy");
            assertThat(docker("inspect", "-f", "{{.State.Health.Status}}", ready).strip()).as("the engine has not checked yet")
                    .isEqualTo("starting");
            assertThat(engine.inspect(never).health()).isEqualTo("starting");
            assertThat(engine.awaitHealthy(never, Duration.ofSeconds(2))).isEqualTo(DockerEngine.HealthOutcome.TIMED_OUT);
        }
    }

    private static DockerEngine engine() {
        var outcome = new EngineLocator(EngineStrategies.forThisMachine(System.getenv(), System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")))).locate();
        assertThat(outcome).isInstanceOf(EngineLocator.Outcome.Found.class);
        return ((EngineLocator.Outcome.Found) outcome).engine();
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
