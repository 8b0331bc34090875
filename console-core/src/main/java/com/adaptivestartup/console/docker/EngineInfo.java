package com.adaptivestartup.console.docker;

/**
 * What the engine says of itself. On Docker Desktop the CPUs and memory are the VM's, not the host's,
 * which is what the stack actually gets.
 */
public record EngineInfo(String endpoint, String source, String serverVersion, String apiVersion, String pinnedApiVersion,
                         String os, String arch, int cpus, long memoryBytes, String operatingSystem, String dataRoot) {
}
