package com.adaptivestartup.console.docker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A container as the engine reports it. {@code health} is {@code none} without a health check. */
public record ContainerStatus(String id, String name, String image, String imageId, Map<String, String> labels,
                             String state, String health, Instant startedAt, long restartCount, List<String> env) {

    public boolean running() {
        return "running".equals(state);
    }
}
