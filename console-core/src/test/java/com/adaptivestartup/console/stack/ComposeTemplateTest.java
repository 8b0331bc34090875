package com.adaptivestartup.console.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeTemplateTest {

    @Test
    void theShippedTemplateReadsWithDependenciesFirstAndComposeConditions() throws Exception {
        String template = Files.readString(Path.of("../server-bundle/src/main/stack/docker-compose.yml"));
        Map<String, String> env = Map.of("POSTGRES_IMAGE", "p@sha256:1", "REDIS_IMAGE", "r", "STORAGE_IMAGE", "s",
                "BACKEND_IMAGE", "b", "WEB_IMAGE", "w", "HTTP_PORT", "8080");
        StackPlan plan = ComposeTemplate.parse(ComposeTemplate.interpolate(template, env));
        assertThat(plan.services()).extracting(StackPlan.Service::name)
                .containsExactly("postgres", "redis", "storage", "backend", "web");
        assertThat(plan.service("backend").dependsOn()).containsExactly(new StackPlan.Dependency("postgres", true),
                new StackPlan.Dependency("redis", false), new StackPlan.Dependency("storage", false));
        assertThat(plan.service("web").ports()).containsExactly(new StackPlan.Port(8080, 8080));
        assertThat(plan.services()).filteredOn(s -> !s.ports().isEmpty()).extracting(StackPlan.Service::name)
                .containsExactly("web");
        assertThat(plan.service("postgres").image()).isEqualTo("p@sha256:1");
        assertThat(plan.volumes()).containsExactly("postgres-data", "redis-data", "storage-data");
        assertThat(plan.services()).allSatisfy(s -> assertThat(String.join(" ", s.environment().keySet()))
                .doesNotContainPattern("PASSWORD(?!_FILE)|SECRET_KEY(?!_FILE)"));
    }

    @Test
    void aMissingVariableIsNamedAndADefaultIsUsed() {
        assertThat(ComposeTemplate.interpolate("a: ${X:-7}", Map.of())).isEqualTo("a: 7");
        assertThatThrownBy(() -> ComposeTemplate.interpolate("a: ${WEB_IMAGE}", Map.of()))
                .hasMessage("the stack template needs ${WEB_IMAGE}, which .env does not set");
    }

    @Test
    void whatThisConsoleCannotHonourIsRefusedNotSkipped() {
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    privileged: true\n"))
                .hasMessageContaining("uses 'privileged', which this console does not support; update the console");
        assertThatThrownBy(() -> ComposeTemplate.parse(
                "services:\n  a:\n    image: x\n    depends_on:\n      b: { condition: service_completed_successfully }\n"
                        + "  b:\n    image: y\n"))
                .hasMessageContaining("condition 'service_completed_successfully'");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    volumes: [\"../../etc:/etc\"]\n"))
                .hasMessageContaining("outside the install folder");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    volumes: [\"data:/d\"]\n"))
                .hasMessageContaining("uses volume data, which is not declared");
    }

    @Test
    void cyclesAndUnknownDependenciesAreErrors() {
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    depends_on: [b]\n"
                + "  b:\n    image: y\n    depends_on: [a]\n")).hasMessageContaining("in a circle");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    depends_on: [ghost]\n"))
                .hasMessageContaining("depends on ghost, which the stack does not define");
    }
}
