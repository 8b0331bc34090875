package com.adaptivestartup.console.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@link DockerEngine} on docker-java, with the client pinned to a negotiated API version. */
public final class DockerJavaEngine implements DockerEngine {
    private final DockerClient client;
    private final EngineInfo info;
    /** What carries the connection to the engine when the client cannot reach it by itself (SSH), or null. */
    private final AutoCloseable carrier;

    DockerJavaEngine(DockerClient client, EngineInfo info, AutoCloseable carrier) {
        this.client = client;
        this.info = info;
        this.carrier = carrier;
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @Override
    public boolean answers() {
        try {
            client.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void pull(String repository, String digest, RegistryAuth auth, PullListener listener) {
        AuthConfig authConfig = auth == null ? null : new AuthConfig().withRegistryAddress(auth.registry())
                .withUsername(auth.username()).withPassword(auth.password());
        StringBuilder lastError = new StringBuilder();
        try {
            var cmd = client.pullImageCmd(repository).withTag(digest);
            if (authConfig != null) {
                cmd.withAuthConfig(authConfig);
            }
            cmd.exec(new PullImageResultCallback() {
                @Override
                public void onNext(PullResponseItem item) {
                    super.onNext(item);
                    if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                        lastError.setLength(0);
                        lastError.append(item.getErrorDetail().getMessage());
                    }
                    var p = item.getProgressDetail();
                    listener.progress(item.getId() == null ? "" : item.getId(), item.getStatus() == null ? "" : item.getStatus(),
                            p == null || p.getCurrent() == null ? 0 : p.getCurrent(),
                            p == null || p.getTotal() == null ? 0 : p.getTotal());
                }
            }).awaitCompletion();
        } catch (DockerException | DockerClientException e) {
            throw new DockerProblem(pullProblem(repository, auth, lastError.length() > 0 ? lastError.toString() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerProblem("the download of " + repository + " was cancelled");
        }
    }

    @Override
    public String push(String repository, String tag, RegistryAuth auth, PullListener listener) {
        StringBuilder lastError = new StringBuilder();
        StringBuilder digest = new StringBuilder();
        try {
            var cmd = client.pushImageCmd(repository).withTag(tag);
            if (auth != null) {
                cmd.withAuthConfig(new AuthConfig().withRegistryAddress(auth.registry()).withUsername(auth.username())
                        .withPassword(auth.password()));
            }
            cmd.exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.PushResponseItem>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.PushResponseItem item) {
                    if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                        lastError.setLength(0);
                        lastError.append(item.getErrorDetail().getMessage());
                    }
                    if (item.getAux() != null && item.getAux().getDigest() != null) {
                        digest.setLength(0);
                        digest.append(item.getAux().getDigest());
                    }
                    var p = item.getProgressDetail();
                    listener.progress(item.getId() == null ? "" : item.getId(), item.getStatus() == null ? "" : item.getStatus(),
                            p == null || p.getCurrent() == null ? 0 : p.getCurrent(), p == null || p.getTotal() == null ? 0 : p.getTotal());
                }
            }).awaitCompletion();
        } catch (DockerException | DockerClientException e) {
            throw new DockerProblem("pushing " + repository + ":" + tag + " failed: " + firstLine(lastError.length() > 0
                    ? lastError.toString() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerProblem("the push of " + repository + " was cancelled");
        }
        if (lastError.length() > 0) {
            throw new DockerProblem("pushing " + repository + ":" + tag + " failed: " + firstLine(lastError.toString()));
        }
        if (digest.isEmpty()) {
            throw new DockerProblem("the registry took " + repository + ":" + tag + " without saying its digest");
        }
        return digest.toString();
    }

    @Override
    public LoginCheck checkLogin(RegistryAuth auth) {
        try {
            client.authCmd().withAuthConfig(new AuthConfig().withRegistryAddress(auth.registry())
                    .withUsername(auth.username()).withPassword(auth.password())).exec();
            return new LoginCheck.Accepted();
        } catch (com.github.dockerjava.api.exception.UnauthorizedException e) {
            return new LoginCheck.Refused("401 Unauthorized");
        } catch (DockerException | DockerClientException e) {
            String m = firstLine(e.getMessage());
            String lower = m.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("401") || lower.contains("unauthorized") || lower.contains("incorrect username or password")
                    || lower.contains("authentication required")) {
                return new LoginCheck.Refused("401 Unauthorized");
            }
            return new LoginCheck.Unreachable(m.replaceFirst("^Status \\d+: ", ""));
        }
    }

    private static String pullProblem(String repository, RegistryAuth auth, String raw) {
        String m = raw == null ? "" : raw.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("unauthorized") || m.contains("no basic auth") || m.contains("authentication required")) {
            return "the registry " + (auth == null ? "" : auth.registry() + " ") + "refused the credentials in the license"
                    + " (unauthorized). Check that the license is current, or ask your vendor contact to reset the pull"
                    + " account";
        }
        if (m.contains("manifest unknown") || m.contains("not found")) {
            return "the registry does not have " + repository + " at the version the release names (" + firstLine(raw) + ")";
        }
        if (m.contains("connection refused") || m.contains("no such host") || m.contains("timeout")) {
            return "the registry could not be reached (" + firstLine(raw) + "). Check the network, or install from an"
                    + " offline bundle";
        }
        return "downloading " + repository + " failed: " + firstLine(raw);
    }

    @Override
    public Optional<List<String>> repoDigests(String reference) {
        try {
            List<String> digests = client.inspectImageCmd(reference).exec().getRepoDigests();
            return Optional.of(digests == null ? List.of() : digests);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Usage usage(String containerId) {
        java.util.concurrent.atomic.AtomicReference<com.github.dockerjava.api.model.Statistics> sample =
                new java.util.concurrent.atomic.AtomicReference<>();
        try {
            client.statsCmd(containerId).withNoStream(true).exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Statistics>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Statistics s) {
                    sample.set(s);
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerProblem("reading the container's use was cancelled");
        } catch (DockerException | DockerClientException e) {
            throw new DockerProblem("the engine did not give the container's use: " + firstLine(e.getMessage()), e);
        }
        var s = sample.get();
        if (s == null || s.getCpuStats() == null) {
            return new Usage(0, 0, 0);
        }
        var cpu = s.getCpuStats();
        var before = s.getPreCpuStats();
        long cpus = cpu.getOnlineCpus() != null ? cpu.getOnlineCpus()
                : cpu.getCpuUsage() != null && cpu.getCpuUsage().getPercpuUsage() != null ? cpu.getCpuUsage().getPercpuUsage().size() : 1;
        double percent = before == null || before.getCpuUsage() == null || cpu.getCpuUsage() == null
                ? 0 : Usage.cpuPercent(nz(cpu.getCpuUsage().getTotalUsage()), nz(before.getCpuUsage().getTotalUsage()),
                nz(cpu.getSystemCpuUsage()), nz(before.getSystemCpuUsage()), cpus);
        var memory = s.getMemoryStats();
        return new Usage(percent, memory == null ? 0 : nz(memory.getUsage()), memory == null ? 0 : nz(memory.getLimit()));
    }

    private static long nz(Long value) {
        return value == null ? 0 : value;
    }

    @Override
    public Optional<String> imageId(String reference) {
        try {
            return Optional.ofNullable(client.inspectImageCmd(reference).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> loadImage(java.io.InputStream tar) {
        List<String> loaded = new ArrayList<>();
        StringBuilder error = new StringBuilder();
        try {
            client.loadImageAsyncCmd(tar).exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.LoadResponseItem>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.LoadResponseItem item) {
                    String stream = item.getStream();
                    if (stream != null && stream.startsWith("Loaded image ID: ")) {
                        loaded.add(stream.substring("Loaded image ID: ".length()).strip());
                    }
                    if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                        error.append(item.getErrorDetail().getMessage());
                    }
                }
            }).awaitCompletion();
        } catch (DockerException | DockerClientException e) {
            throw new DockerProblem("the engine refused the image: " + firstLine(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerProblem("loading the image was cancelled");
        }
        if (error.length() > 0) {
            throw new DockerProblem("the engine refused the image: " + firstLine(error.toString()));
        }
        return loaded;
    }

    @Override
    public java.io.InputStream saveImages(List<String> repositoryTags) {
        var cmd = client.saveImagesCmd();
        for (String ref : repositoryTags) {
            int colon = ref.lastIndexOf(':');
            cmd.withImage(ref.substring(0, colon), ref.substring(colon + 1));
        }
        try {
            return cmd.exec();
        } catch (NotFoundException e) {
            throw new DockerProblem("the engine is missing one of " + repositoryTags, e);
        }
    }

    @Override
    public void tagImage(String imageId, String repository, String tag) {
        client.tagImageCmd(imageId, repository, tag).withForce(true).exec();
    }

    @Override
    public void removeImage(String reference) {
        try {
            client.removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (com.github.dockerjava.api.exception.ConflictException e) {
            throw new DockerProblem("the image " + reference + " is in use by a container: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void ensureNetwork(String name, Map<String, String> labels, boolean internal) {
        boolean exists = client.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName().equals(name));
        if (!exists) {
            client.createNetworkCmd().withName(name).withDriver("bridge").withInternal(internal).withLabels(labels).exec();
        }
    }

    @Override
    public List<String> networks(Map<String, String> labels) {
        List<String> filters = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return client.listNetworksCmd().withFilter("label", filters).exec().stream()
                .map(com.github.dockerjava.api.model.Network::getName).sorted().toList();
    }

    @Override
    public void ensureVolume(String name, Map<String, String> labels) {
        try {
            client.inspectVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            client.createVolumeCmd().withName(name).withLabels(labels).exec();
        }
    }

    @Override
    public List<String> volumes(Map<String, String> labels) {
        List<String> filters = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        var response = client.listVolumesCmd().withFilter("label", filters).exec();
        return response.getVolumes() == null ? List.of()
                : response.getVolumes().stream().map(v -> v.getName()).sorted().toList();
    }

    @Override
    public Map<String, Long> volumeSizes() {
        // docker-java has no call for the engine's disk use: the same connection, asked directly
        var http = ((com.github.dockerjava.core.DockerClientImpl) client).getHttpClient();
        String version = info.pinnedApiVersion() == null ? "" : "/v" + info.pinnedApiVersion();
        var request = com.github.dockerjava.transport.DockerHttpClient.Request.builder()
                .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.GET).path(version + "/system/df").build();
        try (var response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new DockerProblem("the engine did not say its disk use (HTTP " + response.getStatusCode() + ")");
            }
            var volumes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody()).path("Volumes");
            Map<String, Long> sizes = new java.util.TreeMap<>();
            for (var v : volumes) {
                long size = v.path("UsageData").path("Size").asLong(-1);
                if (size >= 0) {
                    sizes.put(v.path("Name").asText(), size);
                }
            }
            return sizes;
        } catch (IOException | RuntimeException e) {
            throw e instanceof DockerProblem p ? p : new DockerProblem(DockerProblem.said(e), e);
        }
    }

    @Override
    public void removeVolume(String name) {
        try {
            client.removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    @Override
    public void removeNetwork(String name) {
        try {
            client.removeNetworkCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    @Override
    public List<ContainerStatus> containers(Map<String, String> labels) {
        List<Container> found = client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
        List<ContainerStatus> out = new ArrayList<>();
        for (Container c : found) {
            try {
                out.add(inspect(c.getId()));
            } catch (DockerProblem e) {
                // removed between list and inspect
            }
        }
        return out;
    }

    @Override
    public String create(ContainerSpec spec) {
        List<Mount> mounts = spec.mounts().stream().map(m -> new Mount().withType(m.bind() ? MountType.BIND : MountType.VOLUME)
                .withSource(m.source()).withTarget(m.target()).withReadOnly(m.readOnly())).toList();
        HostConfig host = HostConfig.newHostConfig().withMounts(mounts);
        String firstNetwork = spec.networks().isEmpty() ? null : spec.networks().get(0);
        if (firstNetwork != null) {
            host.withNetworkMode(firstNetwork);
        }
        if (spec.restartUnlessStopped()) {
            host.withRestartPolicy(RestartPolicy.unlessStoppedRestart());
        }
        limit(host, spec.limits());
        List<ExposedPort> exposed = new ArrayList<>();
        List<PortBinding> bindings = new ArrayList<>();
        for (ContainerSpec.PortSpec p : spec.ports()) {
            ExposedPort port = ExposedPort.tcp(p.containerPort());
            exposed.add(port);
            bindings.add(new PortBinding(p.hostPort() == 0 ? Ports.Binding.bindIp(p.hostIp())
                    : Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()), port));
        }
        host.withPortBindings(bindings);
        var cmd = client.createContainerCmd(spec.image()).withName(spec.name()).withLabels(spec.labels())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(host).withExposedPorts(exposed);
        if (!spec.aliases().isEmpty()) {
            cmd.withAliases(spec.aliases());
        }
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (spec.user() != null) {
            cmd.withUser(spec.user());
        }
        String id;
        try {
            id = cmd.exec().getId();
        } catch (DockerException e) {
            throw new DockerProblem("creating " + spec.name() + " failed: " + firstLine(e.getMessage()), e);
        }
        for (String network : spec.networks().subList(Math.min(1, spec.networks().size()), spec.networks().size())) {
            try {
                client.connectToNetworkCmd().withNetworkId(network).withContainerId(id)
                        .withContainerNetwork(new com.github.dockerjava.api.model.ContainerNetwork().withAliases(spec.aliases()))
                        .exec();
            } catch (DockerException e) {
                remove(id);
                throw new DockerProblem("connecting " + spec.name() + " to the network " + network + " failed: "
                        + firstLine(e.getMessage()), e);
            }
        }
        return id;
    }

    private static void limit(HostConfig host, ContainerSpec.Limits limits) {
        if (!limits.capDrop().isEmpty()) {
            host.withCapDrop(limits.capDrop().stream().map(DockerJavaEngine::capability).toArray(Capability[]::new));
        }
        if (!limits.capAdd().isEmpty()) {
            host.withCapAdd(limits.capAdd().stream().map(DockerJavaEngine::capability).toArray(Capability[]::new));
        }
        if (!limits.securityOpt().isEmpty()) {
            host.withSecurityOpts(limits.securityOpt());
        }
        if (limits.readOnlyRoot()) {
            host.withReadonlyRootfs(true);
        }
        if (!limits.tmpfs().isEmpty()) {
            java.util.Map<String, String> tmpfs = new java.util.LinkedHashMap<>();
            for (String entry : limits.tmpfs()) {
                int colon = entry.indexOf(':');
                tmpfs.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "" : entry.substring(colon + 1));
            }
            host.withTmpFs(tmpfs);
        }
        if (limits.memoryBytes() > 0) {
            host.withMemory(limits.memoryBytes());
        }
        if (limits.pidsLimit() > 0) {
            host.withPidsLimit(limits.pidsLimit());
        }
    }

    /** Compose writes capabilities with or without the CAP_ prefix; docker-java's enum has neither form for ALL. */
    private static Capability capability(String name) {
        String plain = name.toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", "");
        try {
            return Capability.valueOf(plain);
        } catch (IllegalArgumentException e) {
            throw new DockerProblem("the engine does not know the capability " + name);
        }
    }

    @Override
    public void start(String containerId) {
        try {
            client.startContainerCmd(containerId).exec();
        } catch (NotModifiedException e) {
            // already running
        } catch (DockerException e) {
            throw new DockerProblem(startProblem(e.getMessage()), e);
        }
    }

    private static String startProblem(String raw) {
        String m = raw == null ? "" : raw;
        if (m.contains("port is already allocated") || m.contains("address already in use")) {
            return "the web port is already in use by another program; choose another port (--http-port)";
        }
        return "starting a container failed: " + firstLine(m);
    }

    @Override
    public void stop(String containerId, Duration grace) {
        try {
            client.stopContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // already stopped or gone
        }
    }

    /**
     * Removes the container with its anonymous volumes (those an image's VOLUME made because nothing was
     * mounted there: a helper's or a throwaway database's, tens of MB each, that would pile up on the
     * customer's disk). Named volumes, where the stack keeps its data, are never removed by this.
     */
    @Override
    public void remove(String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    @Override
    public ContainerStatus inspect(String containerId) {
        InspectContainerResponse r;
        try {
            r = client.inspectContainerCmd(containerId).exec();
        } catch (NotFoundException e) {
            throw new DockerProblem("the container " + containerId + " no longer exists", e);
        }
        var state = r.getState();
        String health = state.getHealth() == null || state.getHealth().getStatus() == null ? "none" : state.getHealth().getStatus();
        if (health.equals("starting") && Boolean.TRUE.equals(state.getRunning()) && r.getConfig().getHealthcheck() != null
                && passesNow(r.getId(), r.getConfig().getHealthcheck().getTest())) {
            health = "healthy";
        }
        return new ContainerStatus(r.getId(), r.getName() == null ? "" : r.getName().replaceFirst("^/", ""),
                r.getConfig().getImage(), r.getImageId(),
                r.getConfig().getLabels() == null ? Map.of() : r.getConfig().getLabels(),
                state.getStatus(), health, parseTime(state.getStartedAt()),
                r.getRestartCount() == null ? 0 : r.getRestartCount(),
                r.getConfig().getEnv() == null ? List.of() : List.of(r.getConfig().getEnv()));
    }

    /**
     * Runs a starting container's own health check now, as the engine would (its command, in the container,
     * as its user). The stack's images check themselves every 10 s, which costs little while the stack runs
     * (each check is a process the engine starts in the container: about a tenth of a second of CPU here, so
     * every second for five services took over half a core); between the start and the engine's first check,
     * the console asks itself, so an install, a restore or an update waits for the service and not for the
     * interval. A check that passes once is what the engine calls healthy.
     */
    private boolean passesNow(String containerId, List<String> test) {
        List<String> command;
        if (test == null || test.isEmpty()) {
            return false;
        } else if (test.get(0).equals("CMD") && test.size() > 1) {
            command = test.subList(1, test.size());
        } else if (test.get(0).equals("CMD-SHELL") && test.size() == 2) {
            command = List.of("/bin/sh", "-c", test.get(1));
        } else {
            return false;
        }
        try {
            // attached, so the start returns when the check has ended (its output is dropped)
            String exec = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            try (OwnedStream<com.github.dockerjava.api.model.Frame> output = client.execStartCmd(exec).exec(new OwnedStream<>() {
            })) {
                if (!output.awaitCompletion(HEALTH_PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false; // a check that hangs is not a pass; the stream is closed here
                }
            }
            var ended = client.inspectExecCmd(exec).exec();
            return !Boolean.TRUE.equals(ended.isRunning()) && ended.getExitCodeLong() != null && ended.getExitCodeLong() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // stopped or gone meanwhile: the engine's own state says so
        }
    }

    private static final Duration HEALTH_PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** While a service is starting, how often a wait for its health asks it. */
    private static final Duration HEALTH_PROBE_EVERY = Duration.ofMillis(250);

    /** Restarts during a wait for health that mean a container stops as soon as it starts. */
    private static final int CRASH_LOOP_RESTARTS = 2;

    @Override
    public HealthOutcome awaitHealthy(String containerId, Duration timeout) {
        CountDownLatch changed = new CountDownLatch(1);
        OwnedStream<Event> events = new OwnedStream<>() {
            @Override
            public void onNext(Event event) {
                changed.countDown();
            }
        };
        client.eventsCmd().withContainerFilter(containerId).withEventFilter("health_status", "die", "stop")
                .exec(events);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            long restartsBefore = -1;
            boolean seenUnhealthy = false;
            while (true) {
                ContainerStatus status = inspect(containerId);
                restartsBefore = restartsBefore < 0 ? status.restartCount() : restartsBefore;
                if (!status.running()) {
                    return "restarting".equals(status.state()) ? HealthOutcome.KEEPS_RESTARTING : HealthOutcome.EXITED;
                }
                if (status.restartCount() - restartsBefore >= CRASH_LOOP_RESTARTS) {
                    // it stops and its restart policy starts it again: waiting out the timeout would change nothing
                    return HealthOutcome.KEEPS_RESTARTING;
                }
                switch (status.health()) {
                    case "healthy" -> {
                        return HealthOutcome.HEALTHY;
                    }
                    case "none" -> {
                        return HealthOutcome.NO_HEALTHCHECK;
                    }
                    case "unhealthy" -> {
                        // Running, its check failing: on a loaded machine a service can take longer than its start
                        // period and still come good, so the wait goes on (a container that stops is said at once).
                        seenUnhealthy = true;
                    }
                    default -> {
                        // starting: wait for the next event (with a slow poll in case an event is missed)
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return seenUnhealthy ? HealthOutcome.UNHEALTHY : HealthOutcome.TIMED_OUT;
                }
                long pause = status.health().equals("starting") ? HEALTH_PROBE_EVERY.toNanos() : TimeUnit.SECONDS.toNanos(2);
                if (changed.await(Math.min(left, pause), TimeUnit.NANOSECONDS)) {
                    // an event arrived; inspect again (the latch stays open, so later loops poll quickly)
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthOutcome.TIMED_OUT;
        } finally {
            closeQuietly(events);
        }
    }

    @Override
    public OneOffResult run(ContainerSpec spec, Duration timeout, Transfer transfer) {
        return run(spec, timeout, transfer, null);
    }

    @Override
    public OneOffResult run(ContainerSpec spec, Duration timeout, Transfer transfer, java.util.function.Consumer<String> lines) {
        String id = create(spec);
        AutoCloseableHolder following = new AutoCloseableHolder();
        Thread follower = null;
        try {
            for (Put put : transfer.puts()) {
                try (java.io.InputStream tar = put.tar().get()) {
                    client.copyArchiveToContainerCmd(id).withRemotePath(put.path()).withTarInputStream(tar).exec();
                } catch (IOException | RuntimeException e) {
                    throw new DockerProblem("cannot put the data into the helper at " + put.path() + ": " + e.getMessage(), e);
                }
            }
            start(id);
            if (lines != null) {
                follower = Thread.ofVirtual().name("one-off output " + spec.name()).start(() -> {
                    try {
                        followLogs(id, 100_000, false, lines, following);
                    } catch (RuntimeException e) {
                        // the one-off ended and was removed: its output is read whole below
                    }
                });
            }
            Integer code = client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
            if (follower != null) {
                follower.join(Duration.ofSeconds(10));
                following.close();
            }
            OneOffResult result = new OneOffResult(code == null ? -1 : code, String.join("\n", logs(id, 10_000)));
            if (result.exitCode() == 0) {
                for (Take take : transfer.takes()) {
                    try (java.io.InputStream tar = client.copyArchiveFromContainerCmd(id, take.path()).exec()) {
                        take.sink().accept(tar);
                    } catch (IOException | RuntimeException e) {
                        throw new DockerProblem("cannot take the helper's " + take.path() + ": " + e.getMessage(), e);
                    }
                }
            }
            return result;
        } catch (DockerClientException e) {
            return new OneOffResult(-1, "did not finish within " + timeout.toSeconds() + " s: " + e.getMessage()
                    + "\n" + String.join("\n", logs(id, 50)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OneOffResult(-1, "interrupted while waiting for the one-off");
        } finally {
            following.close();
            remove(id);
        }
    }

    @Override
    public void writeHostFolder(String image, String hostPath, java.io.InputStream tar) {
        String id = client.createContainerCmd(image).withName("adaptive-files-" + Long.toHexString(System.nanoTime()))
                .withEntrypoint("true").withCmd(List.of()).withLabels(Map.of("com.adaptivestartup.managed-by", "adaptive-console"))
                .withHostConfig(HostConfig.newHostConfig().withBinds(new com.github.dockerjava.api.model.Bind(hostPath,
                        new com.github.dockerjava.api.model.Volume("/target")))).exec().getId();
        try {
            client.copyArchiveToContainerCmd(id).withRemotePath("/target").withTarInputStream(tar).exec();
        } catch (RuntimeException e) {
            throw new DockerProblem("cannot write the files into " + hostPath + " on the engine's machine: " + e.getMessage(), e);
        } finally {
            remove(id);
        }
    }

    @Override
    public void removeHostFolder(String image, String hostPath) {
        java.nio.file.Path path = java.nio.file.Path.of(hostPath);
        if (path.getParent() == null || path.getNameCount() < 2) {
            throw new DockerProblem("refusing to delete " + hostPath + " on the engine's machine: not an install folder");
        }
        String id = client.createContainerCmd(image).withName("adaptive-files-" + Long.toHexString(System.nanoTime()))
                .withEntrypoint("rm").withCmd("-rf", "--", "/parent/" + path.getFileName()).withUser("0:0")
                .withLabels(Map.of("com.adaptivestartup.managed-by", "adaptive-console"))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withBinds(new com.github.dockerjava.api.model.Bind(
                        path.getParent().toString(), new com.github.dockerjava.api.model.Volume("/parent")))).exec().getId();
        try {
            start(id);
            Integer code = client.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(5, TimeUnit.MINUTES);
            if (code == null || code != 0) {
                throw new DockerProblem("cannot delete " + hostPath + " on the engine's machine: "
                        + String.join("\n", logs(id, 20)));
            }
        } finally {
            remove(id);
        }
    }

    @Override
    public OneOffResult exec(String containerId, List<String> command, Duration timeout) {
        StringBuilder out = new StringBuilder();
        try {
            String exec = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            boolean ended = client.execStartCmd(exec).exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Frame frame) {
                    synchronized (out) {
                        out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Long code = ended ? client.inspectExecCmd(exec).exec().getExitCodeLong() : null;
            synchronized (out) {
                return new OneOffResult(code == null ? -1 : code, out.toString().strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OneOffResult(-1, "interrupted");
        } catch (NotFoundException e) {
            throw new DockerProblem("the container " + containerId + " is gone", e);
        } catch (DockerException e) {
            throw new DockerProblem("the engine refused to run a command in the container " + containerId + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<String> logs(String containerId, int tailLines, boolean timestamps) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        LogLines collector = new LogLines(lines::add);
        try {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(tailLines)
                    .withTimestamps(timestamps).exec(collector).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NotFoundException e) {
            return List.of();
        }
        collector.flush();
        return List.copyOf(lines);
    }

    @Override
    public void followLogs(String containerId, int tailLines, boolean timestamps, java.util.function.Consumer<String> line,
                           AutoCloseableHolder stop) {
        LogLines callback = new LogLines(line);
        try {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(tailLines)
                    .withTimestamps(timestamps).withFollowStream(true).exec(callback);
            stop.set(callback);
            callback.awaitCompletion();
            callback.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NotFoundException e) {
            throw new DockerProblem("the container " + containerId + " no longer exists", e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing a socket client; nothing to do
        }
        if (carrier != null) {
            closeQuietly(carrier);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // ignore
        }
    }

    private static Instant parseTime(String s) {
        try {
            return s == null || s.startsWith("0001-") ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
