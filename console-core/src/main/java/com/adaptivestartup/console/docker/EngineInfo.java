package com.adaptivestartup.console.docker;

/**
 * What the engine says of itself. On Docker Desktop the CPUs and memory are the VM's, not the host's,
 * which is what the stack actually gets. {@code httpsProxy}, {@code httpProxy} and {@code noProxy}: the proxies the
 * engine itself pulls through (blank when none).
 */
public record EngineInfo(String endpoint, String source, String serverVersion, String apiVersion, String pinnedApiVersion,
                         String os, String arch, int cpus, long memoryBytes, String operatingSystem, String dataRoot,
                         String httpsProxy, String httpProxy, String noProxy) {
    /** Whether the engine pulls through a proxy. */
    public boolean usesProxy() {
        return !(httpsProxy == null || httpsProxy.isBlank()) || !(httpProxy == null || httpProxy.isBlank());
    }
}
