package com.adaptivestartup.console.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.testing.InMemoryEngine;
import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import com.adaptivestartup.licensing.license.Edition;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseIssuer;
import com.adaptivestartup.licensing.license.RegistryAccess;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install's decisions on an in-memory engine, in milliseconds: the order it waits in, how it fails, and what a
 * failed first install takes down. The real engine's side of the same is InstallEndToEndTest's.
 */
class InstallServiceTest {
    private static final String REGISTRY = "registry.example:5000";
    private static final List<String> SERVICES = List.of("postgres", "redis", "storage", "backend", "web");
    private final KeyPair vendor = Ed25519Keys.generate();
    @TempDir
    Path tmp;
    private String license;
    private Path release;
    private StateDatabase state;

    @BeforeEach
    void vendorMaterial() throws Exception {
        Instant now = Instant.now();
        License l = new License("lic-1", "acme", "Acme Robotics", Edition.TRIAL, 5, Set.of(), now, now,
                now.plus(Duration.ofDays(30)), 7, "stable", null, null, new RegistryAccess(REGISTRY, "acme", "acme", "pw"), null);
        license = new LicenseIssuer(new DocumentSigner(vendor.getPrivate())).issue(l).compact();
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("version", "1.2.0").put("schemaVersion", "6");
        ObjectNode images = body.putObject("images");
        for (String s : SERVICES) {
            images.putObject(s).put("repository", "acme/" + s).put("digest", digest(s));
        }
        body.putObject("stack").put("compose", Files.readString(Path.of("../server-bundle/src/main/stack/docker-compose.yml")));
        release = Files.writeString(tmp.resolve("release-1.2.0.asr"),
                new DocumentSigner(vendor.getPrivate()).sign(DocumentKind.RELEASE_MANIFEST, body).compact());
        state = StateDatabase.open(tmp.resolve("state"));
    }

    private static String digest(String service) {
        return "sha256:" + HexFormat.of().formatHex(service.repeat(64).getBytes()).substring(0, 64);
    }

    private InMemoryEngine engineWithTheRelease() {
        InMemoryEngine engine = InMemoryEngine.local();
        SERVICES.forEach(s -> engine.inRegistry(REGISTRY + "/acme/" + s + "@" + digest(s)));
        return engine;
    }

    private InstallService service(DockerEngine engine) {
        return new InstallService(new LicenseService(TrustedKeys.of(vendor.getPublic()), Clock.systemUTC(),
                new InMemoryTimeWitness(), Optional::empty), new ReleaseSource(TrustedKeys.of(vendor.getPublic())), engine,
                new Journal(state, Clock.systemUTC()), new Installations(state, Clock.systemUTC()));
    }

    private InstallRequest request(Path dir) throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return new InstallRequest(license, dir, "acme", s.getLocalPort(), "founder@example.com", null, release.toString());
        }
    }

    @Test
    void aDatabaseThatKeepsStoppingFailsTheInstallAtOnceWithoutRunningTheMigrationAndLeavesNothing() throws Exception {
        InMemoryEngine engine = engineWithTheRelease().health(service -> service.equals("postgres")
                ? DockerEngine.HealthOutcome.KEEPS_RESTARTING : DockerEngine.HealthOutcome.HEALTHY);
        Path dir = tmp.resolve("stack");
        assertThatThrownBy(() -> service(engine).install(request(dir), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> {
                    assertThat(e.step()).isEqualTo("healthy postgres");
                    assertThat(e.getMessage()).isEqualTo("postgres did not become healthy: it stops as soon as it starts and is"
                            + " started again");
                });
        assertThat(engine.calls()).as("the migration waits for a healthy database").noneMatch(c -> c.startsWith("run "))
                .as("the server waits for it too").noneMatch(c -> c.equals("create acme-backend-1"));
        assertThat(engine.containers(Map.of())).isEmpty();
        assertThat(engine.networks(Map.of())).isEmpty();
        assertThat(engine.volumes(Map.of())).isEmpty();
        assertThat(dir).doesNotExist();
        assertThat(new Installations(state, Clock.systemUTC()).find("acme")).isEmpty();
    }

    @Test
    void aFailedMigrationIsSaidInItsOwnWordsAndTheFreshInstallIsTakenDown() throws Exception {
        InMemoryEngine engine = engineWithTheRelease().oneOffs(spec -> new DockerEngine.OneOffResult(1,
                "{\"ok\":false,\"error\":\"migration V5 failed: relation \\\"metrics\\\" already exists\"}\n"));
        Path dir = tmp.resolve("stack");
        assertThatThrownBy(() -> service(engine).install(request(dir), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> {
                    assertThat(e.step()).isEqualTo("migrate");
                    assertThat(e.getMessage()).isEqualTo("the database migration failed: migration V5 failed: relation"
                            + " \"metrics\" already exists");
                });
        assertThat(engine.calls()).anyMatch(c -> c.startsWith("run acme-migrate-run-") && c.contains(" setup "));
        assertThat(engine.containers(Map.of())).isEmpty();
        assertThat(dir).doesNotExist();
    }

    @Test
    void anImageTheRegistryDoesNotHaveStopsTheInstallBeforeAnythingIsCreated() throws Exception {
        InMemoryEngine engine = InMemoryEngine.local();
        SERVICES.stream().filter(s -> !s.equals("web")).forEach(s -> engine.inRegistry(REGISTRY + "/acme/" + s + "@" + digest(s)));
        assertThatThrownBy(() -> service(engine).install(request(tmp.resolve("stack")), InstallListener.SILENT))
                .isInstanceOfSatisfying(InstallFailed.class, e -> assertThat(e.step()).isEqualTo("pull"));
        assertThat(engine.calls()).noneMatch(c -> c.startsWith("create"));
    }

    @Test
    void aPreparedInstallGoesOnFromTheVerifiedValuesWithoutReadingTheReleaseAgain() throws Exception {
        InMemoryEngine engine = engineWithTheRelease().health(service -> service.equals("postgres")
                ? DockerEngine.HealthOutcome.KEEPS_RESTARTING : DockerEngine.HealthOutcome.HEALTHY);
        InstallService service = service(engine);
        InstallService.Prepared prepared = service.prefetch(request(tmp.resolve("stack")), InstallListener.SILENT);
        assertThat(prepared.release().manifest().version()).isEqualTo("1.2.0");
        assertThat(engine.calls()).filteredOn(c -> c.startsWith("pull ")).hasSize(SERVICES.size());
        Files.delete(release);

        assertThatThrownBy(() -> service.install(prepared, InstallListener.SILENT))
                .as("past the license, the release and the pull, to the first service")
                .isInstanceOfSatisfying(InstallFailed.class, e -> assertThat(e.step()).isEqualTo("healthy postgres"));
        assertThat(engine.calls()).filteredOn(c -> c.startsWith("pull ")).as("nothing pulled twice").hasSize(SERVICES.size());
    }
}
