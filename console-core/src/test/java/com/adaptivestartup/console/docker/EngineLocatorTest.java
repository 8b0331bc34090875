package com.adaptivestartup.console.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the engine: a chosen one (an address or a context, from the command line, the environment or the
 * console's setting) is the only place tried, and its failure is named with its fix; with none chosen, this
 * machine's usual places in order, each attempt explained.
 */
class EngineLocatorTest {

    @Test
    void aChosenAddressThatDoesNotAnswerIsNamedAndNothingElseIsTried(@TempDir Path home) {
        var outcome = EngineLocator.forChoice(EngineChoice.fromEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1")),
                Map.of(), "Linux", home).locate();
        assertThat(outcome).isInstanceOfSatisfying(EngineLocator.Outcome.NotFound.class, n -> {
            assertThat(n.attempts()).hasSize(1);
            assertThat(n.explanation()).startsWith("The Docker engine you chose (DOCKER_HOST: tcp://127.0.0.1:1) could not be"
                    + " reached: nothing answers there").contains("unset DOCKER_HOST").contains("No other engine was tried");
        });
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentAndTheSavedSetting() {
        EngineChoice saved = EngineChoice.saved(null, "office").orElseThrow();
        assertThat(EngineChoice.of("unix:///tmp/a.sock", null, Map.of("DOCKER_HOST", "tcp://b:2376"), saved))
                .isEqualTo(new EngineChoice("unix:///tmp/a.sock", null, "--host"));
        assertThat(EngineChoice.of(null, null, Map.of("DOCKER_CONTEXT", "lab"), saved))
                .isEqualTo(new EngineChoice(null, "lab", "DOCKER_CONTEXT"));
        assertThat(EngineChoice.of(null, null, Map.of(), saved)).isEqualTo(saved);
        assertThat(EngineChoice.of(null, null, Map.of(), null)).isEqualTo(EngineChoice.AUTO);
        assertThatThrownBy(() -> EngineChoice.of("tcp://a:1", "lab", Map.of(), null))
                .hasMessage("both --host and --context name an engine; choose one of them");
        assertThatThrownBy(() -> EngineChoice.of("localhost:2375", null, Map.of(), null))
                .hasMessageContaining("is not an engine address: use unix:///path/docker.sock, tcp://host:2376");
    }

    @Test
    void aChosenContextThatDoesNotExistIsSaidAsSuch(@TempDir Path home) {
        var outcome = EngineLocator.forChoice(EngineChoice.fromEnvironment(Map.of("DOCKER_CONTEXT", "ghost")), Map.of(),
                "Linux", home).locate();
        assertThat(outcome).isInstanceOfSatisfying(EngineLocator.Outcome.NotFound.class, n ->
                assertThat(n.explanation()).contains("there is no Docker context 'ghost' (`docker context ls` lists them)")
                        .contains("No other engine was tried"));
    }

    @Test
    void anSshEngineThatCannotBeReachedIsSaidInSshsWordsWithTheFix(@TempDir Path home) {
        var outcome = EngineLocator.forChoice(EngineChoice.of("ssh://admin@db1.invalid", null, Map.of(), null), Map.of(),
                "Linux", home).locate();
        assertThat(outcome).isInstanceOfSatisfying(EngineLocator.Outcome.NotFound.class, n ->
                assertThat(n.explanation()).contains("ssh://admin@db1.invalid").contains("Could not resolve hostname db1.invalid")
                        .contains("the name is not known to this computer's DNS").contains("No other engine was tried"));
        assertThat(EngineLocator.forChoice(EngineChoice.of("ssh://admin@db1/path", null, Map.of(), null), Map.of(), "Linux",
                home).locate()).isInstanceOfSatisfying(EngineLocator.Outcome.NotFound.class, n ->
                assertThat(n.explanation()).contains("is not an SSH address such as ssh://admin@docker-host"));
    }

    @Test
    void withNothingChosenThisMachinesPlacesAreTriedAndEachIsExplained(@TempDir Path home) {
        var strategies = EngineStrategies.forChoice(EngineChoice.AUTO, Map.of(), "Linux", home);
        assertThat(strategies).extracting(EngineStrategy::name)
                .containsExactly("Docker Desktop", "Docker context", "standard socket");
        var outcome = new EngineLocator(strategies.subList(0, 2)).locate();
        assertThat(outcome).isInstanceOfSatisfying(EngineLocator.Outcome.NotFound.class, n ->
                assertThat(n.explanation()).contains("Tried:").contains("docker.sock does not exist")
                        .contains("Docker context: no Docker context is selected"));
    }

    @Test
    void readsTheCurrentDockerContextWithItsTlsMaterial(@TempDir Path home) throws Exception {
        var dockerDir = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(dockerDir.resolve("config.json"), "{\"currentContext\":\"office\"}");
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("office".getBytes()));
        var meta = Files.createDirectories(dockerDir.resolve("contexts/meta/" + hash));
        Files.writeString(meta.resolve("meta.json"),
                "{\"Name\":\"office\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://docker.office:2376\"}}}");
        var tls = Files.createDirectories(dockerDir.resolve("contexts/tls/" + hash + "/docker"));
        Files.writeString(tls.resolve("ca.pem"), "ca");
        var context = EngineStrategies.forChoice(EngineChoice.AUTO, Map.of(), "Mac OS X", home).get(1);
        assertThat(context.endpoint()).contains(new EngineStrategy.Endpoint("tcp://docker.office:2376", tls));
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
