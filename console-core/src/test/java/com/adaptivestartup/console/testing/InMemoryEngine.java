package com.adaptivestartup.console.testing;

import com.adaptivestartup.console.docker.ContainerSpec;
import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.DockerProblem;
import com.adaptivestartup.console.docker.EngineInfo;
import com.adaptivestartup.console.docker.RegistryAuth;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A Docker engine in memory, for testing the console's logic in milliseconds. What it models: containers made from a
 * spec (their labels, state, restart count, one health outcome per service that the test sets), networks and volumes
 * with labels (a network with a container on it cannot be removed, as on a real engine), images present or pulled from
 * a registry that holds a set of digests, one-off containers whose answer the test scripts, and the folders written on
 * the engine's machine (a remote engine's copy of the secrets) as path to bytes. What it does not: processes, logs
 * beyond what the test sets, ports, timing, the network between containers, image layers. Every call that changes
 * something is kept in {@link #calls()} in order, for assertions on what was (not) done.
 */
public final class InMemoryEngine implements DockerEngine {
    private final EngineInfo info;
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> networks = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
    private final Map<String, Long> volumeBytes = new java.util.HashMap<>();
    private final Map<String, String> images = new LinkedHashMap<>();
    private final List<String> registry = new ArrayList<>();
    private final Map<String, byte[]> hostFiles = new LinkedHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private Function<String, HealthOutcome> health = service -> HealthOutcome.HEALTHY;
    private Function<ContainerSpec, OneOffResult> oneOffs = spec -> new OneOffResult(0, "");

    private static final class Container {
        final String id;
        final ContainerSpec spec;
        String state = "created";
        long restarts;

        Container(String id, ContainerSpec spec) {
            this.id = id;
            this.spec = spec;
        }
    }

    private InMemoryEngine(String endpoint) {
        this.info = new EngineInfo(endpoint, "test", "27.0.0", "1.47", "1.47", "linux", "amd64", 2, 4L << 30,
                "In-memory engine", "/var/lib/docker", "", "", "");
    }

    /** An engine on this computer's disk (a unix socket). */
    public static InMemoryEngine local() {
        return new InMemoryEngine("unix:///var/run/docker.sock");
    }

    /** An engine on another machine (TCP with TLS): bound folders are that machine's. */
    public static InMemoryEngine remote() {
        return new InMemoryEngine("tcp://engine.example:2376");
    }

    /** The health each service's container reaches (by the service label); healthy by default. */
    public InMemoryEngine health(Function<String, HealthOutcome> outcome) {
        this.health = outcome;
        return this;
    }

    /** What a one-off container answers; exit 0 with no output by default. */
    public InMemoryEngine oneOffs(Function<ContainerSpec, OneOffResult> answer) {
        this.oneOffs = answer;
        return this;
    }

    /** An image the registry holds, by its digest reference ({@code repo@sha256:...}). */
    /** An image the engine has, by its id. */
    public synchronized InMemoryEngine withImage(String id) {
        images.put(id, id);
        return this;
    }

    /** The images the engine has, by reference (tags and ids). */
    public synchronized java.util.Set<String> imageReferences() {
        return java.util.Set.copyOf(images.keySet());
    }

    public InMemoryEngine inRegistry(String reference) {
        registry.add(reference);
        return this;
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The files written on the engine's machine under {@code folder}, by their path below it. */
    public synchronized Map<String, String> hostFolder(String folder) {
        Map<String, String> found = new LinkedHashMap<>();
        hostFiles.forEach((path, bytes) -> {
            if (path.startsWith(folder + "/")) {
                found.put(path.substring(folder.length() + 1), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return found;
    }

    /** The spec a container was made from. */
    public synchronized ContainerSpec spec(String containerId) {
        return container(containerId).spec;
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @Override
    public boolean answers() {
        return true;
    }

    @Override
    public synchronized void pull(String repository, String digest, RegistryAuth auth, PullListener listener) {
        String reference = repository + "@" + digest;
        if (!registry.contains(reference)) {
            throw new DockerProblem("the registry has no image " + reference);
        }
        images.put(reference, "sha256:" + Integer.toHexString(reference.hashCode()));
        calls.add("pull " + reference);
    }

    @Override
    public LoginCheck checkLogin(RegistryAuth auth) {
        return new LoginCheck.Accepted();
    }

    @Override
    public synchronized Optional<List<String>> repoDigests(String reference) {
        return images.containsKey(reference) ? Optional.of(List.of(reference)) : Optional.empty();
    }

    @Override
    public synchronized Optional<String> imageId(String reference) {
        return Optional.ofNullable(images.get(reference));
    }

    @Override
    public List<String> loadImage(InputStream tar) {
        throw new UnsupportedOperationException("the in-memory engine does not model image archives");
    }

    @Override
    public InputStream saveImages(List<String> repositoryTags) {
        throw new UnsupportedOperationException("the in-memory engine does not model image archives");
    }

    @Override
    public synchronized String push(String repository, String tag, RegistryAuth auth, PullListener listener) {
        String id = images.get(repository + ":" + tag);
        if (id == null) {
            throw new DockerProblem("no image " + repository + ":" + tag + " to push");
        }
        String digest = "sha256:" + String.format("%064x", new java.math.BigInteger(1, id.getBytes()).mod(java.math.BigInteger.TWO.pow(255)));
        registry.add(repository + "@" + digest);
        calls.add("push " + repository + ":" + tag);
        return digest;
    }

    @Override
    public synchronized void tagImage(String imageId, String repository, String tag) {
        images.put(repository + ":" + tag, imageId);
    }

    @Override
    public synchronized void removeImage(String reference) {
        images.remove(reference);
        calls.add("remove image " + reference);
    }

    @Override
    public synchronized void ensureNetwork(String name, Map<String, String> labels, boolean internal) {
        if (networks.putIfAbsent(name, labels) == null) {
            calls.add("create network " + name);
        }
    }

    @Override
    public synchronized List<String> networks(Map<String, String> labels) {
        return networks.entrySet().stream().filter(e -> e.getValue().entrySet().containsAll(labels.entrySet()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized void ensureVolume(String name, Map<String, String> labels) {
        if (volumes.putIfAbsent(name, labels) == null) {
            calls.add("create volume " + name);
        }
    }

    @Override
    public synchronized List<String> volumes(Map<String, String> labels) {
        return volumes.entrySet().stream().filter(e -> e.getValue().entrySet().containsAll(labels.entrySet()))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized Map<String, Long> volumeSizes() {
        Map<String, Long> sizes = new java.util.TreeMap<>();
        volumes.keySet().forEach(name -> sizes.put(name, volumeBytes.getOrDefault(name, 0L)));
        return sizes;
    }

    /** What a volume holds, as the engine would count it (nothing until told). */
    public synchronized void volumeHolds(String name, long bytes) {
        volumeBytes.put(name, bytes);
    }

    @Override
    public synchronized void removeVolume(String name) {
        if (containers.values().stream().anyMatch(c -> c.spec.mounts().stream().anyMatch(m -> !m.bind() && m.source().equals(name)))) {
            throw new DockerProblem("volume " + name + " is in use");
        }
        volumes.remove(name);
        calls.add("remove volume " + name);
    }

    @Override
    public synchronized void removeNetwork(String name) {
        if (containers.values().stream().anyMatch(c -> c.spec.networks().contains(name))) {
            throw new DockerProblem("network " + name + " has active endpoints");
        }
        networks.remove(name);
        calls.add("remove network " + name);
    }

    @Override
    public synchronized List<ContainerStatus> containers(Map<String, String> labels) {
        return containers.values().stream().filter(c -> c.spec.labels().entrySet().containsAll(labels.entrySet()))
                .map(c -> status(c)).toList();
    }

    @Override
    public synchronized String create(ContainerSpec spec) {
        if (containers.values().stream().anyMatch(c -> c.spec.name().equals(spec.name()))) {
            throw new DockerProblem("the container name " + spec.name() + " is already in use");
        }
        for (String n : spec.networks()) {
            if (!networks.containsKey(n)) {
                throw new DockerProblem("network " + n + " not found");
            }
        }
        for (ContainerSpec.MountSpec m : spec.mounts()) {
            if (!m.bind()) {
                volumes.putIfAbsent(m.source(), Map.of());
            }
        }
        String id = "c" + ids.incrementAndGet();
        containers.put(id, new Container(id, spec));
        calls.add("create " + spec.name());
        return id;
    }

    @Override
    public synchronized void start(String containerId) {
        Container c = container(containerId);
        c.state = "running";
        calls.add("start " + c.spec.name());
    }

    @Override
    public synchronized void stop(String containerId, Duration grace) {
        Container c = container(containerId);
        c.state = "exited";
        calls.add("stop " + c.spec.name());
    }

    @Override
    public synchronized void remove(String containerId) {
        Container c = container(containerId);
        containers.remove(containerId);
        calls.add("remove " + c.spec.name());
    }

    @Override
    public synchronized ContainerStatus inspect(String containerId) {
        return status(container(containerId));
    }

    @Override
    public synchronized HealthOutcome awaitHealthy(String containerId, Duration timeout) {
        Container c = container(containerId);
        if (!"running".equals(c.state)) {
            return HealthOutcome.EXITED;
        }
        HealthOutcome outcome = health.apply(c.spec.labels().getOrDefault("com.docker.compose.service", ""));
        if (outcome == HealthOutcome.KEEPS_RESTARTING) {
            c.restarts += 2;
        }
        return outcome;
    }

    @Override
    public OneOffResult run(ContainerSpec spec, Duration timeout, Transfer transfer) {
        String id = create(spec);
        try {
            calls.add("run " + spec.name() + " " + String.join(" ", spec.command()));
            return oneOffs.apply(spec);
        } finally {
            remove(id);
        }
    }

    @Override
    public OneOffResult exec(String containerId, List<String> command, Duration timeout) {
        calls.add("exec " + containerId + " " + String.join(" ", command));
        return new OneOffResult(0, "");
    }

    /** Each copy into the engine's machine takes this long (a remote engine over a slow link); none by default. */
    public InMemoryEngine slowHostWrites(java.time.Duration each) {
        this.hostWriteTime = each;
        return this;
    }

    private volatile java.time.Duration hostWriteTime = java.time.Duration.ZERO;

    @Override
    public void writeHostFolder(String image, String hostPath, InputStream tar) {
        try {
            Thread.sleep(hostWriteTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unpack(hostPath, tar);
    }

    private synchronized void unpack(String hostPath, InputStream tar) {
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    hostFiles.put(hostPath + "/" + e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add("write host folder " + hostPath);
    }

    @Override
    public synchronized void removeHostFolder(String image, String hostPath) {
        hostFiles.keySet().removeIf(p -> p.startsWith(hostPath + "/"));
        calls.add("remove host folder " + hostPath);
    }

    @Override
    public List<String> logs(String containerId, int tailLines, boolean timestamps) {
        return List.of("(in-memory engine: no logs)");
    }

    @Override
    public Usage usage(String containerId) {
        return new Usage(0, 0, 0);
    }

    @Override
    public void followLogs(String containerId, int tailLines, boolean timestamps, java.util.function.Consumer<String> line,
                           AutoCloseableHolder stop) {
        line.accept("(in-memory engine: no logs)");
    }

    @Override
    public void close() {
    }

    private Container container(String id) {
        Container c = containers.get(id);
        if (c == null) {
            throw new DockerProblem("the container " + id + " no longer exists");
        }
        return c;
    }

    private ContainerStatus status(Container c) {
        return new ContainerStatus(c.id, c.spec.name(), c.spec.image(), images.getOrDefault(c.spec.image(), "sha256:unknown"),
                c.spec.labels(), c.state, "running".equals(c.state) ? "healthy" : "none", Instant.EPOCH, c.restarts,
                c.spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
