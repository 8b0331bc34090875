package com.adaptivestartup.console.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.docker.ContainerSpec;
import com.adaptivestartup.console.testing.InMemoryEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployer's decisions on an in-memory engine: what it creates, keeps, replaces, and where bound files come from. */
class StackDeployerTest {
    private static final Map<String, String> ENV = Map.of("POSTGRES_IMAGE", "reg/p@sha256:1", "REDIS_IMAGE", "reg/r@sha256:2",
            "STORAGE_IMAGE", "reg/s@sha256:3", "BACKEND_IMAGE", "reg/b@sha256:4", "WEB_IMAGE", "reg/w@sha256:5",
            "HTTP_PORT", "8080");
    @TempDir
    Path dir;

    private static StackPlan plan(Map<String, String> env) throws Exception {
        String template = Files.readString(Path.of("../server-bundle/src/main/stack/docker-compose.yml"));
        return ComposeTemplate.parse(ComposeTemplate.interpolate(template, env));
    }

    private void secrets(String postgresPassword) throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/postgres_password"), postgresPassword);
        Files.writeString(dir.resolve("secrets/app_db_password"), "app-password");
    }

    @Test
    void aServiceIsCreatedOnceLeftAloneWhileItsConfigurationHoldsAndReplacedWhenItChanges() throws Exception {
        InMemoryEngine engine = InMemoryEngine.local();
        StackDeployer d = new StackDeployer(engine, "acme", dir, "1.2.0");
        StackPlan plan = plan(ENV);
        d.ensureNetworkAndVolumes(plan);
        StackPlan.Service redis = plan.service("redis");

        StackDeployer.Converged first = d.converge(redis);
        assertThat(first.change()).isEqualTo(StackDeployer.Change.CREATED);
        assertThat(d.converge(redis)).isEqualTo(new StackDeployer.Converged(first.containerId(), StackDeployer.Change.UNCHANGED));

        engine.stop(first.containerId(), java.time.Duration.ZERO);
        assertThat(d.converge(redis).change()).as("stopped, same configuration").isEqualTo(StackDeployer.Change.STARTED);

        Map<String, String> newer = new HashMap<>(ENV);
        newer.put("REDIS_IMAGE", "reg/r@sha256:9");
        StackDeployer.Converged replaced = d.converge(plan(newer).service("redis"));
        assertThat(replaced.change()).isEqualTo(StackDeployer.Change.REPLACED);
        assertThat(d.all()).extracting(c -> c.id()).containsExactly(replaced.containerId());
        assertThat(engine.calls()).containsSubsequence("stop acme-redis-1", "remove acme-redis-1", "create acme-redis-1");
    }

    @Test
    void onALocalEngineTheInstallFoldersSecretsAreBoundWhereTheyAre() throws Exception {
        secrets("pg-password");
        InMemoryEngine engine = InMemoryEngine.local();
        StackDeployer d = new StackDeployer(engine, "acme", dir, "1.2.0");
        StackPlan plan = plan(ENV);
        d.ensureNetworkAndVolumes(plan);
        ContainerSpec spec = engine.spec(d.converge(plan.service("postgres")).containerId());
        assertThat(spec.mounts()).filteredOn(ContainerSpec.MountSpec::bind).isNotEmpty()
                .allSatisfy(m -> assertThat(m.source()).startsWith(dir.toAbsolutePath().toString()));
        assertThat(engine.calls()).noneMatch(c -> c.startsWith("write host folder"));
    }

    @Test
    void onARemoteEngineTheSecretsAreCopiedThereOnceBoundFromThereAndRemovedWithTheStack() throws Exception {
        secrets("pg-password");
        InMemoryEngine engine = InMemoryEngine.remote();
        StackDeployer d = new StackDeployer(engine, "acme", dir, "1.2.0");
        StackPlan plan = plan(ENV);
        d.ensureNetworkAndVolumes(plan);
        for (StackPlan.Service s : plan.services()) {
            d.converge(s);
        }
        String there = StackDeployer.ENGINE_FOLDERS + "/acme";
        assertThat(engine.hostFolder(there)).containsEntry("secrets/postgres_password", "pg-password");
        assertThat(engine.calls()).filteredOn(c -> c.startsWith("write host folder")).as("unchanged secrets are copied once")
                .hasSize(1);
        ContainerSpec postgres = engine.spec(d.current("postgres").orElseThrow().id());
        assertThat(postgres.mounts()).filteredOn(ContainerSpec.MountSpec::bind).isNotEmpty()
                .allSatisfy(m -> assertThat(m.source()).startsWith(there + "/secrets/"));

        Files.writeString(dir.resolve("secrets/postgres_password"), "rotated");
        d.runOnce(plan.migrator(), java.util.List.of("migrate"), java.util.List.of(), java.time.Duration.ofMinutes(1));
        assertThat(engine.hostFolder(there)).as("a changed secret reaches the engine before a one-off uses it")
                .containsEntry("secrets/postgres_password", "rotated");

        d.removeEngineFolder();
        assertThat(engine.hostFolder(there)).isEmpty();
    }

    @Test
    void servicesStartedSideBySideCopyTheSecretsOnceNotOverEachOther() throws Exception {
        secrets("pg-password");
        // a write longer than a second: a digest that changed with the clock would copy again
        InMemoryEngine engine = InMemoryEngine.remote().slowHostWrites(java.time.Duration.ofMillis(1100));
        StackDeployer d = new StackDeployer(engine, "acme", dir, "1.2.0");
        StackPlan plan = plan(ENV);
        d.ensureNetworkAndVolumes(plan);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(plan.services().size())) {
            java.util.List<java.util.concurrent.Future<?>> started = new java.util.ArrayList<>();
            for (StackPlan.Service s : plan.services()) {
                started.add(pool.submit(() -> d.converge(s)));
            }
            for (var f : started) {
                f.get();
            }
        }
        assertThat(engine.calls()).filteredOn(c -> c.startsWith("write host folder"))
                .as("one copy, the others wait for it and find it done").hasSize(1);
    }

    @Test
    void aNetworkTheReleaseNoLongerHasGoesUnlessSomethingStillUsesIt() throws Exception {
        InMemoryEngine engine = InMemoryEngine.local();
        StackDeployer d = new StackDeployer(engine, "acme", dir, "1.2.0");
        StackPlan plan = plan(ENV);
        engine.ensureNetwork("acme_default", StackLabels.network("acme", "default"), false);
        engine.ensureNetwork("acme_old", StackLabels.network("acme", "old"), false);
        engine.create(new ContainerSpec("helper", "reg/p@sha256:1", Map.of(), Map.of(), java.util.List.of(), "acme_old",
                java.util.List.of(), java.util.List.of(), java.util.List.of(), false, null));
        d.ensureNetworkAndVolumes(plan);
        d.removeNetworksOutside(plan);
        assertThat(d.allNetworks()).containsExactlyInAnyOrder("acme_front", "acme_back", "acme_old");
    }
}
