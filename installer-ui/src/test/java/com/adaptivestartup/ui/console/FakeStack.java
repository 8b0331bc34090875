package com.adaptivestartup.ui.console;

import com.adaptivestartup.console.operate.StackService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stack of five services whose states a test sets; stopping and starting change them as the engine would. */
public final class FakeStack implements StackControl {
    final Map<String, String[]> services = new LinkedHashMap<>();
    final List<String> actions = new ArrayList<>();
    RuntimeException failNextAction;
    /** While set, reading the stack's state fails with it (the engine stopped). */
    RuntimeException engineDown;
    StackService.InitialPassword initialPassword = StackService.InitialPassword.NONE;

    public FakeStack() {
        for (String s : List.of("backend", "postgres", "redis", "storage", "web")) {
            services.put(s, new String[] {"running", "healthy"});
        }
    }

    public FakeStack unhealthy(String service) {
        services.put(service, new String[] {"running", "unhealthy"});
        return this;
    }

    /** The volumes' and the backups' bytes, and the space left where backups go. */
    com.adaptivestartup.console.operate.DiskUse.Report disk = new com.adaptivestartup.console.operate.DiskUse.Report(
            java.util.Map.of("postgres-data", 1200L << 20, "storage-data", 3L << 30), 900L << 20,
            java.nio.file.Path.of("/backups/adaptive"), 120L << 30);

    @Override
    public com.adaptivestartup.console.operate.DiskUse.Report diskUse() {
        if (engineDown != null) {
            throw engineDown;
        }
        return disk;
    }

    /** Running services use a little more CPU at each sample, backend 200 MB of a 2 GB limit. */
    private int samples;

    @Override
    public java.util.Map<String, com.adaptivestartup.console.docker.DockerEngine.Usage> usage() {
        samples++;
        java.util.Map<String, com.adaptivestartup.console.docker.DockerEngine.Usage> out = new java.util.TreeMap<>();
        services.forEach((name, s) -> {
            if (s[0].equals("running")) {
                out.put(name, new com.adaptivestartup.console.docker.DockerEngine.Usage(samples * 1.5, 200L << 20, 2L << 30));
            }
        });
        return out;
    }

    @Override
    public StackService.StackStatus status() {
        if (engineDown != null) {
            throw engineDown;
        }
        List<StackService.ServiceStatus> list = new ArrayList<>();
        services.forEach((name, s) -> list.add(new StackService.ServiceStatus(name, s[0], s[1], "1.1.0",
                s[0].equals("running") ? Duration.ofMinutes(42) : null, name.equals("backend") ? 2 : 0, "id-" + name)));
        long healthy = services.values().stream().filter(s -> s[0].equals("running") && s[1].equals("healthy")).count();
        StackService.InitialPassword password = initialPassword;
        if (password == StackService.InitialPassword.CHANGED) {
            initialPassword = StackService.InitialPassword.NONE;   // said once, as the console's StackService does
        }
        return new StackService.StackStatus("adaptive", healthy == services.size() ? "healthy" : healthy == 0 ? "down"
                : "degraded", list, password);
    }

    private void act(String action, String service) {
        actions.add(action + " " + service);
        if (failNextAction != null) {
            RuntimeException e = failNextAction;
            failNextAction = null;
            throw e;
        }
    }

    @Override
    public void start(String service) {
        act("start", service == null ? "all" : service);
        services.replaceAll((name, s) -> service == null || name.equals(service) ? new String[] {"running", "healthy"} : s);
    }

    @Override
    public void stop(String service) {
        act("stop", service == null ? "all" : service);
        services.replaceAll((name, s) -> service == null || name.equals(service) ? new String[] {"exited", "none"} : s);
    }

    /** While set, finishing an update cut short fails with it. */
    RuntimeException recoveryFails;

    /** What finishing an update cut short says (its steps told first); null: none was cut short. */
    String interruptedUpdate;

    @Override
    public java.util.Optional<String> recoverInterruptedUpdate(java.util.function.Consumer<String> step) {
        if (recoveryFails != null) {
            throw recoveryFails;
        }
        if (interruptedUpdate != null) {
            step.accept("rolling back");
            actions.add("recover");
        }
        return java.util.Optional.ofNullable(interruptedUpdate);
    }

    @Override
    public void restart(String service) {
        act("restart", service);
        services.put(service, new String[] {"running", "healthy"});
    }

    /** The server containers chosen, and whether the installed release can run several. */
    int replicas = 1;
    boolean replicasSupported = true;

    @Override
    public com.adaptivestartup.console.install.ServerReplicas.ReplicasView replicas() {
        long running = services.entrySet().stream().filter(e -> e.getKey().startsWith("backend")
                && e.getValue()[0].equals("running")).count();
        return new com.adaptivestartup.console.install.ServerReplicas.ReplicasView("adaptive", replicas, (int) running,
                replicasSupported);
    }

    /** As the console does: one card per server container, named backend-1, backend-2... when several. */
    @Override
    public void setReplicas(int count, java.util.function.Consumer<String> step) {
        act("replicas", String.valueOf(count));
        step.accept("start backend");
        services.keySet().removeIf(name -> name.startsWith("backend"));
        Map<String, String[]> rest = new LinkedHashMap<>(services);
        services.clear();
        for (int n = 1; n <= count; n++) {
            services.put(count == 1 ? "backend" : "backend-" + n, new String[] {"running", "healthy"});
        }
        services.putAll(rest);
        replicas = count;
    }
}
