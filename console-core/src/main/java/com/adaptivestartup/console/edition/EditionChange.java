package com.adaptivestartup.console.edition;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.install.DataMove;
import com.adaptivestartup.console.install.InstallFailed;
import com.adaptivestartup.console.install.InstallListener;
import com.adaptivestartup.console.install.InstallRequest;
import com.adaptivestartup.console.install.InstallResult;
import com.adaptivestartup.console.install.InstallService;
import com.adaptivestartup.console.stack.Edition;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.ServerCommand;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.state.InstallationLock;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.OperationLock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code adaptivectl migrate-edition --to full}: a single-container installation outgrows its one container and moves,
 * with everything in it, onto the full stack of the same release. A backup first; the container stopped (nothing
 * writes from here); the full stack installed in the same project, folder and port, its data services started and its
 * schema made, then the single container's data moved in by the server's own {@code database copy-to-full} (run in a
 * one-off of the single image on the stack's data network: every row in one transaction and every file, each read back
 * and compared before the commit), and only then its server started on them. Any failure takes the full stack down
 * again (its new volumes with it) and starts the single container on its volume, which nothing changed. On success the
 * single container is removed and its volume kept, untouched, as the way back, until the installation is uninstalled.
 */
public final class EditionChange {
    private static final Duration MOVE_WITHIN = Duration.ofHours(2);
    private final DockerEngine engine;
    private final InstallService installer;
    private final BackupService backups;
    private final Installations installations;
    private final Journal journal;

    public EditionChange(DockerEngine engine, InstallService installer, BackupService backups, Installations installations,
                         Journal journal) {
        this.engine = engine;
        this.installer = installer;
        this.backups = backups;
        this.installations = installations;
        this.journal = journal;
    }

    /** Why the installation stays as it was; the message says what to do. */
    public static final class EditionProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EditionProblem(String message) {
            super(message);
        }
    }

    /**
     * The move's outcome: the installation now, the backup taken first, what was moved (the server's report: rows per
     * table, files, bytes, what only the single container kept) and the volume kept as the way back.
     */
    public record Moved(InstallResult install, BackupCatalogue.Backup backup, JsonNode report, String keptVolume) {
    }

    public Moved toFull(String project, InstallListener listener) {
        try (InstallationLock lock = journal.lock(project, "edition change")) {
            return toFullLocked(project, listener);
        } catch (OperationLock.Busy e) {
            throw new EditionProblem(e.getMessage());
        }
    }

    private Moved toFullLocked(String project, InstallListener listener) {
        Installations.Installation inst = installations.find(project).orElseThrow(() -> new EditionProblem(
                "there is no installation '" + project + "' on this machine (see `adaptivectl status`)"));
        StackSettings settings = StackSettings.fromJson(inst.settingsJson());
        if (settings.edition() != Edition.SINGLE) {
            throw new EditionProblem("the installation '" + project + "' is the full stack already");
        }
        if (inst.licenseText() == null) {
            throw new EditionProblem("this installation was made by a console that did not keep its license; run"
                    + " `adaptivectl install` once more with --license, then move it");
        }
        InstallDirectory dir = new InstallDirectory(inst.directory());
        StackPlan single = dir.readPlan();
        StackPlan.Service container = single.server();
        String dataVolume = container.mounts().stream().filter(m -> !m.bind() && m.target().equals("/data"))
                .map(StackPlan.VolumeMount::source).findFirst()
                .orElseThrow(() -> new EditionProblem("the single container's install folder names no data volume at /data"));
        Journal.Operation op = journal.begin("edition change", project);
        BackupCatalogue.Backup backup = op.step("backup", listener::step, () -> backups.create(project, "pre-edition",
                "taken automatically before moving to the full stack", null, BackupService.Listener.SILENT));
        StackDeployer d = new StackDeployer(engine, project, dir.path(), inst.version());
        op.step("stop single container", listener::step, () -> {
            d.stopAppServices(single);
            return null;
        });
        JsonNode[] report = new JsonNode[1];
        DataMove move = (deployer, plan, folder, l) -> report[0] = copy(deployer, plan, container, dataVolume, l);
        InstallRequest request = new InstallRequest(inst.licenseText(), dir.path(), project, inst.httpPort(),
                inst.adminEmail(), inst.registry(), dir.releaseFile(inst.version()).toString())
                .withSettings(settings.withEdition(Edition.FULL)).withMove(move);
        try {
            InstallResult installed = op.step("install full stack", listener::step, () -> installer.install(request, listener));
            op.step("remove single container", listener::step, () -> {
                engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.SERVICE, container.name()))
                        .forEach(c -> engine.remove(c.id()));
                return null;
            });
            op.record("operation", "done", "moved to the full stack; " + d.volume(dataVolume) + " kept");
            return new Moved(installed, backup, report[0], d.volume(dataVolume));
        } catch (RuntimeException e) {
            String why = e instanceof InstallFailed f ? "at step '" + f.step() + "': " + f.getMessage() : e.getMessage();
            op.record("operation", "failed", why);
            listener.step("way back", "the full stack goes, the single container starts again on its data");
            try {
                wayBack(inst, dataVolume, listener);
            } catch (RuntimeException back) {
                op.record("way back", "failed", back.getMessage());
                throw new EditionProblem("moving to the full stack failed " + why + "; starting the single container again"
                        + " failed too: " + back.getMessage() + ". Its data is untouched in the volume "
                        + d.volume(dataVolume) + " (and in the backup " + backup.id() + "): run `adaptivectl install` with"
                        + " this installation's license, folder and `--edition single` to start it");
            }
            throw new EditionProblem("moving to the full stack failed " + why + "; the single container runs again with its"
                    + " data as it was (nothing was lost; the backup " + backup.id() + " was taken first)");
        }
    }

    /**
     * The server's {@code database copy-to-full} in a one-off of the single image: the single container's volume at
     * /single, on the full stack's data network, with its migration tool's database settings and the server's object
     * store settings (the secrets they name mounted as the services have them). Its progress is told as it comes.
     */
    private JsonNode copy(StackDeployer d, StackPlan full, StackPlan.Service single, String dataVolume,
                          InstallListener listener) {
        StackPlan.Service tool = full.migrator();
        StackPlan.Service server = full.server();
        Map<String, String> env = new LinkedHashMap<>();
        tool.environment().forEach((k, v) -> {
            if (k.startsWith("POSTGRES_") && !k.startsWith("POSTGRES_APP_")) {
                env.put(k, v);
            }
        });
        server.environment().forEach((k, v) -> {
            if (k.startsWith("S3_")) {
                env.put(k, v);
            }
        });
        List<StackPlan.VolumeMount> mounts = new ArrayList<>();
        Set<String> files = Set.copyOf(env.values());
        for (StackPlan.Service s : List.of(tool, server)) {
            s.mounts().stream().filter(m -> m.bind() && files.contains(m.target()) && !mounts.contains(m)).forEach(mounts::add);
        }
        mounts.add(new StackPlan.VolumeMount(false, dataVolume, "/single", false));
        StackPlan.Service mover = new StackPlan.Service("move", single.image(), env, mounts, List.of(), List.of(),
                List.of(), tool.networks(), StackPlan.Security.NONE, tool.definition());
        DockerEngine.OneOffResult r = d.runOnce(mover, List.of("database", "copy-to-full", "--from", "/single/adaptive.db",
                "--files", "/single/files"), List.of(), MOVE_WITHIN, line -> {
                    JsonNode p = ServerCommand.lastJsonLine(line, "progress");
                    if (p != null) {
                        listener.step("move data", p.get("progress").asText());
                    }
                });
        JsonNode report = ServerCommand.lastJsonLine(r.output(), "ok");
        if (r.exitCode() != 0 || report == null || !report.path("ok").asBoolean()) {
            throw new InstallFailed("move data", report != null && report.hasNonNull("error") ? report.get("error").asText()
                    : "the move ended with exit code " + r.exitCode() + ": " + r.output().lines().filter(l -> !l.isBlank())
                    .reduce((x, y) -> y).orElse("no output"), tail(r.output()));
        }
        return report;
    }

    /**
     * Back to the single container: every container of the project and the volumes the full stack made go (the single
     * container's volume is not one of them), and the single container's release is installed again in place, which
     * writes its install folder back and starts it on its volume.
     */
    private void wayBack(Installations.Installation inst, String dataVolume, InstallListener listener) {
        String project = inst.project();
        StackDeployer d = new StackDeployer(engine, project, inst.directory(), inst.version());
        String kept = d.volume(dataVolume);
        for (var c : engine.containers(Map.of(StackLabels.PROJECT, project))) {
            engine.stop(c.id(), Duration.ofSeconds(20));   // the single container too: made again on its own network
            engine.remove(c.id());
        }
        engine.volumes(Map.of(StackLabels.PROJECT, project)).stream().filter(v -> !v.equals(kept)).forEach(engine::removeVolume);
        installations.save(inst);
        InstallDirectory dir = new InstallDirectory(inst.directory());
        installer.install(new InstallRequest(inst.licenseText(), dir.path(), project, inst.httpPort(), inst.adminEmail(),
                inst.registry(), dir.releaseFile(inst.version()).toString()), listener);
    }

    private static List<String> tail(String output) {
        List<String> lines = output.lines().toList();
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }
}
