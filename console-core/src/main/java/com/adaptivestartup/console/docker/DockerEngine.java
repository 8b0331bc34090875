package com.adaptivestartup.console.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's own small view of the Docker engine: what install and operate need, in our words.
 * The only implementation is {@link DockerJavaEngine}; view-model tests fake this interface, end-to-end
 * tests never do. Methods throw {@link DockerProblem} with a sentence a person can act on.
 */
public interface DockerEngine extends AutoCloseable {

    EngineInfo info();

    /** Whether the engine answers right now (it may be restarting). */
    boolean answers();

    /** Pulls one image by digest ({@code repository@sha256:...}), reporting per-layer progress. */
    void pull(String repository, String digest, RegistryAuth auth, PullListener listener);

    /**
     * Pushes {@code repository:tag} (a name the engine has) to its registry, reporting per-layer progress, and returns
     * the manifest digest the registry took ({@code sha256:...}).
     */
    String push(String repository, String tag, RegistryAuth auth, PullListener listener);

    /**
     * Asks the engine to sign in to the registry with these credentials (the engine's own network and proxy
     * settings, as for a pull), changing nothing: whether they are accepted, refused, or the registry is out of
     * reach, with the engine's words.
     */
    LoginCheck checkLogin(RegistryAuth auth);

    /** How a registry answered the credentials. */
    sealed interface LoginCheck {
        record Accepted() implements LoginCheck {
        }

        record Refused(String reason) implements LoginCheck {
        }

        record Unreachable(String reason) implements LoginCheck {
        }
    }

    /** The repo digests of a local image, or empty when it is not present. */
    Optional<List<String>> repoDigests(String reference);

    /** The image's content id ({@code sha256:...}), or empty when the engine has no such image. */
    Optional<String> imageId(String reference);

    /**
     * Streams one image's tar (as {@code docker save} writes it) into the engine and returns the ids the
     * engine says it loaded. The engine checks every layer against the image's config as it loads.
     */
    List<String> loadImage(java.io.InputStream tar);

    /**
     * {@code docker save} of several images at once (layers they share are written once), each named by its
     * repository and tag (which the engine loading it gives back), as a stream the caller reads and closes.
     */
    java.io.InputStream saveImages(List<String> repositoryTags);

    void tagImage(String imageId, String repository, String tag);

    /** Removes an image and all its tags (not one a running container uses); absent is fine. */
    void removeImage(String reference);

    /** Creates the bridge network unless it exists; {@code internal}: its containers cannot reach outside the host. */
    void ensureNetwork(String name, Map<String, String> labels, boolean internal);

    /** The names of the networks carrying all of these labels. */
    List<String> networks(Map<String, String> labels);

    void ensureVolume(String name, Map<String, String> labels);

    List<String> volumes(Map<String, String> labels);

    /**
     * The bytes each volume holds on the engine's disk, by name, as the engine counts them ({@code docker system df
     * -v}); a volume whose size the engine does not know is left out. It walks every volume: ask rarely.
     */
    Map<String, Long> volumeSizes();

    void removeVolume(String name);

    void removeNetwork(String name);

    List<ContainerStatus> containers(Map<String, String> labels);

    String create(ContainerSpec spec);

    void start(String containerId);

    void stop(String containerId, Duration grace);

    void remove(String containerId);

    ContainerStatus inspect(String containerId);

    /**
     * Waits for the container's health check to report healthy, from the engine's events: ends at once when the
     * container stops or keeps being restarted; a running container whose check fails is waited on until the timeout
     * (a slow start on a loaded machine comes good).
     */
    HealthOutcome awaitHealthy(String containerId, Duration timeout);

    /** Runs a one-off container to its end and returns its exit code and output; the container is removed. */
    default OneOffResult run(ContainerSpec spec, Duration timeout) {
        return run(spec, timeout, Transfer.NONE);
    }

    /**
     * Runs a one-off as {@link #run(ContainerSpec, Duration)}, with data put into it before it starts and taken from
     * it after it ends (before it is removed), through the engine's archive endpoints: how data reaches a helper on an
     * engine that does not share this computer's disk. A failed transfer fails the run (the container is removed).
     */
    OneOffResult run(ContainerSpec spec, Duration timeout, Transfer transfer);

    /**
     * Runs a one-off as {@link #run(ContainerSpec, Duration, Transfer)}, telling each line of its output as it comes
     * (a long import's progress). An engine that cannot follow output tells nothing until the end.
     */
    default OneOffResult run(ContainerSpec spec, Duration timeout, Transfer transfer, java.util.function.Consumer<String> lines) {
        OneOffResult r = run(spec, timeout, transfer);
        r.output().lines().forEach(lines);
        return r;
    }

    /**
     * Runs {@code command} inside a running container (as its own user, with its environment) and returns its exit code
     * and output (stdout and stderr together): how the console asks a service to prepare itself, such as Redis to hold
     * its log rewrites during a backup. An exit code of -1 means the command did not end within {@code timeout}.
     */
    OneOffResult exec(String containerId, List<String> command, Duration timeout);

    /** What a one-off is given before it starts and what is taken from it after it ends. */
    record Transfer(List<Put> puts, List<Take> takes) {
        public static final Transfer NONE = new Transfer(List.of(), List.of());
    }

    /** A tar stream unpacked at {@code path} (a folder) in the container before it starts. */
    record Put(String path, IoSupplier<java.io.InputStream> tar) {
    }

    /** The container's {@code path} as a tar stream (entries under the path's last name), given to {@code sink}. */
    record Take(String path, IoConsumer<java.io.InputStream> sink) {
    }

    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws java.io.IOException;
    }

    @FunctionalInterface
    interface IoConsumer<T> {
        void accept(T value) throws java.io.IOException;
    }

    /**
     * Unpacks a tar stream into a folder on the engine's own machine (made when missing, entries' modes kept), with a
     * container of {@code image} that is never started: how an install folder's secrets reach a remote engine.
     */
    void writeHostFolder(String image, String hostPath, java.io.InputStream tar);

    /** Deletes a folder on the engine's own machine (absent is fine), with a one-off of {@code image} as root. */
    void removeHostFolder(String image, String hostPath);

    /** The container's last {@code tailLines} log lines (stdout and stderr). */
    default List<String> logs(String containerId, int tailLines) {
        return logs(containerId, tailLines, false);
    }

    /** {@code timestamps}: each line begins with the engine's time of it, RFC 3339 in UTC, then a space. */
    List<String> logs(String containerId, int tailLines, boolean timestamps);

    /**
     * One sample of a running container's use: CPU as a percentage of one core (so 150 means one and a half
     * cores), memory in use and its limit in bytes. Takes about a second (the engine measures over one).
     */
    Usage usage(String containerId);

    record Usage(double cpuPercent, long memoryBytes, long memoryLimitBytes) {
        /** CPU from two cumulative readings: the container's and the whole system's, in nanoseconds. */
        public static double cpuPercent(long containerNow, long containerBefore, long systemNow, long systemBefore, long cpus) {
            long container = containerNow - containerBefore;
            long system = systemNow - systemBefore;
            return container <= 0 || system <= 0 ? 0 : 100.0 * container / system * Math.max(1, cpus);
        }
    }

    /** Streams a container's log lines as they come, until the container stops or {@code stop} is closed. */
    void followLogs(String containerId, int tailLines, boolean timestamps, java.util.function.Consumer<String> line,
                    AutoCloseableHolder stop);

    /** Lets a caller end a stream from another thread (the UI's Stop button, Ctrl-C). */
    final class AutoCloseableHolder {
        private volatile AutoCloseable stream;

        void set(AutoCloseable stream) {
            this.stream = stream;
        }

        public void close() {
            AutoCloseable s = stream;
            if (s != null) {
                try {
                    s.close();
                } catch (Exception e) {
                    // closing a log stream
                }
            }
        }
    }

    @Override
    void close();

    @FunctionalInterface
    interface PullListener {
        void progress(String layer, String status, long current, long total);
    }

    record OneOffResult(long exitCode, String output) {
    }

    /** How waiting for health ended. */
    enum HealthOutcome {
        HEALTHY("it is healthy"),
        UNHEALTHY("its health check kept failing until the wait ran out"),
        EXITED("it stopped"),
        KEEPS_RESTARTING("it stops as soon as it starts and is started again"),
        TIMED_OUT("it was still starting when the wait ran out"),
        NO_HEALTHCHECK("it has no health check");

        private final String said;

        HealthOutcome(String said) {
            this.said = said;
        }

        /** The outcome as the end of a sentence: "postgres did not become healthy: it stopped". */
        public String said() {
            return said;
        }
    }
}
