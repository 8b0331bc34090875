package com.adaptivestartup.console.docker;

/**
 * What the engine says of itself. On Docker Desktop the CPUs and memory are the VM's, not the host's,
 * which is what the stack actually gets. {@code httpsProxy}, {@code httpProxy} and {@code noProxy}: the proxies the
 * engine itself pulls through (blank when none).
 */
public record EngineInfo(String endpoint, String source, String serverVersion, String apiVersion, String pinnedApiVersion,
                         String os, String arch, int cpus, long memoryBytes, String operatingSystem, String dataRoot,
                         String httpsProxy, String httpProxy, String noProxy) {
    /**
     * Whether the engine shares this computer's disk, so a folder here can be bound into a container: a local socket
     * or named pipe (Docker Desktop shares the user's folders with its VM). An engine reached over tcp or ssh is taken
     * as another machine's: data goes to and from it through the engine's own archive endpoints.
     */
    public boolean sharesDisk() {
        return endpoint.startsWith("unix://") || endpoint.startsWith("npipe://");
    }

    /**
     * The machine the engine runs on, as this computer reaches it (a tcp or ssh engine's host), or null for this
     * machine: where a port the stack publishes is reached.
     */
    public String host() {
        if (sharesDisk()) {
            return null;
        }
        String rest = endpoint.substring(endpoint.indexOf("://") + 3);
        rest = rest.substring(rest.indexOf('@') + 1);
        int end = rest.startsWith("[") ? rest.indexOf(']') + 1 : rest.indexOf(':') >= 0 ? rest.indexOf(':')
                : rest.indexOf('/') >= 0 ? rest.indexOf('/') : rest.length();
        return rest.substring(0, end);
    }

    /** The engine in a line: "Docker 27.3.1 (Ubuntu 24.04), API 1.47, via --host (tcp://db1:2376)". */
    public String said() {
        return "Docker " + serverVersion + " (" + operatingSystem + "), API " + apiVersion + ", via " + source + " ("
                + endpoint + ")";
    }

    /** Whether the engine pulls through a proxy. */
    public boolean usesProxy() {
        return !(httpsProxy == null || httpsProxy.isBlank()) || !(httpProxy == null || httpProxy.isBlank());
    }
}
