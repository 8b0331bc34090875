package com.adaptivestartup.console.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void severalServersAreKeptWrittenIntoEnvAndReadBack() {
        StackSettings three = StackSettings.DEFAULTS.withBackendReplicas(3);
        assertThat(three.env()).containsEntry("BACKEND_REPLICAS", "3");
        assertThat(StackSettings.DEFAULTS.env()).as("one: nothing written, so older releases take the settings")
                .doesNotContainKey("BACKEND_REPLICAS");
        assertThat(StackSettings.fromJson(three.toJson())).isEqualTo(three);
        assertThat(StackSettings.fromJson(StackSettings.DEFAULTS.toJson()).backendReplicas()).isOne();
        assertThat(three.withMail(null).withWeb(null).withPortAndMemoryOf(StackSettings.DEFAULTS).backendReplicas()).isEqualTo(3);
    }

    @Test
    void aCountOutsideOneToFiveOrForTheSingleContainerIsRefusedInWords() {
        assertThatThrownBy(() -> StackSettings.DEFAULTS.withBackendReplicas(0))
                .hasMessage("the server runs as 1 to 5 containers, not 0 (each takes its memory limit; two cores are busy with two)");
        assertThatThrownBy(() -> StackSettings.DEFAULTS.withBackendReplicas(6)).hasMessageContaining("not 6");
        assertThatThrownBy(() -> StackSettings.DEFAULTS.withEdition(Edition.SINGLE).withBackendReplicas(2))
                .hasMessageContaining("the single container runs one server on its own SQLite file");
        assertThatThrownBy(() -> StackSettings.DEFAULTS.withBackendReplicas(2).withEdition(Edition.SINGLE))
                .hasMessageContaining("only the full edition runs several");
        assertThat(StackSettings.DEFAULTS.withEdition(Edition.SINGLE).withBackendReplicas(1).backendReplicas()).isOne();
    }

    @Test
    void aReleaseWhoseTemplateRunsOneServerKeepsTheCountForLater() throws Exception {
        String frozen = Files.readString(Path.of("../server-bundle/src/main/stack/frozen/upto-1.1.0.yml"));
        String current = Files.readString(Path.of("../server-bundle/src/main/stack/docker-compose.yml"));
        StackSettings three = StackSettings.DEFAULTS.withBackendReplicas(3);
        assertThat(three.unsupportedBy(frozen)).contains("BACKEND_REPLICAS");
        assertThat(three.supportedBy(frozen).backendReplicas()).isOne();
        assertThat(three.supportedBy(current)).isEqualTo(three);
        assertThat(three.unsupportedBy(current)).isEmpty();
    }
}
