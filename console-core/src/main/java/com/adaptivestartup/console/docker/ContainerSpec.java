package com.adaptivestartup.console.docker;

import java.util.List;
import java.util.Map;

/** What to create: one container of the stack (or a one-off), in our words. */
public record ContainerSpec(String name, String image, Map<String, String> env, Map<String, String> labels,
                            List<MountSpec> mounts, String network, List<String> aliases, List<PortSpec> ports,
                            List<String> command, boolean restartUnlessStopped, String user) {

    /** As the image says, for its user. */
    public ContainerSpec(String name, String image, Map<String, String> env, Map<String, String> labels,
                         List<MountSpec> mounts, String network, List<String> aliases, List<PortSpec> ports,
                         List<String> command, boolean restartUnlessStopped) {
        this(name, image, env, labels, mounts, network, aliases, ports, command, restartUnlessStopped, null);
    }

    /** A named volume ({@code bind == false}) or a host file or folder bound in. */
    public record MountSpec(boolean bind, String source, String target, boolean readOnly) {
    }

    public record PortSpec(String hostIp, int hostPort, int containerPort) {
    }
}
