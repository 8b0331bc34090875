package com.adaptivestartup.console.docker;

import java.util.List;
import java.util.Map;

/**
 * What to create: one container of the stack (or a one-off), in our words. {@code networks}: the first is
 * where it is created (with its {@code aliases}), the others it joins before it starts; {@code "none"} alone
 * means no network at all.
 */
public record ContainerSpec(String name, String image, Map<String, String> env, Map<String, String> labels,
                            List<MountSpec> mounts, List<String> networks, List<String> aliases, List<PortSpec> ports,
                            List<String> command, boolean restartUnlessStopped, String user, Limits limits) {

    /** As the image says, for its user, with no limits. */
    public ContainerSpec(String name, String image, Map<String, String> env, Map<String, String> labels,
                         List<MountSpec> mounts, String network, List<String> aliases, List<PortSpec> ports,
                         List<String> command, boolean restartUnlessStopped, String user) {
        this(name, image, env, labels, mounts, List.of(network), aliases, ports, command, restartUnlessStopped, user,
                Limits.NONE);
    }

    /** A named volume ({@code bind == false}) or a host file or folder bound in. */
    public record MountSpec(boolean bind, String source, String target, boolean readOnly) {
    }

    public record PortSpec(String hostIp, int hostPort, int containerPort) {
    }

    /**
     * What the container may do and use: capabilities dropped and added, security options, a read-only root
     * file system with tmpfs folders, memory in bytes and processes (0: no limit).
     */
    public record Limits(List<String> capDrop, List<String> capAdd, List<String> securityOpt, boolean readOnlyRoot,
                         List<String> tmpfs, long memoryBytes, long pidsLimit) {
        public static final Limits NONE = new Limits(List.of(), List.of(), List.of(), false, List.of(), 0, 0);
    }
}
