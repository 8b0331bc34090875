package com.adaptivestartup.console.stack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack to run, read from the release's compose file after interpolation: services in the order
 * they start (dependencies first), tools (services under a Compose profile, never started with the stack,
 * only run as one-offs), named volumes and networks.
 */
public record StackPlan(List<Service> services, List<Service> tools, List<String> volumes, List<Network> networks) {
    /** The service that holds the database: dumped and restored, and what the server's migration needs. */
    public static final String DATABASE = "postgres";
    /** The server: its image runs the one-off commands (setup, migrate) when the stack has no migrator. */
    public static final String SERVER = "backend";
    /**
     * The object store (S3Proxy on its file system): it keeps nothing in memory and reads its files on each
     * request, so with the server stopped its files can be swapped under it, and a restore leaves it running.
     */
    public static final String STORAGE = "storage";
    /**
     * Redis, with its append-only files: a backup copies them while it runs, as Redis documents, with no log rewrite
     * running ({@code backup.RedisRewriteHold}).
     */
    public static final String REDIS = "redis";
    /** From release 1.2.0: the server's image as the schema's owner, for migrations and checks only. */
    public static final String MIGRATOR = "migrate";
    /** The network a service joins when the compose file names none, as Compose does. */
    public static final String DEFAULT_NETWORK = "default";

    /**
     * One service. {@code networks} are the keys of the stack's networks it joins (the first is where its
     * one-off copies run); {@code security} what it may do and use; {@code definition} the service as the compose
     * file (interpolated) defines it, which {@link ComposeHash} hashes as Compose does.
     */
    public record Service(String name, String image, Map<String, String> environment, List<VolumeMount> mounts,
                          List<Port> ports, List<Dependency> dependsOn, List<String> command, List<String> networks,
                          Security security, com.fasterxml.jackson.databind.JsonNode definition) {
        /**
         * How many containers run it ({@code deploy.replicas}, as Compose reads it; 1 when the compose file says
         * nothing). Each is {@code <project>-<service>-<n>}, and all answer to the service's name on its networks.
         */
        public int replicas() {
            return definition == null ? 1 : definition.path("deploy").path("replicas").asInt(1);
        }

        /** The same service running another command with more mounts, as a one-off (no published ports). */
        public Service oneOff(List<String> newCommand, List<VolumeMount> extraMounts) {
            List<VolumeMount> all = new java.util.ArrayList<>(mounts);
            all.addAll(extraMounts);
            return new Service(name, image, environment, List.copyOf(all), List.of(), dependsOn, newCommand, networks, security,
                    definition);
        }
    }

    /**
     * What the compose file restricts: capabilities dropped and added, security options (no-new-privileges), a
     * read-only root file system with tmpfs folders, and limits on memory (bytes, 0 = none) and processes (0 = none).
     */
    public record Security(List<String> capDrop, List<String> capAdd, List<String> securityOpt, boolean readOnly,
                           List<String> tmpfs, long memoryBytes, long pidsLimit) {
        public static final Security NONE = new Security(List.of(), List.of(), List.of(), false, List.of(), 0, 0);
    }

    /** A network of the stack; {@code internal}: no way out of the host (the data services' network). */
    public record Network(String key, boolean internal) {
    }

    /**
     * A dependency as Compose means it: by default only start order ({@code service_started}); waiting for
     * the dependency's health check is asked for with {@code condition: service_healthy}.
     */
    public record Dependency(String service, boolean healthy) {
    }

    /** {@code source} is a named volume of the stack, or (bind) a path relative to the install folder. */
    public record VolumeMount(boolean bind, String source, String target, boolean readOnly) {
    }

    /**
     * A published port: {@code hostIp} is the address it listens on ({@code 0.0.0.0}: every interface);
     * {@code hostPort} {@link #ANY} lets the engine choose one (Compose's {@code 127.0.0.1::8443}: a port kept on
     * this machine that no one is meant to use, such as the HTTPS port of a stack that has no address yet).
     */
    public record Port(String hostIp, int hostPort, int containerPort) {
        public static final int ANY = 0;
    }

    public Service service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the stack has no service " + name));
    }

    /**
     * The service that runs the server: the backend, or in a stack of one service (the single container) that one,
     * which is the server too.
     */
    public Service server() {
        return services.size() == 1 ? services.getFirst() : service(SERVER);
    }

    /** What runs the server's one-off commands: the migrator tool where the release has one, else the server. */
    public Service migrator() {
        return tool(MIGRATOR).orElseGet(() -> service(SERVER));
    }

    public Optional<Service> tool(String name) {
        return tools.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
