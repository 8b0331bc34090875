package com.adaptivestartup.console.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.install.Fixture;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes edition's chart for the fixture's signed release 1.2.0 (issue 27): built as `adaptive-vendor chart
 * build` builds it, linted by Helm 3, rendered through the console's license check, and every object read strictly as
 * the Kubernetes API's models. No cluster runs here: kubernetes/e2e.sh installs it on a real one. Helm comes from
 * kubernetes/helm.sh (or HELM).
 */
@Tag("e2e")
class HelmChartTest {
    @TempDir
    static Path tmp;
    static Fixture fixture;
    static Helm helm;
    static Path chart;
    static ReleaseManifest release;
    static KubernetesService kubernetes;

    @BeforeAll
    static void build() throws Exception {
        fixture = Fixture.load();
        String named = System.getenv("HELM");
        Path built = Path.of("../kubernetes/target/helm/helm");
        if ((named == null || named.isBlank()) && !Files.isExecutable(built)) {
            throw new IllegalStateException("Helm 3 is missing: run kubernetes/helm.sh first (bin/test does), or set HELM");
        }
        helm = new Helm(named == null || named.isBlank() ? built.toString() : named);
        String signed = Files.readString(fixture.release120, StandardCharsets.US_ASCII);
        release = new ReleaseSource(fixture.trusted).verify(signed, "fixture");
        chart = HelmChart.build(Path.of("../server-bundle/src/main/kubernetes/chart"), release, signed, tmp.resolve("charts"));
        kubernetes = new KubernetesService(new LicenseService(fixture.trusted, Clock.systemUTC(), new InMemoryTimeWitness(),
                Optional::empty), new ReleaseSource(fixture.trusted), helm,
                new com.adaptivestartup.console.outbound.RegistryManifests(com.adaptivestartup.console.outbound.OutboundHttp.direct()));
    }

    private static KubernetesService.Request request(String license, Path... values) {
        return new KubernetesService.Request(chart, license, "adaptive", "startup", List.of(values), null);
    }

    private static List<HasMetadata> render(Path... values) throws Exception {
        return StrictKubernetes.parse(kubernetes.render(request(fixture.license(), values), tmp.resolve("work")));
    }

    private static Path values(String yaml) throws Exception {
        Path f = Files.createTempFile(tmp, "values", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind, String name) {
        return (T) objects.stream().filter(o -> kind.isInstance(o) && o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in "
                        + objects.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).toList()));
    }

    private static String image(String service) {
        ReleaseManifest.ImageRef ref = release.images().get(service);
        return fixture.registry + "/" + ref.repository() + "@" + ref.digest();
    }

    private static void hardened(PodSpec pod) {
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        for (Container c : pod.getContainers()) {
            assertThat(c.getSecurityContext().getRunAsNonRoot()).as(c.getName()).isTrue();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
        }
    }

    @Test
    void theChartLintsAndItsPackageCarriesTheSignedRelease() throws Exception {
        assertThat(chart.getFileName().toString()).isEqualTo("adaptive-startup-1.2.0.tgz");
        assertThat(HelmChart.signedReleaseOf(chart)).isEqualTo(Files.readString(fixture.release120, StandardCharsets.US_ASCII));
        KubernetesService.Checked checked = kubernetes.check(request(fixture.license()), tmp.resolve("lint"));
        assertThat(helm.lint(chart, List.of(checked.licenseValues()))).contains("1 chart(s) linted, 0 chart(s) failed");
        assertThat(Files.getPosixFilePermissions(checked.licenseValues())).as("it holds the registry's password")
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void theEvaluationDefaultsMakeEveryPartHardenedFromTheSignedImages() throws Exception {
        List<HasMetadata> objects = render();
        assertThat(objects).extracting(HasMetadata::getKind).contains("Deployment", "Service", "PodDisruptionBudget", "Job",
                "StatefulSet", "Ingress", "NetworkPolicy", "CronJob", "PersistentVolumeClaim", "Secret").doesNotContain(
                "HorizontalPodAutoscaler");
        Deployment backend = one(objects, Deployment.class, "adaptive-backend");
        assertThat(backend.getSpec().getReplicas()).isEqualTo(3);
        assertThat(backend.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        Container server = backend.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(server.getImage()).isEqualTo(image("backend"));
        assertThat(server.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(server.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(server.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                .isEqualTo("POSTGRES_PASSWORD_FILE=/run/secrets/postgres_app_password"));
        assertThat(server.getEnv()).noneSatisfy(e -> assertThat(e.getName()).matches("[A-Z_]*(PASSWORD|SECRET_KEY)"));
        hardened(backend.getSpec().getTemplate().getSpec());
        Deployment web = one(objects, Deployment.class, "adaptive-web");
        assertThat(web.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .anySatisfy(e -> assertThat(e.getValue()).isEqualTo("http://adaptive-backend.startup.svc.cluster.local:8080"));
        hardened(web.getSpec().getTemplate().getSpec());
        for (String data : List.of("postgres", "redis", "storage")) {
            StatefulSet s = one(objects, StatefulSet.class, "adaptive-" + data);
            assertThat(s.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo(image(data));
            assertThat(s.getSpec().getVolumeClaimTemplates()).hasSize(1);
            hardened(s.getSpec().getTemplate().getSpec());
        }
        Job migrate = (Job) objects.stream().filter(o -> o instanceof Job).findFirst().orElseThrow();
        assertThat(migrate.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "post-install,pre-upgrade");
        assertThat(migrate.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs()).startsWith("migrate");
        hardened(migrate.getSpec().getTemplate().getSpec());
        Ingress ingress = one(objects, Ingress.class, "adaptive-web");
        assertThat(ingress.getSpec().getTls().getFirst().getHosts()).containsExactly("startup.example.com");
        CronJob backup = one(objects, CronJob.class, "adaptive-backup");
        hardened(backup.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
        Secret pull = one(objects, Secret.class, "adaptive-registry");
        String config = new String(Base64.getDecoder().decode(pull.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
        assertThat(config).contains("\"" + fixture.registry + "\"").contains("\"username\":\"" + fixture.customerUser + "\"");
        assertThat(objects).filteredOn(o -> o.getKind().equals("NetworkPolicy")).hasSize(6);
    }

    @Test
    void productionValuesUseTheCustomersOwnDatabaseRedisAndStorageAndScaleByLoad() throws Exception {
        List<HasMetadata> objects = render(values("""
                publicUrl: https://startup.acme.com/
                secrets: { existingSecret: adaptive-managed }
                postgres: { inCluster: false, external: { host: db.acme.internal, port: 5433, database: startup, user: owner, appUser: app } }
                redis: { inCluster: false, external: { host: redis.acme.internal } }
                objectStore: { inCluster: false, external: { endpoint: "https://s3.acme.internal", bucket: startup-files } }
                backend: { autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6 } }
                ingress: { certManagerIssuer: letsencrypt, className: nginx }
                """));
        assertThat(objects).noneMatch(o -> o instanceof StatefulSet);
        assertThat(objects).noneMatch(o -> o instanceof Secret s && s.getMetadata().getName().equals("adaptive-secrets"));
        Deployment backend = one(objects, Deployment.class, "adaptive-backend");
        assertThat(backend.getSpec().getReplicas()).as("the autoscaler decides").isNull();
        List<String> env = backend.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .map(e -> e.getName() + "=" + e.getValue()).toList();
        assertThat(env).contains("POSTGRES_HOST=db.acme.internal", "POSTGRES_PORT=5433", "POSTGRES_DB=startup",
                "POSTGRES_USER=app", "REDIS_HOST=redis.acme.internal", "S3_ENDPOINT=https://s3.acme.internal",
                "S3_BUCKET=startup-files", "PUBLIC_URL=https://startup.acme.com/");
        assertThat(backend.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v ->
                assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("adaptive-managed"));
        assertThat(objects).anyMatch(o -> o.getKind().equals("HorizontalPodAutoscaler"));
        Job migrate = (Job) objects.stream().filter(o -> o instanceof Job).findFirst().orElseThrow();
        assertThat(migrate.getMetadata().getAnnotations()).as("the customer's database exists before the release")
                .containsEntry("helm.sh/hook", "pre-install,pre-upgrade");
        Ingress ingress = one(objects, Ingress.class, "adaptive-web");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(objects).filteredOn(o -> o.getKind().equals("NetworkPolicy")).hasSize(3);
    }

    @Test
    void aValuesFileCannotSwapTheSignedImagesOrTheRegistry() throws Exception {
        String evil = "evil/backend@sha256:" + "e".repeat(64);
        List<HasMetadata> objects = render(values("registry: evil.example.com\nimages: { backend: \"" + evil + "\" }\n"));
        assertThat(one(objects, Deployment.class, "adaptive-backend").getSpec().getTemplate().getSpec().getContainers()
                .getFirst().getImage()).isEqualTo(image("backend"));
    }

    @Test
    void badValuesAreRefusedWithWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> render(values("backend: { replica: 3 }\n")))
                .hasMessageContaining("helm template refused").hasMessageContaining("Additional property replica is not allowed");
        assertThatThrownBy(() -> render(values("postgres: { inCluster: false, external: { host: db } }\n")))
                .hasMessageContaining("existingSecret");
        assertThatThrownBy(() -> render(values("publicUrl: http://startup.acme.com/\n"))).hasMessageContaining("publicUrl");
        assertThatThrownBy(() -> render(values("backend: { replicas: 0 }\n"))).hasMessageContaining("backend.replicas");
        assertThatThrownBy(() -> render(values("backend: { smtp: { security: ssl } }\n"))).hasMessageContaining("security");
        assertThatThrownBy(() -> render(tmp.resolve("missing.yaml"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the values file");
    }

    @Test
    void aChangedChartAnExpiredLicenseAndAnotherCustomersLicenseAreRefusedBeforeHelmRuns() throws Exception {
        Path changed = tmp.resolve("changed");
        Files.createDirectories(changed);
        String signed = Files.readString(fixture.release120, StandardCharsets.US_ASCII);
        String[] lines = signed.split("\n", -1);
        char c = lines[20].charAt(20);
        lines[20] = lines[20].substring(0, 20) + (c == 'A' ? 'B' : 'A') + lines[20].substring(21);   // one character of the body
        String tampered = String.join("\n", lines);
        assertThat(tampered).isNotEqualTo(signed);
        Path forged = HelmChart.build(Path.of("../server-bundle/src/main/kubernetes/chart"), release, tampered, changed);
        assertThatThrownBy(() -> kubernetes.render(new KubernetesService.Request(forged, fixture.license(), "adaptive",
                "startup", List.of(), null), tmp.resolve("w1"))).isInstanceOf(ReleaseSource.ReleaseProblem.class)
                .hasMessageMatching("(?s).*(changed after the vendor signed it|damaged).*");
        String expired = fixture.license(fixture.customerPassword, Instant.now().minus(40, ChronoUnit.DAYS));
        assertThatThrownBy(() -> kubernetes.render(request(expired), tmp.resolve("w2"))).hasMessageContaining("expired");
        assertThatThrownBy(() -> kubernetes.render(request(fixture.licenseOf("globex")), tmp.resolve("w3")))
                .hasMessageContaining("made for the customer 'acme'");
        assertThatThrownBy(() -> new KubernetesService.Request(chart, fixture.license(), "Adaptive!", "startup", List.of(), null))
                .hasMessageContaining("release's name");
    }

    /**
     * An air-gapped cluster: the release's images pushed (as `adaptivectl bundle push` pushes a bundle's) under a path of
     * this test's own in the fixture's registry, which makes its own manifests; the chart then names them by those
     * digests once each image's id is the one the release signs, read with an account of that registry.
     * An image pushed under another's name is refused. Only this test's temporary tags are added to the engine's images.
     */
    @Test
    void anAirGappedClusterTakesTheImagesFromTheCustomersOwnRegistryCheckedByTheirIds() throws Exception {
        String own = fixture.registry + "/airgap" + java.util.UUID.randomUUID().toString().substring(0, 8);
        java.util.Map<String, String> ids = new java.util.LinkedHashMap<>();
        HelmChart.SERVICES.forEach(s -> ids.put(s, release.images().get(s).id()));
        try (var engine = ((com.adaptivestartup.console.docker.EngineLocator.Outcome.Found)
                new com.adaptivestartup.console.docker.EngineLocator(com.adaptivestartup.console.docker.EngineStrategies
                        .forThisMachine(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home"))))
                        .locate()).engine()) {
            java.util.Map<String, String> pushed = com.adaptivestartup.console.bundle.BundlePush.pushImages(engine, ids, release,
                    own, fixture.vendorPush());
            assertThat(pushed).containsOnlyKeys(HelmChart.SERVICES);
            // The customer's own registry is theirs: an account of theirs that reads it (here the registry's admin, as the
            // vendor's registry lets a customer read only its own repositories).
            var ownAccount = fixture.vendorPush();
            KubernetesService.OwnRegistry registry = new KubernetesService.OwnRegistry(own, ownAccount.username(),
                    ownAccount.password());
            List<HasMetadata> objects = StrictKubernetes.parse(kubernetes.render(new KubernetesService.Request(chart,
                    fixture.license(), "adaptive", "startup", List.of(), registry), tmp.resolve("airgap")));
            assertThat(one(objects, Deployment.class, "adaptive-backend").getSpec().getTemplate().getSpec().getContainers()
                    .getFirst().getImage()).isEqualTo(pushed.get("backend")).startsWith(own + "/acme/backend@sha256:");
            String config = new String(Base64.getDecoder().decode(one(objects, Secret.class, "adaptive-registry").getData()
                    .get(".dockerconfigjson")), StandardCharsets.UTF_8);
            assertThat(config).as("the pull secret is for the registry's host").contains("\"" + fixture.registry + "\":");

            // Another image under the backend's name (the web's), in another path: refused, by what the release signs.
            String wrong = fixture.registry + "/airgap" + java.util.UUID.randomUUID().toString().substring(0, 8);
            java.util.Map<String, String> swapped = new java.util.LinkedHashMap<>(ids);
            swapped.put("backend", ids.get("web"));
            com.adaptivestartup.console.bundle.BundlePush.pushImages(engine, swapped, release, wrong, fixture.vendorPush());
            assertThatThrownBy(() -> kubernetes.render(new KubernetesService.Request(chart, fixture.license(), "adaptive",
                    "startup", List.of(), new KubernetesService.OwnRegistry(wrong, ownAccount.username(), ownAccount.password())),
                    tmp.resolve("swapped"))).hasMessageContaining("is not the image release 1.2.0 signs");
            assertThatThrownBy(() -> kubernetes.render(new KubernetesService.Request(chart, fixture.license(), "adaptive",
                    "startup", List.of(), new KubernetesService.OwnRegistry(own, ownAccount.username(), "wrong")),
                    tmp.resolve("refused"))).hasMessageContaining("refused the credentials");
            assertThat(engine.imageId(own + "/acme/backend:1.2.0")).as("the temporary tag is gone").isEmpty();
        }
    }

    @Test
    void theStrictReadingCatchesAFieldTheApiDoesNotHave() throws Exception {
        String rendered = kubernetes.render(request(fixture.license()), tmp.resolve("strict"));
        assertThat(StrictKubernetes.parse(rendered)).isNotEmpty();
        String misspelled = rendered.replaceFirst("(?m)^  replicas: 3$", "  replica: 3");
        assertThat(misspelled).isNotEqualTo(rendered);
        assertThatThrownBy(() -> StrictKubernetes.parse(misspelled)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Deployment adaptive-backend").hasMessageContaining("replica");
        String misplaced = rendered.replaceFirst("(?m)^(\\s+)readOnlyRootFilesystem: true$", "$1readOnlyRootFilesystem: true\n$1runAsNonRot: true");
        assertThatThrownBy(() -> StrictKubernetes.parse(misplaced)).hasMessageContaining("runAsNonRot");
        List<String> kinds = new ArrayList<>();
        Stream.of(rendered.split("\n")).filter(l -> l.startsWith("kind: ")).forEach(kinds::add);
        assertThat(kinds).as("every rendered object was read").hasSize(StrictKubernetes.parse(rendered).size());
    }
}
