package com.adaptivestartup.console.stack;

import java.util.List;
import java.util.Map;

/**
 * The stack to run, read from the release's compose file after interpolation: services in the order
 * they start (dependencies first), named volumes, the published ports.
 */
public record StackPlan(List<Service> services, List<String> volumes) {
    /** The service that holds the database: dumped and restored, and what the server's migration needs. */
    public static final String DATABASE = "postgres";
    /** The server: its image runs the one-off commands (setup, migrate). */
    public static final String SERVER = "backend";

    public record Service(String name, String image, Map<String, String> environment, List<VolumeMount> mounts,
                          List<Port> ports, List<Dependency> dependsOn, List<String> command) {
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

    public record Port(int hostPort, int containerPort) {
    }

    public Service service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the stack has no service " + name));
    }
}
