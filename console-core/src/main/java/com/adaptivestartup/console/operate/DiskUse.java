package com.adaptivestartup.console.operate;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.stack.StackLabels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where an installation's bytes are: its volumes on the engine's disk (the database, the files, the cache, as the
 * engine counts them), and its backups folder on this computer (-1: it cannot be read) with what is still free there. Walks every volume
 * and every backup: asked at the console's start and now and then, never on a timer of seconds.
 */
public final class DiskUse {
    private final DockerEngine engine;

    /** What one installation takes. {@code backupsFree}: bytes free on the backups folder's disk, -1 if unknown. */
    public record Report(Map<String, Long> volumes, long backupsBytes, Path backupsFolder, long backupsFree) {
        public long dataBytes() {
            return volumes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public DiskUse(DockerEngine engine) {
        this.engine = engine;
    }

    public Report of(String project, Path backupsFolder) {
        var mine = engine.volumes(Map.of(StackLabels.PROJECT, project));
        Map<String, Long> sizes = engine.volumeSizes();
        Map<String, Long> volumes = new TreeMap<>();
        for (String v : mine) {
            volumes.put(v.startsWith(project + "_") ? v.substring(project.length() + 1) : v, sizes.getOrDefault(v, 0L));
        }
        return new Report(volumes, bytesIn(backupsFolder), backupsFolder, free(backupsFolder));
    }

    static long bytesIn(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;   // gone meanwhile (a backup pruned while counting)
                }
            }).sum();
        } catch (NoSuchFileException e) {
            return 0;   // no backup yet
        } catch (IOException | UncheckedIOException e) {
            return -1;   // cannot be read (a share gone): unknown, not nothing
        }
    }

    private static long free(Path folder) {
        for (Path p = folder.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    return Files.getFileStore(p).getUsableSpace();
                } catch (IOException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
