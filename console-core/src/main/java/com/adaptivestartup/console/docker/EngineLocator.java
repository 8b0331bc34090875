package com.adaptivestartup.console.docker;

import com.adaptivestartup.console.release.Versions;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Docker engine: tries each {@link EngineStrategy} in order, pings it, asks its API version
 * and pins the client to one both support. Every failed attempt is kept, so when nothing answers the
 * person sees each place that was tried, why it failed and what to do. An engine the admin chose is the
 * only one tried, and its failure says so.
 */
public final class EngineLocator {
    private final List<EngineStrategy> strategies;
    private final boolean chosen;
    private final Map<String, String> env;

    public EngineLocator(List<EngineStrategy> strategies) {
        this(strategies, false, System.getenv());
    }

    private EngineLocator(List<EngineStrategy> strategies, boolean chosen, Map<String, String> env) {
        this.strategies = strategies;
        this.chosen = chosen;
        this.env = env;
    }

    /** For the admin's choice (or, with none, this machine's usual places). */
    public static EngineLocator forChoice(EngineChoice choice, Map<String, String> env, String osName, Path home) {
        return new EngineLocator(EngineStrategies.forChoice(choice, env, osName, home), choice.explicit(), env);
    }

    /** The outcome: an engine, or every attempt and its reason. */
    public sealed interface Outcome {
        record Found(DockerEngine engine, List<Attempt> earlierAttempts) implements Outcome {
        }

        record NotFound(List<Attempt> attempts, boolean chosen) implements Outcome {
            public NotFound(List<Attempt> attempts) {
                this(attempts, false);
            }

            public String explanation() {
                if (chosen && attempts.size() == 1) {
                    Attempt a = attempts.get(0);
                    return "The Docker engine you chose (" + a.strategy() + (a.endpoint() == null ? "" : ": " + a.endpoint())
                            + ") could not be reached: " + a.problem() + "." + (a.advice() == null || a.advice().isEmpty()
                            ? "" : " To fix: " + a.advice() + ".") + " No other engine was tried, so nothing else was touched.";
                }
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
            Optional<EngineStrategy.Endpoint> endpoint = strategy.endpoint();
            if (endpoint.isEmpty()) {
                attempts.add(new Attempt(strategy.name(), null, strategy.notApplicableBecause(),
                        chosen ? strategy.advice() : ""));
                continue;
            }
            try {
                return new Outcome.Found(connect(strategy.name(), endpoint.get(), env), attempts);
            } catch (RuntimeException e) {
                attempts.add(new Attempt(strategy.name(), endpoint.get().toString(), describe(e), strategy.advice()));
            }
        }
        return new Outcome.NotFound(attempts, chosen);
    }

    static DockerEngine connect(String source, EngineStrategy.Endpoint endpoint, Map<String, String> env) {
        if (!endpoint.address().startsWith("ssh://")) {
            return connect(source, endpoint, endpoint.address(), null);
        }
        SshRelay relay = SshRelay.open(endpoint.address(), env);
        try {
            return connect(source, endpoint, relay.localAddress(), relay);
        } catch (RuntimeException e) {
            relay.close();
            String said = relay.lastProblem();
            throw said == null ? e : new DockerProblem(sshProblem(said), e);
        }
    }

    /** What OpenSSH (or the far side's docker) said, with the fix. */
    static String sshProblem(String said) {
        String fix;
        if (said.contains("Permission denied")) {
            fix = "the SSH server refused this user's keys: add your public key to that account's ~/.ssh/authorized_keys"
                    + " (or load the key into ssh-agent), or name the right user in ssh://user@host";
        } else if (said.contains("Host key verification failed") || said.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")) {
            fix = "that machine's host key is not known to this computer, or changed: connect once with ssh to check and"
                    + " accept it (its fingerprint should match what its administrator gives you)";
        } else if (said.contains("Could not resolve hostname")) {
            fix = "the name is not known to this computer's DNS: check the spelling, or use the machine's address";
        } else if (said.contains("Connection refused") || said.contains("timed out") || said.contains("No route")) {
            fix = "nothing answers SSH there: check the machine is on, the port (ssh://user@host:port) and any firewall";
        } else if (said.contains("docker: command not found") || said.contains("docker: not found")) {
            fix = "the docker command is not installed on that machine (the console runs docker system dial-stdio there, as the"
                    + " docker CLI does): install Docker's CLI there";
        } else if (said.contains("permission denied") && said.contains("docker")) {
            fix = "that user may not use Docker on that machine: add it to the docker group there";
        } else {
            fix = "check that ssh to that machine works from this computer and that docker runs there";
        }
        return "SSH said: " + said + " (" + fix + ")";
    }

    private static DockerEngine connect(String source, EngineStrategy.Endpoint endpoint, String dial, AutoCloseable relay) {
        EngineStrategy.Endpoint reach = new EngineStrategy.Endpoint(dial, endpoint.tls());
        Version version;
        try (DockerClient probe = client(reach, null, PROBE_ANSWERS_WITHIN)) {
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
        DockerClient client = client(reach, pinned, Duration.ZERO);
        Info info = client.infoCmd().exec();
        EngineInfo engineInfo = new EngineInfo(endpoint.address(), source, version.getVersion(), engineApi, pinned,
                version.getOperatingSystem(), version.getArch(), info.getNCPU() == null ? 0 : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal(), info.getOperatingSystem(), info.getDockerRootDir(),
                info.getHttpsProxy(), info.getHttpProxy(), info.getNoProxy());
        return new DockerJavaEngine(client, engineInfo, relay);
    }

    private static String minApiVersion(Version version) {
        Object raw = version.getRawValues() == null ? null : version.getRawValues().get("MinAPIVersion");
        return raw == null ? null : raw.toString();
    }

    /** How long the first ping and version may take: an engine (or SSH session) that accepts but never answers. */
    private static final Duration PROBE_ANSWERS_WITHIN = Duration.ofSeconds(30);

    private static DockerClient client(EngineStrategy.Endpoint endpoint, String apiVersion, Duration responseTimeout) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint.address())
                .withDockerTlsVerify(endpoint.tls() != null);
        if (endpoint.tls() != null) {
            config.withDockerCertPath(endpoint.tls().toString());
        }
        if (apiVersion != null) {
            config.withApiVersion(apiVersion);
        }
        var built = config.build();
        // No read timeout on an answer once connected (the engine's event and log streams stay quiet for minutes, and a
        // one-off's wait lasts as long as the one-off): without it, the TLS handshake's 5 s would stay the socket's
        // timeout on a tcp engine. The waits that need an end set their own; the first probe has one.
        var http = new ZerodepDockerHttpClient.Builder().dockerHost(built.getDockerHost())
                .sslConfig(built.getSSLConfig()).connectionTimeout(Duration.ofSeconds(5)).responseTimeout(responseTimeout)
                .maxConnections(50).build();
        return DockerClientImpl.getInstance(built, http);
    }

    private static String describe(RuntimeException e) {
        if (e instanceof DockerProblem && e.getMessage() != null) {
            return e.getMessage();   // already said in words (an SSH failure, an API version neither side takes)
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (m.contains("Permission denied") || m.contains("permission denied")) {
            return "permission denied";
        }
        if (m.contains("PKIX") || m.contains("unable to find valid certification path")) {
            return "its TLS certificate is not signed by the CA in the TLS folder (ca.pem); check DOCKER_CERT_PATH";
        }
        if (m.contains("bad_certificate") || m.contains("certificate_required") || m.contains("certificate_unknown")) {
            return "it refused this console's client certificate (cert.pem and key.pem in the TLS folder)";
        }
        if (m.contains("HTTP request to an HTTPS server")) {
            return "it speaks TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with ca.pem, cert.pem, key.pem";
        }
        if (t instanceof java.nio.file.NoSuchFileException || m.contains("ca.pem") || m.contains("cert.pem")) {
            return "its TLS files cannot be read (" + DockerJavaEngine.firstLine(m) + ")";
        }
        if (m.contains("No such file") || m.contains("Connection refused") || m.contains("connect")) {
            return "nothing answers there (" + DockerJavaEngine.firstLine(m) + ")";
        }
        return DockerJavaEngine.firstLine(e.getMessage() == null ? m : e.getMessage());
    }
}
