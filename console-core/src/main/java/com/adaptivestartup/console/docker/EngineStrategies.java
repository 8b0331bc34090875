package com.adaptivestartup.console.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ways to find the engine. A choice ({@link EngineChoice}: an address or a context, from the command
 * line, the environment or the console's setting) is the one and only way. With none, this machine's usual
 * places in order: Docker Desktop's socket, the current Docker context, the standard socket (the Windows named
 * pipe). The first that answers a ping wins, and the console says which it used.
 */
public final class EngineStrategies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineStrategies() {
    }

    /** The strategies for the choice the environment makes (DOCKER_HOST, DOCKER_CONTEXT), or this machine's places. */
    public static List<EngineStrategy> forThisMachine(Map<String, String> env, String osName, Path home) {
        return forChoice(EngineChoice.fromEnvironment(env), env, osName, home);
    }

    public static List<EngineStrategy> forChoice(EngineChoice choice, Map<String, String> env, String osName, Path home) {
        Path dockerDir = Optional.ofNullable(env.get("DOCKER_CONFIG")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(home.resolve(".docker"));
        if (choice.host() != null) {
            return List.of(chosenAddress(choice, env));
        }
        if (choice.context() != null) {
            return List.of(new DockerContext(dockerDir, choice.context(), choice.source()));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        List<EngineStrategy> list = new ArrayList<>();
        if (os.contains("mac")) {
            list.add(socket("Docker Desktop", home.resolve(".docker/run/docker.sock"), "start Docker Desktop"));
        } else if (!os.contains("win")) {
            list.add(socket("Docker Desktop", home.resolve(".docker/desktop/docker.sock"), "start Docker Desktop"));
        }
        list.add(new DockerContext(dockerDir, null, "the current Docker context"));
        if (os.contains("win")) {
            list.add(simple("Windows named pipe", Optional.of(EngineStrategy.Endpoint.plain("npipe:////./pipe/docker_engine")),
                    "", "start Docker Desktop"));
        } else {
            list.add(socket("standard socket", Path.of("/var/run/docker.sock"), os.contains("mac") ? "start Docker Desktop"
                    : "start Docker (sudo systemctl start docker), and add yourself to the docker group"
                    + " (sudo usermod -aG docker $USER, then sign out and in)"));
        }
        return list;
    }

    /**
     * The address the admin chose. For TCP, TLS as the docker CLI takes it: DOCKER_TLS_VERIFY with the files in
     * DOCKER_CERT_PATH (default ~/.docker).
     */
    private static EngineStrategy chosenAddress(EngineChoice choice, Map<String, String> env) {
        Path tls = null;
        String verify = env.get("DOCKER_TLS_VERIFY");
        if (choice.host().startsWith("tcp://") && verify != null && !verify.isBlank() && !verify.equals("0")) {
            String certPath = env.get("DOCKER_CERT_PATH");
            tls = certPath != null && !certPath.isBlank() ? Path.of(certPath)
                    : Path.of(System.getProperty("user.home"), ".docker");
        }
        String advice = choice.source().equals("DOCKER_HOST")
                ? "start that engine or correct DOCKER_HOST; to use this machine's own engine instead, unset DOCKER_HOST"
                : "start that engine or correct " + choice.source();
        return simple(choice.source(), Optional.of(new EngineStrategy.Endpoint(choice.host(), tls)), "", advice);
    }

    private static EngineStrategy socket(String name, Path socket, String advice) {
        return simple(name, Files.exists(socket) ? Optional.of(EngineStrategy.Endpoint.plain("unix://" + socket))
                : Optional.empty(), socket + " does not exist", advice);
    }

    private static EngineStrategy simple(String name, Optional<EngineStrategy.Endpoint> endpoint, String why, String advice) {
        return new EngineStrategy() {
            public String name() {
                return name;
            }

            public Optional<Endpoint> endpoint() {
                return endpoint;
            }

            public String notApplicableBecause() {
                return why;
            }

            public String advice() {
                return advice;
            }
        };
    }

    /**
     * A Docker context: the one named, or (name null) the current one in ~/.docker/config.json. Its endpoint
     * and TLS material are where the docker CLI keeps them: contexts/meta/&lt;sha256 of the name&gt;/meta.json and
     * contexts/tls/&lt;same&gt;/docker/. The context {@code default} is the standard socket.
     */
    static final class DockerContext implements EngineStrategy {
        private final Path dockerDir;
        private final String named;
        private final String source;
        private String why = "no Docker context is selected";
        private boolean missing;

        DockerContext(Path dockerDir, String named, String source) {
            this.dockerDir = dockerDir;
            this.named = named;
            this.source = source;
        }

        public String name() {
            return named == null ? "Docker context" : "Docker context '" + named + "' (" + source + ")";
        }

        public Optional<Endpoint> endpoint() {
            try {
                String context = named;
                if (context == null) {
                    Path config = dockerDir.resolve("config.json");
                    if (!Files.exists(config)) {
                        return Optional.empty();
                    }
                    context = JSON.readTree(config.toFile()).path("currentContext").asText("");
                    if (context.isEmpty() || context.equals("default")) {
                        why = "the current Docker context is the default one";
                        return Optional.empty();
                    }
                } else if (context.equals("default")) {
                    return Optional.of(Endpoint.plain("unix:///var/run/docker.sock"));
                }
                Path meta = dockerDir.resolve("contexts/meta").resolve(sha256(context)).resolve("meta.json");
                if (!Files.exists(meta)) {
                    why = "there is no Docker context '" + context + "' (`docker context ls` lists them)";
                    missing = true;
                    return Optional.empty();
                }
                JsonNode docker = JSON.readTree(meta.toFile()).path("Endpoints").path("docker");
                JsonNode host = docker.path("Host");
                if (!host.isTextual()) {
                    why = "the Docker context '" + context + "' names no Docker endpoint";
                    return Optional.empty();
                }
                Path tls = dockerDir.resolve("contexts/tls").resolve(sha256(context)).resolve("docker");
                boolean useTls = host.asText().startsWith("tcp://") && Files.exists(tls.resolve("ca.pem"))
                        && !docker.path("SkipTLSVerify").asBoolean(false);
                return Optional.of(new Endpoint(host.asText(), useTls ? tls : null));
            } catch (IOException e) {
                why = "the Docker context configuration cannot be read: " + e.getMessage();
                return Optional.empty();
            }
        }

        public String notApplicableBecause() {
            return why;
        }

        public String advice() {
            if (missing) {
                return "choose a context that `docker context ls` lists" + (source.equals("DOCKER_CONTEXT")
                        ? ", or unset DOCKER_CONTEXT to use this machine's own engine" : "");
            }
            return named == null ? "check the current Docker context (docker context ls)"
                    : "start that context's engine, or choose another context";
        }

        private static String sha256(String s) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
