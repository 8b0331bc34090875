package com.adaptivestartup.console.docker;

import com.adaptivestartup.console.release.Versions;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Docker engine: tries each {@link EngineStrategy} in order, pings it, asks its API version
 * and pins the client to one both support. Every failed attempt is kept, so when nothing answers the
 * person sees each place that was tried, why it failed and what to do.
 */
public final class EngineLocator {
    private final List<EngineStrategy> strategies;

    public EngineLocator(List<EngineStrategy> strategies) {
        this.strategies = strategies;
    }

    /** The outcome: an engine, or every attempt and its reason. */
    public sealed interface Outcome {
        record Found(DockerEngine engine, List<Attempt> earlierAttempts) implements Outcome {
        }

        record NotFound(List<Attempt> attempts) implements Outcome {
            public String explanation() {
                StringBuilder s = new StringBuilder("The Docker engine could not be reached. Tried:\n");
                for (Attempt a : attempts) {
                    s.append("  - ").append(a.strategy()).append(a.endpoint() == null ? "" : " (" + a.endpoint() + ")")
                            .append(": ").append(a.problem());
                    if (a.advice() != null && !a.advice().isEmpty()) {
                        s.append(". To fix: ").append(a.advice());
                    }
                    s.append('\n');
                }
                return s.toString().stripTrailing();
            }
        }
    }

    public Outcome locate() {
        List<Attempt> attempts = new ArrayList<>();
        for (EngineStrategy strategy : strategies) {
            Optional<String> endpoint = strategy.endpoint();
            if (endpoint.isEmpty()) {
                attempts.add(new Attempt(strategy.name(), null, strategy.notApplicableBecause(), ""));
                continue;
            }
            try {
                return new Outcome.Found(connect(strategy.name(), endpoint.get()), attempts);
            } catch (RuntimeException e) {
                attempts.add(new Attempt(strategy.name(), endpoint.get(), describe(e), strategy.advice()));
            }
        }
        return new Outcome.NotFound(attempts);
    }

    static DockerEngine connect(String source, String endpoint) {
        Version version;
        try (DockerClient probe = client(endpoint, null)) {
            probe.pingCmd().exec();
            version = probe.versionCmd().exec();
        } catch (IOException e) {
            throw new DockerProblem("closing the probe failed: " + e.getMessage(), e);
        }
        String engineApi = version.getApiVersion();
        String minApi = minApiVersion(version);
        String pinned = ApiVersions.pin(engineApi, minApi).orElseThrow(() -> new DockerProblem(
                "the engine speaks API " + engineApi + (minApi == null ? "" : " (accepts " + minApi + " and newer)")
                        + ", and this console needs " + ApiVersions.OLDEST_SUPPORTED + " to " + ApiVersions.NEWEST_TESTED
                        + ": update " + (Versions.compare(engineApi, ApiVersions.OLDEST_SUPPORTED) < 0
                        ? "Docker" : "the console")));
        DockerClient client = client(endpoint, pinned);
        Info info = client.infoCmd().exec();
        EngineInfo engineInfo = new EngineInfo(endpoint, source, version.getVersion(), engineApi, pinned,
                version.getOperatingSystem(), version.getArch(), info.getNCPU() == null ? 0 : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal(), info.getOperatingSystem(), info.getDockerRootDir());
        return new DockerJavaEngine(client, engineInfo);
    }

    private static String minApiVersion(Version version) {
        Object raw = version.getRawValues() == null ? null : version.getRawValues().get("MinAPIVersion");
        return raw == null ? null : raw.toString();
    }

    private static DockerClient client(String endpoint, String apiVersion) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint);
        if (apiVersion != null) {
            config.withApiVersion(apiVersion);
        }
        var built = config.build();
        var http = new ZerodepDockerHttpClient.Builder().dockerHost(built.getDockerHost())
                .sslConfig(built.getSSLConfig()).connectionTimeout(Duration.ofSeconds(5)).maxConnections(50).build();
        return DockerClientImpl.getInstance(built, http);
    }

    private static String describe(RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (m.contains("Permission denied") || m.contains("permission denied")) {
            return "permission denied";
        }
        if (m.contains("No such file") || m.contains("Connection refused") || m.contains("connect")) {
            return "nothing answers there (" + DockerJavaEngine.firstLine(m) + ")";
        }
        return DockerJavaEngine.firstLine(e.getMessage() == null ? m : e.getMessage());
    }
}
