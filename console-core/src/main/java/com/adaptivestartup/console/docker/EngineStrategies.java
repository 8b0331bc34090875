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
 * The ordered ways to find the engine: DOCKER_HOST, the current Docker context, Docker Desktop's socket
 * on macOS, the standard Unix socket, the Windows named pipe. The first that answers a ping wins.
 */
public final class EngineStrategies {
    private EngineStrategies() {
    }

    public static List<EngineStrategy> forThisMachine(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        List<EngineStrategy> list = new ArrayList<>();
        list.add(simple("DOCKER_HOST", Optional.ofNullable(env.get("DOCKER_HOST")).filter(s -> !s.isBlank()),
                "DOCKER_HOST is not set", "check the DOCKER_HOST environment variable, or unset it"));
        list.add(new DockerContext(env, home));
        if (os.contains("mac")) {
            Path desktop = home.resolve(".docker/run/docker.sock");
            list.add(simple("Docker Desktop socket", Files.exists(desktop) ? Optional.of("unix://" + desktop) : Optional.empty(),
                    desktop + " does not exist", "start Docker Desktop"));
        }
        if (os.contains("win")) {
            list.add(simple("Windows named pipe", Optional.of("npipe:////./pipe/docker_engine"), "",
                    "start Docker Desktop"));
        } else {
            Path socket = Path.of("/var/run/docker.sock");
            list.add(simple("standard socket", Files.exists(socket) ? Optional.of("unix://" + socket) : Optional.empty(),
                    socket + " does not exist", os.contains("mac") ? "start Docker Desktop"
                            : "start Docker (sudo systemctl start docker), and add yourself to the docker group"
                            + " (sudo usermod -aG docker $USER, then sign out and in)"));
        }
        return list;
    }

    private static EngineStrategy simple(String name, Optional<String> endpoint, String why, String advice) {
        return new EngineStrategy() {
            public String name() {
                return name;
            }

            public Optional<String> endpoint() {
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

    /** The current Docker context (DOCKER_CONTEXT, or currentContext in ~/.docker/config.json). */
    static final class DockerContext implements EngineStrategy {
        private final Map<String, String> env;
        private final Path dockerDir;
        private String why = "no Docker context is selected";

        DockerContext(Map<String, String> env, Path home) {
            this.env = env;
            this.dockerDir = Optional.ofNullable(env.get("DOCKER_CONFIG")).map(Path::of).orElse(home.resolve(".docker"));
        }

        public String name() {
            return "Docker context";
        }

        public Optional<String> endpoint() {
            try {
                String context = env.get("DOCKER_CONTEXT");
                ObjectMapper json = new ObjectMapper();
                if (context == null) {
                    Path config = dockerDir.resolve("config.json");
                    if (!Files.exists(config)) {
                        return Optional.empty();
                    }
                    context = json.readTree(config.toFile()).path("currentContext").asText("");
                }
                if (context.isEmpty() || context.equals("default")) {
                    why = "the current Docker context is the default one";
                    return Optional.empty();
                }
                Path meta = dockerDir.resolve("contexts/meta").resolve(sha256(context)).resolve("meta.json");
                JsonNode host = json.readTree(meta.toFile()).path("Endpoints").path("docker").path("Host");
                why = "context '" + context + "' names no Docker endpoint";
                return host.isTextual() ? Optional.of(host.asText()) : Optional.empty();
            } catch (IOException e) {
                why = "the Docker context configuration cannot be read: " + e.getMessage();
                return Optional.empty();
            }
        }

        public String notApplicableBecause() {
            return why;
        }

        public String advice() {
            return "check the current Docker context (docker context ls)";
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
