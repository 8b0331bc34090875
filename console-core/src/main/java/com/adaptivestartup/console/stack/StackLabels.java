package com.adaptivestartup.console.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on everything the console creates: Docker Compose's own (so {@code docker compose ps},
 * {@code logs} and {@code down} in the install folder see our stack) and ours (so status, clean-up and
 * uninstall find things by label, never by guessing names).
 */
public final class StackLabels {
    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String CONFIG_HASH = "com.docker.compose.config-hash";
    public static final String ONEOFF = "com.docker.compose.oneoff";
    /** Which of a service's containers this is, from 1 ({@code deploy.replicas} makes several). */
    public static final String NUMBER = "com.docker.compose.container-number";
    public static final String MANAGED = "com.adaptivestartup.managed-by";
    public static final String RELEASE = "com.adaptivestartup.release";

    private StackLabels() {
    }

    public static Map<String, String> project(String project) {
        return Map.of(PROJECT, project, MANAGED, "adaptive-console");
    }

    /**
     * Exactly Compose's labels on a network or volume: Compose warns ("label ... has changed. It may need to be
     * recreated") about any other label the compose file does not declare, so ours are not added there; the
     * project label finds them.
     */
    public static Map<String, String> network(String project, String key) {
        Map<String, String> labels = new LinkedHashMap<>(Map.of(PROJECT, project));
        labels.put("com.docker.compose.network", key);
        labels.put("com.docker.compose.version", "1.29.2");
        return labels;
    }

    public static Map<String, String> volume(String project, String key) {
        Map<String, String> labels = new LinkedHashMap<>(Map.of(PROJECT, project));
        labels.put("com.docker.compose.volume", key);
        labels.put("com.docker.compose.version", "1.29.2");
        return labels;
    }

    public static Map<String, String> container(String project, String service, String configHash, boolean oneOff,
                                                Path dir, String release) {
        return container(project, service, 1, configHash, oneOff, dir, release);
    }

    /** As Compose labels the {@code number}th container of a service (its replicas count from 1). */
    public static Map<String, String> container(String project, String service, int number, String configHash, boolean oneOff,
                                                Path dir, String release) {
        Map<String, String> labels = new LinkedHashMap<>(project(project));
        labels.put(SERVICE, service);
        labels.put(CONFIG_HASH, configHash);
        labels.put(ONEOFF, oneOff ? "True" : "False");
        labels.put(NUMBER, String.valueOf(number));
        labels.put("com.docker.compose.version", "1.29.2");
        labels.put("com.docker.compose.project.working_dir", dir.toString());
        labels.put("com.docker.compose.project.config_files", dir.resolve(InstallDirectory.COMPOSE).toString());
        labels.put(RELEASE, release);
        return labels;
    }
}
