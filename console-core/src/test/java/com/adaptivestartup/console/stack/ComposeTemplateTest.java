package com.adaptivestartup.console.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeTemplateTest {

    private static final Map<String, String> ENV = Map.of("POSTGRES_IMAGE", "p@sha256:1", "REDIS_IMAGE", "r",
            "STORAGE_IMAGE", "s", "BACKEND_IMAGE", "b", "WEB_IMAGE", "w", "HTTP_PORT", "8080");

    private static StackPlan shipped(String file, Map<String, String> env) throws Exception {
        String template = Files.readString(Path.of("../server-bundle/src/main/stack/" + file));
        return ComposeTemplate.parse(ComposeTemplate.interpolate(template, env));
    }

    @Test
    void theShippedTemplateReadsWithDependenciesFirstAndComposeConditions() throws Exception {
        StackPlan plan = shipped("docker-compose.yml", ENV);
        assertThat(plan.services()).extracting(StackPlan.Service::name)
                .containsExactly("postgres", "redis", "storage", "backend", "web");
        assertThat(plan.service("backend").dependsOn()).containsExactly(new StackPlan.Dependency("postgres", true),
                new StackPlan.Dependency("redis", false), new StackPlan.Dependency("storage", false));
        assertThat(plan.service("web").ports()).as("no address: HTTPS kept on a loopback port the engine chooses")
                .containsExactly(new StackPlan.Port("0.0.0.0", 8080, 8080), new StackPlan.Port("127.0.0.1", StackPlan.Port.ANY, 8443));
        assertThat(plan.services()).filteredOn(s -> !s.ports().isEmpty()).extracting(StackPlan.Service::name)
                .containsExactly("web");
        assertThat(plan.service("postgres").image()).isEqualTo("p@sha256:1");
        assertThat(plan.volumes()).containsExactly("postgres-data", "redis-data", "storage-data", "acme-data");
        assertThat(plan.services()).allSatisfy(s -> assertThat(String.join(" ", s.environment().keySet()))
                .doesNotContainPattern("PASSWORD(?!_FILE)|SECRET_KEY(?!_FILE)"));
    }

    @Test
    void theShippedTemplateHardensEveryServiceAndKeepsTheDataOffTheWebServersNetwork() throws Exception {
        StackPlan plan = shipped("docker-compose.yml", ENV);
        assertThat(plan.services()).allSatisfy(s -> {
            assertThat(s.security().capDrop()).as(s.name()).containsExactly("ALL");
            assertThat(s.security().capAdd()).as(s.name()).isEmpty();
            assertThat(s.security().securityOpt()).as(s.name()).containsExactly("no-new-privileges:true");
            assertThat(s.security().readOnly()).as(s.name()).isTrue();
            assertThat(s.security().memoryBytes()).as(s.name()).isPositive();
            assertThat(s.security().pidsLimit()).as(s.name()).isPositive();
        });
        assertThat(plan.networks()).containsExactly(new StackPlan.Network("front", false), new StackPlan.Network("back", true));
        assertThat(plan.service("web").networks()).containsExactly("front");
        for (String data : new String[]{"postgres", "redis", "storage"}) {
            assertThat(plan.service(data).networks()).as(data).containsExactly("back");
        }
        assertThat(plan.service("backend").networks()).containsExactly("back", "front");
        assertThat(plan.service("backend").environment()).containsEntry("POSTGRES_USER", "adaptive_app");
        assertThat(plan.service("backend").mounts()).noneMatch(m -> m.source().endsWith("/postgres_password"));
        assertThat(plan.tools()).extracting(StackPlan.Service::name).containsExactly("migrate");
        assertThat(plan.migrator().environment()).containsEntry("POSTGRES_USER", "adaptive")
                .containsEntry("POSTGRES_APP_USER", "adaptive_app");
        assertThat(plan.service("backend").security().memoryBytes()).isEqualTo(768L << 20);
    }

    @Test
    void theSingleContainersTemplateIsOneHardenedServiceWithItsDataInOneVolume() throws Exception {
        StackPlan plan = shipped("single.yml", Map.of("SINGLE_IMAGE", "one@sha256:1", "HTTP_PORT", "8080"));
        assertThat(plan.services()).extracting(StackPlan.Service::name).containsExactly("app");
        StackPlan.Service app = plan.server();
        assertThat(app.name()).as("the one service is the server").isEqualTo("app");
        assertThat(app.ports()).containsExactly(new StackPlan.Port("0.0.0.0", 8080, 80));
        assertThat(app.environment()).containsEntry("DATABASE_URL", "sqlite:///data/adaptive.db")
                .containsEntry("HEALTH_TOKEN_FILE", "/run/secrets/health_token");
        assertThat(app.mounts()).filteredOn(m -> !m.bind()).containsExactly(new StackPlan.VolumeMount(false, "data", "/data",
                false));
        assertThat(app.security().readOnly()).isTrue();
        assertThat(app.security().capDrop()).containsExactly("ALL");
        assertThat(plan.volumes()).containsExactly("data");
        assertThat(plan.migrator().image()).as("setup runs in the same image, on the same volume").isEqualTo("one@sha256:1");
        assertThat(plan.migrator().mounts()).contains(new StackPlan.VolumeMount(false, "data", "/data", false));
        StackSettings single = StackSettings.DEFAULTS.withEdition(Edition.SINGLE).withMail(null);
        assertThat(StackSettings.fromJson(single.toJson()).edition()).as("kept with the installation").isEqualTo(Edition.SINGLE);
        assertThat(StackSettings.fromJson(StackSettings.DEFAULTS.toJson()).edition()).isEqualTo(Edition.FULL);
        assertThat(Edition.parse(" Single ")).isEqualTo(Edition.SINGLE);
        assertThatThrownBy(() -> Edition.parse("kubernetes")).hasMessage("'kubernetes' is not an edition: choose full"
                + " (full stack) or single (small business: one container)");
    }

    @Test
    void theAdminsSettingsReachThePortAndTheLimits() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("HTTP_BIND", "127.0.0.1");
        env.put("BACKEND_MEMORY", "1g");
        StackPlan plan = shipped("docker-compose.yml", env);
        assertThat(plan.service("web").ports()).containsExactly(new StackPlan.Port("127.0.0.1", 8080, 8080),
                new StackPlan.Port("127.0.0.1", StackPlan.Port.ANY, 8443));
        assertThat(plan.service("backend").security().memoryBytes()).isEqualTo(1L << 30);
        env.putAll(StackSettings.of("192.168.1.20", Map.of()).withWeb(new WebAddress("startup.acme.local", 443,
                WebAddress.CertificateSource.LOCAL)).env());
        StackPlan https = shipped("docker-compose.yml", env);
        assertThat(https.service("web").ports()).containsExactly(new StackPlan.Port("192.168.1.20", 8080, 8080),
                new StackPlan.Port("192.168.1.20", 443, 8443));
        assertThat(https.service("backend").environment()).containsEntry("PUBLIC_URL", "https://startup.acme.local/");
        assertThat(https.service("web").environment()).containsEntry("PUBLIC_URL", "https://startup.acme.local/")
                .containsEntry("HSTS_MAX_AGE", "0");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    ports: [\":8443\"]\n"))
                .hasMessageContaining("only with an address (127.0.0.1::8443) may the host port be left out");
    }

    @Test
    void theFrozenTemplateOfTheFirstReleasesStillReads() throws Exception {
        StackPlan plan = shipped("frozen/upto-1.1.0.yml", ENV);
        assertThat(plan.networks()).containsExactly(new StackPlan.Network("default", false));
        assertThat(plan.services()).allSatisfy(s -> assertThat(s.security()).isEqualTo(StackPlan.Security.NONE));
        assertThat(plan.migrator().name()).isEqualTo("backend");
    }

    @Test
    void hardeningValuesThatAreNotWhatTheySayAreRefused() {
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    mem_limit: lots\n"))
                .hasMessageContaining("mem_limit that is not a size");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    mem_limit: 1m\n"))
                .hasMessageContaining("at least 6m");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    cap_add: [\"rm -rf\"]\n"))
                .hasMessageContaining("not one");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    tmpfs: [tmp]\n"))
                .hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    networks: [ghost]\n"))
                .hasMessageContaining("joins network ghost, which is not declared");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\n    ports: [\"localhost:80:80\"]\n"))
                .hasMessageContaining("not [address:]host:container");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  a:\n    image: x\nnetworks:\n  n:\n    driver: overlay\n"))
                .hasMessageContaining("uses 'driver'");
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

    @Test
    void theServerRunsAsTheReplicasTheSettingAsksForAndEveryOtherServiceAsOne() throws Exception {
        assertThat(shipped("docker-compose.yml", ENV).service("backend").replicas()).isEqualTo(1);
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("BACKEND_REPLICAS", "3");
        StackPlan plan = shipped("docker-compose.yml", env);
        assertThat(plan.service("backend").replicas()).isEqualTo(3);
        assertThat(plan.services()).filteredOn(s -> !s.name().equals("backend")).allSatisfy(s -> assertThat(s.replicas()).isOne());
    }

    @Test
    void aReplicaCountThisConsoleCannotRunIsRefusedInWords() {
        String service = "services:\n  app:\n    image: a\n";
        assertThatThrownBy(() -> ComposeTemplate.parse(service + "    deploy:\n      replicas: 0\n"))
                .isInstanceOf(ComposeTemplate.StackProblem.class).hasMessage("service app asks for 0 replicas; a service runs as 1 to 5 containers");
        assertThatThrownBy(() -> ComposeTemplate.parse(service + "    deploy:\n      replicas: 6\n"))
                .hasMessageContaining("asks for 6 replicas");
        assertThatThrownBy(() -> ComposeTemplate.parse(service + "    deploy:\n      replicas: many\n"))
                .hasMessageContaining("asks for \"many\" replicas");
        assertThatThrownBy(() -> ComposeTemplate.parse(service + "    deploy:\n      resources: {}\n"))
                .hasMessage("service app uses 'deploy.resources', which this console does not support; update the console");
        assertThatThrownBy(() -> ComposeTemplate.parse(service + "    ports: [\"8080:8080\"]\n    deploy:\n      replicas: 2\n"))
                .hasMessageContaining("publishes a port, so it cannot run as 2 containers");
        assertThatThrownBy(() -> ComposeTemplate.parse("services:\n  postgres:\n    image: p\n    deploy:\n      replicas: 2\n"))
                .hasMessage("service postgres keeps the stack's data and runs as one container only");
        assertThat(ComposeTemplate.parse(service + "    deploy:\n      replicas: \"2\"\n").service("app").replicas()).isEqualTo(2);
    }
}
