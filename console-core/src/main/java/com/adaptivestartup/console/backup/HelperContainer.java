package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.docker.ContainerSpec;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.stack.StackPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-off containers of the stack's own database image (the single container's own image, which holds its
 * database) that do the heavy work next to the data: its pg_dump and pg_restore match the server (as the server's
 * own SQLite commands do), and compressing there keeps the engine's stream narrow. The
 * scripts they run are resources beside this class. Their files are at /backup: a console folder bound in when the
 * engine shares this computer's disk; else the helper's own folder, filled before it starts and emptied into the
 * console's folder after it ends, through the engine's archive endpoints (a backup streams home, a restore out).
 */
final class HelperContainer {
    private static final Duration LONGEST = Duration.ofHours(6);
    private final DockerEngine engine;

    HelperContainer(DockerEngine engine) {
        this.engine = engine;
    }

    DockerEngine.OneOffResult inStack(StackDeployer d, StackPlan plan, Path staging, String script, List<String> volumes,
                                      boolean readOnly) {
        return inStack(d, plan, staging, script, volumes, readOnly, null, Map.of());
    }

    /**
     * On the networks of the service holding the database ({@link BackupRecipe}), as root (to read and write every
     * data volume), with that service's own settings and secrets; each of {@code volumes} mounted at /volumes/&lt;name&gt;, {@code staging} at /backup (null:
     * none), {@code archive} (when given) read-only at /archive.tar, and {@code extraEnv} added.
     */
    DockerEngine.OneOffResult inStack(StackDeployer d, StackPlan plan, Path staging, String script, List<String> volumes,
                                      boolean readOnly, Path archive, Map<String, String> extraEnv) {
        StackPlan.Service db = plan.service(BackupRecipe.of(plan).helperService());
        d.publishFiles(db.image());
        List<ContainerSpec.MountSpec> mounts = new ArrayList<>();
        for (StackPlan.VolumeMount m : db.mounts()) {
            if (m.bind()) {
                mounts.add(new ContainerSpec.MountSpec(true, d.bindSource(m.source()), m.target(), true));
            }
        }
        // readOnly: the script reads the data volumes and writes /backup (a backup); else it reads /backup (a restore)
        DockerEngine.Transfer transfer = DockerEngine.Transfer.NONE;   // also when no staging: a swap needs no files
        if (staging != null && d.sharesDisk()) {
            mounts.add(new ContainerSpec.MountSpec(true, staging.toAbsolutePath().toString(), "/backup", !readOnly));
            if (archive != null) {
                mounts.add(new ContainerSpec.MountSpec(true, archive.toAbsolutePath().toString(), "/archive.tar", true));
            }
        } else if (staging != null) {
            transfer = readOnly
                    ? new DockerEngine.Transfer(List.of(new DockerEngine.Put("/", () -> TarStreams.emptyFolder("backup"))),
                            List.of(new DockerEngine.Take("/backup", tar -> TarStreams.extractFiles(tar, "backup", staging))))
                    : new DockerEngine.Transfer(archive == null
                            ? List.of(new DockerEngine.Put("/", () -> TarStreams.folder(staging, "backup")))
                            : List.of(new DockerEngine.Put("/", () -> TarStreams.folder(staging, "backup")),
                                    new DockerEngine.Put("/", () -> TarStreams.file(archive, "archive.tar"))), List.of());
        }
        for (String v : volumes) {
            mounts.add(new ContainerSpec.MountSpec(false, d.volume(v), "/volumes/" + v, readOnly));
        }
        Map<String, String> env = new LinkedHashMap<>(db.environment());
        env.put("DB_HOST", StackPlan.DATABASE);
        env.put("VOLUMES", String.join(" ", volumes));
        env.put("OWNER", d.sharesDisk() && staging != null ? owner(staging) : "");
        env.putAll(extraEnv);
        String role = script.replace(".sh", "");
        ContainerSpec spec = new ContainerSpec(d.project() + "-" + role + "-" + Long.toHexString(System.nanoTime()), db.image(),
                env, StackLabels.container(d.project(), role, "", true, d.directory(), d.release()), mounts,
                d.networksOf(db), List.of(), List.of(), List.of("bash", "-c", resource(script)), false, "0:0",
                ContainerSpec.Limits.NONE);
        return engine.run(spec, LONGEST, transfer);
    }

    /**
     * With no network and no volume of the stack's: only {@code staging}, read-only, as the image's own
     * (unprivileged) user. Nothing it does can touch the running install.
     */
    DockerEngine.OneOffResult isolated(StackDeployer d, String image, Path staging, String script) {
        String role = script.replace(".sh", "");
        List<ContainerSpec.MountSpec> mounts = d.sharesDisk()
                ? List.of(new ContainerSpec.MountSpec(true, staging.toAbsolutePath().toString(), "/backup", true)) : List.of();
        ContainerSpec spec = new ContainerSpec(d.project() + "-" + role + "-" + Long.toHexString(System.nanoTime()), image,
                Map.of(), StackLabels.container(d.project(), role, "", true, d.directory(), d.release()), mounts,
                "none", List.of(), List.of(), List.of("bash", "-c", resource(script)), false, null);
        return engine.run(spec, LONGEST, d.sharesDisk() ? DockerEngine.Transfer.NONE
                : new DockerEngine.Transfer(List.of(new DockerEngine.Put("/", () -> TarStreams.folder(staging, "backup"))),
                        List.of()));
    }

    /** The last lines of a helper's output, indented for a message. */
    static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    private static String owner(Path dir) {
        try {
            return Files.getAttribute(dir, "unix:uid") + ":" + Files.getAttribute(dir, "unix:gid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "";
        }
    }

    private static String resource(String name) {
        try (InputStream in = HelperContainer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the console is missing its " + name, e);
        }
    }
}
