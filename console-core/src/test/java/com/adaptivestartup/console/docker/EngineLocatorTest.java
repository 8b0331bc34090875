package com.adaptivestartup.console.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLocatorTest {

    @Test
    void whenNothingAnswersEveryAttemptIsListedWithWhatToDo(@TempDir Path home) {
        var strategies = EngineStrategies.forThisMachine(Map.of("DOCKER_HOST", "unix://" + home.resolve("no.sock")),
                "Linux", home).subList(0, 2);
        var outcome = new EngineLocator(strategies).locate();
        assertThat(outcome).isInstanceOfSatisfying(EngineLocator.Outcome.NotFound.class, n -> {
            assertThat(n.attempts()).hasSize(2);
            assertThat(n.explanation()).contains("DOCKER_HOST (unix://" + home.resolve("no.sock") + "): nothing answers there")
                    .contains("To fix: check the DOCKER_HOST environment variable")
                    .contains("Docker context: no Docker context is selected");
        });
    }

    @Test
    void readsTheCurrentDockerContext(@TempDir Path home) throws Exception {
        var dockerDir = java.nio.file.Files.createDirectories(home.resolve(".docker"));
        java.nio.file.Files.writeString(dockerDir.resolve("config.json"), "{\"currentContext\":\"desktop-linux\"}");
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("desktop-linux".getBytes()));
        var meta = java.nio.file.Files.createDirectories(dockerDir.resolve("contexts/meta/" + hash));
        java.nio.file.Files.writeString(meta.resolve("meta.json"),
                "{\"Name\":\"desktop-linux\",\"Endpoints\":{\"docker\":{\"Host\":\"unix:///Users/ana/.docker/run/docker.sock\"}}}");
        var context = EngineStrategies.forThisMachine(Map.of(), "Mac OS X", home).get(1);
        assertThat(context.endpoint()).contains("unix:///Users/ana/.docker/run/docker.sock");
    }

    @Test
    void pinsAnApiVersionBothSidesAccept() {
        assertThat(ApiVersions.pin("1.41", null)).contains("1.41");          // this machine's engine (20.10)
        assertThat(ApiVersions.pin("1.52", "1.44")).contains("1.47");        // Docker 29: refuses below 1.44
        assertThat(ApiVersions.pin("1.40", "1.12")).isEmpty();               // too old for us
        assertThat(ApiVersions.pin("1.60", "1.50")).isEmpty();               // a future engine that left us behind
    }

    @Test
    @Tag("e2e")
    void theRealEngineIsFoundAndPinned() {
        var outcome = new EngineLocator(EngineStrategies.forThisMachine(System.getenv(), System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")))).locate();
        assertThat(outcome).isInstanceOfSatisfying(EngineLocator.Outcome.Found.class, f -> {
            try (DockerEngine engine = f.engine()) {
                assertThat(engine.info().pinnedApiVersion()).isEqualTo(ApiVersions.pin(engine.info().apiVersion(), null)
                        .orElseThrow());
                assertThat(engine.info().cpus()).isPositive();
                assertThat(engine.info().memoryBytes()).isPositive();
            }
        });
    }
}
