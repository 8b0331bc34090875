package com.adaptivestartup.console.stack;

import com.adaptivestartup.console.docker.ContainerSpec;
import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

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
    private final boolean sharesDisk;
    private String publishedDigest;
    private String publishedWith;

    /** The folder of a project's bound files on an engine that does not share this computer's disk. */
    public static final String ENGINE_FOLDERS = "/var/lib/adaptive-startup";

    public StackDeployer(DockerEngine engine, String project, Path dir, String release) {
        this.engine = engine;
        this.project = project;
        this.dir = dir;
        this.release = release;
        this.sharesDisk = engine.info().sharesDisk();
    }

    /**
     * Where the install folder's bound files (the secrets) are for the engine: the install folder itself when the
     * engine shares this computer's disk; else a copy on the engine's machine ({@value #ENGINE_FOLDERS}/project),
     * kept current by {@link #publishFiles}.
     */
    public String engineFolder() {
        return sharesDisk ? dir.toAbsolutePath().normalize().toString() : ENGINE_FOLDERS + "/" + project;
    }

    public boolean sharesDisk() {
        return sharesDisk;
    }

    /** A bind source as the engine sees it: {@code ./secrets/x} of the install folder. */
    public String bindSource(String relative) {
        String rel = relative.replaceFirst("^\\./", "");
        return sharesDisk ? dir.resolve(rel).toAbsolutePath().normalize().toString() : engineFolder() + "/" + rel;
    }

    /**
     * On an engine that does not share this computer's disk, copies the install folder's secrets to
     * {@link #engineFolder} (the folder 0700, each file with its mode) when they changed since this deployer last did,
     * with a never-started container of {@code image}. Nothing to do on an engine that shares the disk. One at a time:
     * services started side by side all call this, and two copies unpacked into the same folder at once trip over
     * each other's files.
     */
    public synchronized void publishFiles(String image) {
        if (sharesDisk) {
            return;
        }
        try {
            byte[] tar = secretsTar();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar));
            if (!digest.equals(publishedDigest)) {
                engine.writeHostFolder(image, engineFolder(), new ByteArrayInputStream(tar));
                publishedDigest = digest;
                publishedWith = image;
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot copy the install folder's secrets to the engine: " + e.getMessage(), e);
        }
    }

    /**
     * The install folder's secrets as a tar: the folder 0700, each file with its mode and time, in name order (so a
     * digest holds while nothing changed).
     */
    private byte[] secretsTar() throws IOException {
        List<Path> files;
        try (var list = Files.list(dir.resolve(InstallDirectory.SECRETS))) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            // every time in the tar is fixed (the folder's) or the file's own: an entry's default is "now", which
            // made the digest differ from one second to the next and the secrets copied again for every service
            TarArchiveEntry folder = new TarArchiveEntry(InstallDirectory.SECRETS + "/");
            folder.setMode(040700);
            folder.setModTime(0);
            tar.putArchiveEntry(folder);
            tar.closeArchiveEntry();
            for (Path f : files) {
                byte[] content = Files.readAllBytes(f);
                TarArchiveEntry entry = new TarArchiveEntry(InstallDirectory.SECRETS + "/" + f.getFileName());
                entry.setSize(content.length);
                entry.setMode(0100000 | modeOf(f));
                entry.setModTime(Files.getLastModifiedTime(f));
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Deletes the engine's copy of the install folder (an uninstall), with a one-off of {@code image}. */
    public void removeEngineFolder(String image) {
        if (!sharesDisk) {
            engine.removeHostFolder(image, engineFolder());
        }
    }

    /** Deletes the copy this deployer made (a fresh install taken down); nothing when it made none. */
    public void removeEngineFolder() {
        if (publishedWith != null) {
            removeEngineFolder(publishedWith);
        }
    }

    private static int modeOf(Path f) throws IOException {
        try {
            int mode = 0;
            for (var p : Files.getPosixFilePermissions(f)) {
                mode |= switch (p) {
                    case OWNER_READ -> 0400; case OWNER_WRITE -> 0200; case OWNER_EXECUTE -> 0100;
                    case GROUP_READ -> 040; case GROUP_WRITE -> 020; case GROUP_EXECUTE -> 010;
                    case OTHERS_READ -> 04; case OTHERS_WRITE -> 02; case OTHERS_EXECUTE -> 01;
                };
            }
            return mode;
        } catch (UnsupportedOperationException e) {
            return 0644;   // Windows: the secrets are read by the containers' own users
        }
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

    /** What happened to a service's container; for several, the most that happened to one of them. */
    public enum Change {
        CREATED, REPLACED, STARTED, UNCHANGED;

        Change andThen(Change other) {
            return rank(other) > rank(this) ? other : this;
        }

        private static int rank(Change c) {
            return switch (c) {
                case UNCHANGED -> 0; case STARTED -> 1; case CREATED -> 2; case REPLACED -> 3;
            };
        }
    }

    /** A service's containers after {@link #converge}, the first replica first. */
    public record Converged(List<String> containerIds, Change change) {
        public Converged(String containerId, Change change) {
            this(List.of(containerId), change);
        }

        public String containerId() {
            return containerIds.getFirst();
        }
    }

    /** Converges a service's containers: every replica it asks for, the outdated ones replaced, extra ones removed. */
    public Converged converge(StackPlan.Service service) {
        return converge(service, null);
    }

    /**
     * As {@link #converge(StackPlan.Service)}; with {@code rolling} (not null) an outdated replica is replaced one at a
     * time, {@code rolling} told the new container's id and returning once it serves, before the next is stopped: the
     * others answer meanwhile. Extra replicas (the count went down) are stopped and removed once the wanted ones run.
     */
    public Converged converge(StackPlan.Service service, java.util.function.Consumer<String> rolling) {
        publishFiles(service.image());
        Map<Integer, ContainerStatus> existing = new java.util.TreeMap<>();
        List<ContainerStatus> extra = new ArrayList<>();
        for (ContainerStatus c : replicas(service.name())) {
            if (existing.putIfAbsent(numberOf(c), c) != null) {
                extra.add(c);   // a second container with one number: not ours to keep
            }
        }
        List<String> ids = new ArrayList<>();
        Change change = Change.UNCHANGED;
        for (int n = 1; n <= service.replicas(); n++) {
            Converged one = convergeOne(service, spec(service, false, List.of(), n), Optional.ofNullable(existing.remove(n)));
            if (rolling != null && one.change() == Change.REPLACED) {
                rolling.accept(one.containerId());
            }
            ids.add(one.containerId());
            change = change.andThen(one.change());
        }
        extra.addAll(existing.values());
        stopAll(extra);
        extra.forEach(c -> engine.remove(c.id()));
        return new Converged(List.copyOf(ids), change);
    }

    private Converged convergeOne(StackPlan.Service service, ContainerSpec spec, Optional<ContainerStatus> existing) {
        if (existing.isPresent()) {
            ContainerStatus c = existing.get();
            if (isCurrent(service, spec, c)) {
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

    private static int numberOf(ContainerStatus c) {
        try {
            return Integer.parseInt(c.labels().getOrDefault(StackLabels.NUMBER, "1"));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;   // not one Compose or this console made: replaced by a numbered one
        }
    }

    /**
     * Stops, all at once (each with its grace period side by side), the running containers that {@link #converge}
     * is going to replace, so none is stopped later, one after another, or after what it depends on was replaced
     * under it. Returns the services it stopped.
     */
    public List<String> stopOutdated(StackPlan plan) {
        return stopOutdated(plan, Set.of());
    }

    /** As {@link #stopOutdated(StackPlan)}, leaving {@code rolling}'s containers running: they are replaced one by one. */
    public List<String> stopOutdated(StackPlan plan, Set<String> rolling) {
        List<ContainerStatus> outdated = plan.services().stream()
                .filter(s -> !rolling.contains(s.name()))
                .flatMap(s -> replicas(s.name()).stream().filter(c -> c.running() && !isCurrent(s, spec(s, false, List.of(), 1), c)))
                .toList();
        stopAll(outdated);
        return outdated.stream().map(c -> c.labels().get(StackLabels.SERVICE)).distinct().toList();
    }

    private boolean isCurrent(StackPlan.Service service, ContainerSpec spec, ContainerStatus c) {
        String has = c.labels().get(StackLabels.CONFIG_HASH);
        return spec.labels().get(StackLabels.CONFIG_HASH).equals(has) || legacyHash(service).equals(has);
    }

    /**
     * Stops every service but the database, all at once (each gets its grace period side by side), so nothing
     * writes while the data is changed underneath: a restore's swap, migrations run down.
     */
    public void stopAppServices(StackPlan plan) {
        stopAppServices(plan, Set.of());
    }

    /** As {@link #stopAppServices(StackPlan)}, leaving {@code keepRunning} running too. */
    public void stopAppServices(StackPlan plan, Set<String> keepRunning) {
        stopAll(plan.services().stream()
                .filter(s -> !s.name().equals(StackPlan.DATABASE) && !keepRunning.contains(s.name()))
                .flatMap(s -> replicas(s.name()).stream())
                .toList());
    }

    private void stopAll(List<ContainerStatus> containers) {
        // each on a thread of its own: the common pool has one worker on a 2-core machine, and a stop blocks
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture.allOf(containers.stream()
                    .map(c -> CompletableFuture.runAsync(() -> engine.stop(c.id(), Duration.ofSeconds(20)), pool))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Runs a one-off container of a service (the server's migrate, create-admin) and returns its result. */
    public DockerEngine.OneOffResult runOnce(StackPlan.Service service, List<String> command, List<StackPlan.VolumeMount> extra,
                                             Duration timeout) {
        String suffix = "run-" + Long.toHexString(System.nanoTime());
        publishFiles(service.image());
        return engine.run(oneOffSpec(service.oneOff(command, extra), command, suffix), timeout);
    }

    /** As {@link #runOnce(StackPlan.Service, List, List, Duration)}, telling each line of output as it comes. */
    public DockerEngine.OneOffResult runOnce(StackPlan.Service service, List<String> command, List<StackPlan.VolumeMount> extra,
                                             Duration timeout, java.util.function.Consumer<String> lines) {
        String suffix = "run-" + Long.toHexString(System.nanoTime());
        publishFiles(service.image());
        return engine.run(oneOffSpec(service.oneOff(command, extra), command, suffix), timeout, DockerEngine.Transfer.NONE,
                lines);
    }

    /** The service's first container (of several replicas, number 1). */
    public Optional<ContainerStatus> current(String service) {
        return replicas(service).stream().findFirst();
    }

    /** Every container of the service (not its one-offs), by number. */
    public List<ContainerStatus> replicas(String service) {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.SERVICE, service,
                StackLabels.ONEOFF, "False")).stream().sorted(java.util.Comparator.comparingInt(StackDeployer::numberOf)).toList();
    }

    public List<ContainerStatus> all() {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.MANAGED, "adaptive-console"));
    }

    private ContainerSpec oneOffSpec(StackPlan.Service s, List<String> command, String suffix) {
        return spec(s, true, command, suffix, 1);
    }

    private ContainerSpec spec(StackPlan.Service s, boolean oneOff, List<String> command, int number) {
        return spec(s, oneOff, command, String.valueOf(number), number);
    }

    private ContainerSpec spec(StackPlan.Service s, boolean oneOff, List<String> command, String suffix, int number) {
        List<ContainerSpec.MountSpec> mounts = new ArrayList<>();
        for (StackPlan.VolumeMount m : s.mounts()) {
            String source = m.bind() ? bindSource(m.source()) : volume(m.source());
            mounts.add(new ContainerSpec.MountSpec(m.bind(), source, m.target(), m.readOnly()));
        }
        List<ContainerSpec.PortSpec> ports = s.ports().stream()
                .map(p -> new ContainerSpec.PortSpec(p.hostIp(), p.hostPort(), p.containerPort())).toList();
        StackPlan.Security sec = s.security();
        ContainerSpec.Limits limits = new ContainerSpec.Limits(sec.capDrop(), sec.capAdd(), sec.securityOpt(), sec.readOnly(),
                sec.tmpfs(), sec.memoryBytes(), sec.pidsLimit());
        List<String> networks = networksOf(s);
        String hash = ComposeHash.of(project, sharesDisk ? dir : Path.of(engineFolder()), s,
                engine.imageId(s.image()).orElse(null));
        String name = project + "-" + s.name() + "-" + suffix;
        return new ContainerSpec(name, s.image(), s.environment(),
                StackLabels.container(project, s.name(), number, hash, oneOff, dir, release), mounts, networks,
                oneOff ? List.of() : List.of(s.name()), ports, command.isEmpty() ? s.command() : command, !oneOff, null, limits);
    }

    /**
     * The config-hash consoles before 1.2.0's wrote (not Compose's): a container an older console made and whose
     * configuration is still what the plan asks is left running, not replaced only to relabel it.
     */
    private String legacyHash(StackPlan.Service s) {
        ContainerSpec spec = spec(s, false, List.of(), 1);
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
