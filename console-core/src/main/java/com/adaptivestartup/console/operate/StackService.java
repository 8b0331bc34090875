package com.adaptivestartup.console.operate;

import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.release.Versions;
import com.adaptivestartup.console.stack.AppReadiness;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.state.InstallationLock;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Operating an installed stack: status, start, stop, restart, logs, uninstall. Found by labels. */
public final class StackService {
    private final DockerEngine engine;
    private final Installations installations;
    private final Journal journal;
    private final Clock clock;
    private final AppReadiness readiness = new AppReadiness();

    public StackService(DockerEngine engine, Installations installations, Journal journal, Clock clock) {
        this.engine = engine;
        this.installations = installations;
        this.journal = journal;
        this.clock = clock;
    }

    /** One service as people see it. {@code uptime} is null when it is not running. */
    public record ServiceStatus(String service, String state, String health, String version, Duration uptime,
                                long restarts, String containerId) {
    }

    /**
     * The stack's overall state: healthy, degraded (something down or unhealthy) or down; and where the first
     * admin's initial password stands.
     */
    public record StackStatus(String project, String overall, List<ServiceStatus> services, InitialPassword initialPassword) {
        public StackStatus(String project, String overall, List<ServiceStatus> services) {
            this(project, overall, services, InitialPassword.NONE);
        }
    }

    /**
     * The first admin's initial password: still the one in the install folder's file ({@code PENDING}), or
     * replaced by the admin, whereupon the file was removed ({@code CHANGED}: said once, when it happens).
     */
    public enum InitialPassword { NONE, PENDING, CHANGED }

    /**
     * Each service's state and version. The version is the installed release's: a container an update did not need
     * to replace (an unchanged PostgreSQL) is part of the release it was kept in, though an older one made it. Only
     * a container made by a newer release than the installed one (an update cut short) says its own.
     */
    public StackStatus status(String project) {
        String installed = installations.find(project).map(Installations.Installation::version).orElse(null);
        List<ContainerStatus> all = containers(project);
        List<ServiceStatus> services = all.stream()
                .map(c -> new ServiceStatus(nameOf(c, all), c.state(), c.health(),
                        versionOf(c.labels().getOrDefault(StackLabels.RELEASE, "?"), installed),
                        c.running() && c.startedAt() != null ? Duration.between(c.startedAt(), clock.instant()) : null,
                        c.restartCount(), c.id()))
                .sorted(Comparator.comparing(ServiceStatus::service)).toList();
        long healthy = services.stream().filter(s -> s.state().equals("running")
                && (s.health().equals("healthy") || s.health().equals("none"))).count();
        String overall = services.isEmpty() || healthy == 0 ? "down" : healthy == services.size() ? "healthy" : "degraded";
        return new StackStatus(project, overall, services, installations.find(project).map(this::initialPassword)
                .orElse(InitialPassword.NONE));
    }

    private static String versionOf(String madeBy, String installed) {
        if (installed == null) {
            return madeBy;
        }
        try {
            return Versions.compare(madeBy, installed) > 0 ? madeBy : installed;
        } catch (RuntimeException e) {
            return madeBy;   // a label that is not a version is said as it is
        }
    }

    /**
     * While the initial password's file exists, asks the app (with the console's health token) whether the first
     * admin still has it; once they replaced it, the file goes: it must not lie around in the install folder.
     */
    private InitialPassword initialPassword(Installations.Installation inst) {
        InstallDirectory dir = new InstallDirectory(inst.directory());
        java.nio.file.Path file = dir.path().resolve(InstallDirectory.ADMIN_PASSWORD);
        if (!java.nio.file.Files.exists(file)) {
            return InitialPassword.NONE;
        }
        try {
            var answer = readiness.ask(engine.info().host(), StackSettings.fromJson(inst.settingsJson()).bindOrAll(),
                    inst.httpPort(), dir);
            if (answer.initialPasswordPending().orElse(true)) {
                return InitialPassword.PENDING;
            }
            java.nio.file.Files.deleteIfExists(file);
            return InitialPassword.CHANGED;
        } catch (java.io.IOException e) {
            return InitialPassword.PENDING;   // the app does not answer now; asked again next time
        }
    }

    public void start(String project, String service) {
        operate(project, "start", service, () -> startNow(project, service));
    }

    /** Stops the front first and the data last: the reverse of the installed stack's start order. */
    public void stop(String project, String service) {
        operate(project, "stop", service, () -> stopNow(project, service));
    }

    public void restart(String project, String service) {
        operate(project, "restart", service, () -> {
            stopNow(project, service);
            startNow(project, service);
        });
    }

    /**
     * One change to the stack as an operation: under the installation's lock (refused while another operation
     * changes it, an update say, with the sentence that names it), and in the journal, so it shows in the history.
     */
    private void operate(String project, String action, String service, Runnable work) {
        String what = service == null ? "every service" : service;
        try (InstallationLock lock = journal.lock(project, action + " " + what)) {
            Journal.Operation op = journal.begin(action, project);
            try {
                work.run();
                op.record("operation", "done", what);
            } catch (RuntimeException e) {
                op.record("operation", "failed", what + ": " + e.getMessage());
                throw e;
            }
        }
    }

    private void startNow(String project, String service) {
        for (ContainerStatus c : select(project, service)) {
            engine.start(c.id());
        }
    }

    private void stopNow(String project, String service) {
        List<String> startOrder = installations.find(project)
                .map(i -> new InstallDirectory(i.directory()).readPlan().services().stream()
                        .map(StackPlan.Service::name).toList())
                .orElse(List.of());
        List<ContainerStatus> targets = new ArrayList<>(select(project, service));
        targets.sort(Comparator.comparingInt((ContainerStatus c) -> startOrder.indexOf(c.labels().get(StackLabels.SERVICE)))
                .reversed());
        targets.forEach(c -> engine.stop(c.id(), Duration.ofSeconds(30)));
    }

    /** Each running service's CPU and memory, sampled in parallel (about a second in all). */
    public java.util.Map<String, DockerEngine.Usage> usage(String project) {
        List<ContainerStatus> running = select(project, null).stream().filter(c -> c.state().equals("running")).toList();
        java.util.Map<String, DockerEngine.Usage> out = new java.util.concurrent.ConcurrentHashMap<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (ContainerStatus c : running) {
                threads.submit(() -> {
                    try {
                        out.put(nameOf(c, running), engine.usage(c.id()));
                    } catch (RuntimeException e) {
                        // a container that stopped meanwhile has no use to show
                    }
                });
            }
        }
        return new java.util.TreeMap<>(out);
    }

    /** A service's last {@code tail} lines; {@code timestamps}: each begins with its time (RFC 3339, UTC) and a space. */
    public List<String> logs(String project, String service, int tail, boolean timestamps) {
        return engine.logs(containerOf(project, service), tail, timestamps);
    }

    /** Streams a service's log until it stops or {@code stop} is closed. */
    public void followLogs(String project, String service, int tail, boolean timestamps,
                           java.util.function.Consumer<String> line, DockerEngine.AutoCloseableHolder stop) {
        engine.followLogs(containerOf(project, service), tail, timestamps, line, stop);
    }

    private String containerOf(String project, String service) {
        List<ContainerStatus> targets = select(project, service);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the stack " + project + " has no service " + service);
        }
        return targets.get(0).id();
    }

    /** Removes the containers and networks; the data volumes too unless {@code keepData}. One journaled operation. */
    public List<String> uninstall(String project, boolean keepData) {
        List<String> volumes = new ArrayList<>();
        operate(project, "uninstall", keepData ? "containers and networks (data kept)" : null, () -> {
            // Every container of the project, one-offs included (one left behind by a console that was killed).
            for (ContainerStatus c : engine.containers(Map.of(StackLabels.PROJECT, project))) {
                engine.stop(c.id(), Duration.ofSeconds(30));
                engine.remove(c.id());
            }
            engine.networks(Map.of(StackLabels.PROJECT, project)).forEach(engine::removeNetwork);
            volumes.addAll(engine.volumes(Map.of(StackLabels.PROJECT, project)));
            if (!keepData) {
                volumes.forEach(engine::removeVolume);
            }
            removeEngineFolder(project);
            installations.forget(project);
        });
        return volumes;
    }

    /**
     * On an engine on another machine, the copy of the install folder's secrets there goes too (the install folder
     * here stays, as on a local engine); a reinstall copies them again.
     */
    private void removeEngineFolder(String project) {
        installations.find(project).ifPresent(inst -> {
            InstallDirectory dir = new InstallDirectory(inst.directory());
            StackDeployer d = new StackDeployer(engine, project, dir.path(), inst.version());
            if (!d.sharesDisk()) {
                d.removeEngineFolder(dir.readPlan().services().getFirst().image());   // any of the stack's images
            }
        });
    }

    private List<ContainerStatus> containers(String project) {
        return engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.ONEOFF, "False"));
    }

    /**
     * A container as people name it: its service ({@code backend}), or with several containers of that service, the
     * service and its number ({@code backend-2}).
     */
    private static String nameOf(ContainerStatus c, List<ContainerStatus> all) {
        String service = c.labels().getOrDefault(StackLabels.SERVICE, c.name());
        long several = all.stream().filter(o -> service.equals(o.labels().get(StackLabels.SERVICE))).count();
        return several > 1 ? service + "-" + c.labels().getOrDefault(StackLabels.NUMBER, "1") : service;
    }

    /** The containers {@code service} names: every one of a service ({@code backend}), or one ({@code backend-2}). */
    private List<ContainerStatus> select(String project, String service) {
        List<ContainerStatus> all = containers(project);
        return all.stream().filter(c -> service == null || service.equals(c.labels().get(StackLabels.SERVICE))
                || service.equals(nameOf(c, all)))
                .sorted(Comparator.comparing((ContainerStatus c) -> c.labels().getOrDefault(StackLabels.NUMBER, "1"))).toList();
    }

}
