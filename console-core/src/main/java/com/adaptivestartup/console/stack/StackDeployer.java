package com.adaptivestartup.console.stack;

import com.adaptivestartup.console.docker.ContainerSpec;
import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
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
 * whose configuration changed is replaced. Names follow Compose: {@code <project>-<service>-1}, networks
 * {@code <project>_<network>}, volumes {@code <project>_<volume>}.
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

    public String network(String key) {
        return project + "_" + key;
    }

    /** The engine's names of the networks a service joins, its first (where its one-offs run) first. */
    public List<String> networksOf(StackPlan.Service service) {
        return service.networks().stream().map(this::network).toList();
    }

    public String volume(String key) {
        return project + "_" + key;
    }

    public void ensureNetworkAndVolumes(StackPlan plan) {
        for (StackPlan.Network n : plan.networks()) {
            engine.ensureNetwork(network(n.key()), StackLabels.network(project, n.key()), n.internal());
        }
        for (String v : plan.volumes()) {
            engine.ensureVolume(volume(v), StackLabels.volume(project, v));
        }
    }

    /**
     * Removes the project's networks the plan no longer has (a release that split one network in two leaves
     * the old one empty); one still in use is left alone.
     */
    public void removeNetworksOutside(StackPlan plan) {
        List<String> wanted = plan.networks().stream().map(n -> network(n.key())).toList();
        for (String n : allNetworks()) {
            if (!wanted.contains(n)) {
                try {
                    engine.removeNetwork(n);
                } catch (RuntimeException e) {
                    // still in use (a helper of another operation): the next install tries again
                }
            }
        }
    }

    /** Every network this project has on the engine, found by label (older releases' included). */
    public List<String> allNetworks() {
        return engine.networks(Map.of(StackLabels.PROJECT, project));
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
            String has = c.labels().get(StackLabels.CONFIG_HASH);
            if (spec.labels().get(StackLabels.CONFIG_HASH).equals(has) || legacyHash(service).equals(has)) {
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
        String suffix = "run-" + Long.toHexString(System.nanoTime());
        return engine.run(spec(service.oneOff(command, extra), true, command, suffix), timeout);
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
                .map(p -> new ContainerSpec.PortSpec(p.hostIp(), p.hostPort(), p.containerPort())).toList();
        StackPlan.Security sec = s.security();
        ContainerSpec.Limits limits = new ContainerSpec.Limits(sec.capDrop(), sec.capAdd(), sec.securityOpt(), sec.readOnly(),
                sec.tmpfs(), sec.memoryBytes(), sec.pidsLimit());
        List<String> networks = networksOf(s);
        String hash = ComposeHash.of(project, dir, s, engine.imageId(s.image()).orElse(null));
        String name = oneOff ? project + "-" + s.name() + "-" + number : project + "-" + s.name() + "-1";
        return new ContainerSpec(name, s.image(), s.environment(),
                StackLabels.container(project, s.name(), hash, oneOff, dir, release), mounts, networks,
                oneOff ? List.of() : List.of(s.name()), ports, command.isEmpty() ? s.command() : command, !oneOff, null, limits);
    }

    /**
     * The config-hash consoles before 1.2.0's wrote (not Compose's): a container an older console made and whose
     * configuration is still what the plan asks is left running, not replaced only to relabel it.
     */
    private String legacyHash(StackPlan.Service s) {
        ContainerSpec spec = spec(s, false, List.of(), "1");
        List<String> networks = spec.networks().equals(List.of(network(StackPlan.DEFAULT_NETWORK))) ? List.of() : spec.networks();
        return legacyHash(s, spec.mounts(), spec.ports(), networks, spec.limits());
    }

    private static String legacyHash(StackPlan.Service s, List<ContainerSpec.MountSpec> mounts, List<ContainerSpec.PortSpec> ports,
                                     List<String> networks, ContainerSpec.Limits limits) {
        try {
            Map<String, Object> config = new java.util.TreeMap<>(Map.of("image", s.image(), "env", s.environment(),
                    "mounts", mounts, "ports", ports, "command", s.command()));
            if (!networks.isEmpty() || !limits.equals(ContainerSpec.Limits.NONE)) {
                // Only a stack that uses them hashes them, so a release before 1.2.0 keeps the hash it had.
                config.put("networks", networks);
                config.put("limits", limits);
            }
            byte[] json = CANONICAL.writeValueAsBytes(config);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
