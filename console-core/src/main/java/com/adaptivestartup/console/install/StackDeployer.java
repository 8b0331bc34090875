package com.adaptivestartup.console.install;

import com.adaptivestartup.console.docker.ContainerSpec;
import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.stack.StackPlan;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns the stack plan into containers through the engine, converging: a container whose configuration
 * (hashed into Compose's config-hash label) is unchanged is left alone and only started if stopped; one
 * whose configuration changed is replaced. Names follow Compose: {@code <project>-<service>-1}, network
 * {@code <project>_default}, volumes {@code <project>_<volume>}.
 */
public final class StackDeployer {
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private final DockerEngine engine;
    private final String project;
    private final Path dir;
    private final String release;

    public StackDeployer(DockerEngine engine, String project, Path dir, String release) {
        this.engine = engine;
        this.project = project;
        this.dir = dir;
        this.release = release;
    }

    public String project() {
        return project;
    }

    public Path directory() {
        return dir;
    }

    public String release() {
        return release;
    }

    public String network() {
        return project + "_default";
    }

    public String volume(String key) {
        return project + "_" + key;
    }

    public void ensureNetworkAndVolumes(StackPlan plan) {
        engine.ensureNetwork(network(), StackLabels.network(project, "default"));
        for (String v : plan.volumes()) {
            engine.ensureVolume(volume(v), StackLabels.volume(project, v));
        }
    }

    /** What happened to a service's container. */
    public enum Change { CREATED, REPLACED, STARTED, UNCHANGED }

    public record Converged(String containerId, Change change) {
    }

    public Converged converge(StackPlan.Service service) {
        ContainerSpec spec = spec(service, false, List.of(), "1");
        Optional<ContainerStatus> existing = current(service.name());
        if (existing.isPresent()) {
            ContainerStatus c = existing.get();
            if (spec.labels().get(StackLabels.CONFIG_HASH).equals(c.labels().get(StackLabels.CONFIG_HASH))) {
                if (c.running()) {
                    return new Converged(c.id(), Change.UNCHANGED);
                }
                engine.start(c.id());
                return new Converged(c.id(), Change.STARTED);
            }
            engine.stop(c.id(), Duration.ofSeconds(30));
            engine.remove(c.id());
            String id = engine.create(spec);
            engine.start(id);
            return new Converged(id, Change.REPLACED);
        }
        String id = engine.create(spec);
        engine.start(id);
        return new Converged(id, Change.CREATED);
    }

    /**
     * Stops every service but the database, all at once (each gets its grace period side by side), so nothing
     * writes while the data is changed underneath: a restore's swap, migrations run down.
     */
    public void stopAppServices(StackPlan plan) {
        List<CompletableFuture<Void>> stops = plan.services().stream()
                .filter(s -> !s.name().equals(StackPlan.DATABASE))
                .flatMap(s -> current(s.name()).stream())
                .map(c -> CompletableFuture.runAsync(() -> engine.stop(c.id(), Duration.ofSeconds(20))))
                .toList();
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Runs a one-off container of a service (the server's migrate, create-admin) and returns its result. */
    public DockerEngine.OneOffResult runOnce(StackPlan.Service service, List<String> command, List<StackPlan.VolumeMount> extra,
                                             Duration timeout) {
        StackPlan.Service withExtra = new StackPlan.Service(service.name(), service.image(), service.environment(),
                concat(service.mounts(), extra), List.of(), service.dependsOn(), command);
        String suffix = "run-" + Long.toHexString(System.nanoTime());
        return engine.run(spec(withExtra, true, command, suffix), timeout);
    }

    public Optional<ContainerStatus> current(String service) {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.SERVICE, service,
                StackLabels.ONEOFF, "False")).stream().findFirst();
    }

    public List<ContainerStatus> all() {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.MANAGED, "adaptive-console"));
    }

    private ContainerSpec spec(StackPlan.Service s, boolean oneOff, List<String> command, String number) {
        List<ContainerSpec.MountSpec> mounts = new ArrayList<>();
        for (StackPlan.VolumeMount m : s.mounts()) {
            String source = m.bind() ? dir.resolve(m.source().replaceFirst("^\\./", "")).normalize().toString() : volume(m.source());
            mounts.add(new ContainerSpec.MountSpec(m.bind(), source, m.target(), m.readOnly()));
        }
        List<ContainerSpec.PortSpec> ports = s.ports().stream()
                .map(p -> new ContainerSpec.PortSpec("0.0.0.0", p.hostPort(), p.containerPort())).toList();
        String hash = hash(s, mounts, ports);
        String name = oneOff ? project + "-" + s.name() + "-" + number : project + "-" + s.name() + "-1";
        return new ContainerSpec(name, s.image(), s.environment(),
                StackLabels.container(project, s.name(), hash, oneOff, dir, release), mounts, network(),
                oneOff ? List.of() : List.of(s.name()), ports, command.isEmpty() ? s.command() : command, !oneOff);
    }

    private static String hash(StackPlan.Service s, List<ContainerSpec.MountSpec> mounts, List<ContainerSpec.PortSpec> ports) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(Map.of("image", s.image(), "env", s.environment(), "mounts", mounts,
                    "ports", ports, "command", s.command()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

}
