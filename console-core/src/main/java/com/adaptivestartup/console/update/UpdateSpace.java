package com.adaptivestartup.console.update;

import com.adaptivestartup.console.docker.ContainerSpec;
import com.adaptivestartup.console.docker.ContainerStatus;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.stack.StackPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Before an update changes anything: room on the Docker engine's disk for the images it still has to
 * download, and in the backups folder for the backup it takes. Checked first, so a full disk stops an
 * update with a sentence instead of half-way through a pull or a backup.
 */
public final class UpdateSpace {
    /** Kept free on top of what the update needs: the engine and the database need room to work. */
    static final long HEADROOM = 512L << 20;
    private final DockerEngine engine;

    public UpdateSpace(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * The unpacked size of the images of {@code releases} the engine does not have, of those the installation's
     * {@code edition} runs. Layers shared with the installed release are counted again: the estimate errs on the side
     * of asking for too much.
     */
    public long missingImages(List<ReleaseManifest> releases, String edition, String registry) {
        return releases.stream().flatMap(r -> r.template(edition).map(r::imagesOf).orElse(r.images()).values().stream())
                .distinct()
                .filter(image -> engine.repoDigests(image.reference(registry)).isEmpty()
                        && (image.id() == null || engine.imageId(image.id()).isEmpty()))
                .mapToLong(ReleaseManifest.ImageRef::size).sum();
    }

    /**
     * Free bytes on the engine's disk (where images and volumes live: on Docker Desktop, inside its VM), read
     * by {@code df} in a throwaway container of the stack's database image (the single container's own image, in
     * that edition; no network, no volume); empty when it cannot be read.
     */
    public OptionalLong engineFree(String project) {
        // the image the backup helpers use: its entrypoint runs a shell as given
        List<ContainerStatus> stack = engine.containers(Map.of(StackLabels.PROJECT, project, StackLabels.ONEOFF, "False"));
        Optional<String> image = stack.stream().filter(c -> StackPlan.DATABASE.equals(c.labels().get(StackLabels.SERVICE)))
                .findFirst().or(() -> stack.size() == 1 ? Optional.of(stack.getFirst()) : Optional.empty())
                .map(ContainerStatus::imageId);
        if (image.isEmpty()) {
            return OptionalLong.empty();
        }
        ContainerSpec spec = new ContainerSpec(project + "-space-check-" + Long.toHexString(System.nanoTime()), image.get(),
                Map.of(), Map.of(StackLabels.PROJECT, project, StackLabels.ONEOFF, "True"), List.of(), "none", List.of(),
                List.of(), List.of("bash", "-c", "df -P -B1 /"), false, null);
        DockerEngine.OneOffResult result = engine.run(spec, Duration.ofMinutes(1));
        return result.exitCode() == 0 ? parseDf(result.output()) : OptionalLong.empty();
    }

    /** The "Available" column of {@code df -P -B1}'s one filesystem line. */
    static OptionalLong parseDf(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            return OptionalLong.empty();
        }
        String[] columns = lines.get(lines.size() - 1).trim().split("\\s+");
        try {
            return columns.length >= 4 ? OptionalLong.of(Long.parseLong(columns[3])) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Free bytes where the backups are written. */
    public static long folderFree(Path folder) {
        try {
            Path probe = folder;
            while (probe != null && !Files.exists(probe)) {
                probe = probe.getParent();
            }
            return probe == null ? 0 : Files.getFileStore(probe).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * What stops the update to {@code to}, in words, or empty when there is room: {@code images} to download
     * against {@code engineFree} (unknown: not checked), {@code backup} to write against {@code folderFree}.
     */
    public static Optional<String> problem(String to, long images, OptionalLong engineFree, long backup, long folderFree,
                                           Path folder) {
        if (engineFree.isPresent() && images > 0 && engineFree.getAsLong() < images + HEADROOM) {
            return Optional.of("there is not enough disk space for the update to " + to + ": its new images need about "
                    + gb(images + HEADROOM) + " and the Docker engine has " + gb(engineFree.getAsLong()) + " free. Free some"
                    + " space (Docker's \"image prune\" removes images nothing uses) and try again. Nothing was changed.");
        }
        if (backup > 0 && folderFree < backup + HEADROOM) {
            return Optional.of("there is not enough disk space for the backup taken before the update to " + to + ": it"
                    + " needs about " + gb(backup + HEADROOM) + " and " + folder + " has " + gb(folderFree) + " free. Free"
                    + " some space there (or delete old backups) and try again. Nothing was changed.");
        }
        return Optional.empty();
    }

    static String gb(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", Math.max(1, bytes >> 20));
    }
}
