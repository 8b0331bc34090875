package com.adaptivestartup.console.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gathers the parts a backup helper packs in its staging folder into one unencrypted archive, each as soon as it is
 * finished while the others are still being packed. The helper writes a part, then its SHA-256 beside it
 * ({@code <part>.sha256}, renamed into place once complete, so its presence means the part is done). A part taken
 * while the helper runs has its staging copy deleted at once, before the kernel writes it to the disk: the archive is
 * the only copy the disk writes, and the kernel writes it back while the processors pack the rest. (Forcing each part
 * to the disk as it was taken stalled the packing: 16.6 to 17.6 s instead of 15.1 to 15.6 s for a 1.5 GB backup.)
 *
 * <p>{@link #follow} takes parts while the helper runs (only where the helper writes into this computer's folder),
 * and completes the file as soon as the last one is in: the checksum of the whole file and its sync then overlap the
 * end of the helper's container (whose unmount waits for the disk too). {@link #finish}, once the helper has ended
 * well, takes whatever is left, completes the file if that is not done, and names it.
 */
final class PartCollector implements AutoCloseable {
    static final String HASH_SUFFIX = ".sha256";
    private static final long POLL_NANOS = 100_000_000L;
    private final Path staging;
    private final Path target;
    private final Map<String, String> pending;
    private final List<BackupArchive.Part> configuration;
    private final Supplier<BackupManifest> header;
    private final long modTime;
    private PlainArchiveWriter writer;
    private Thread follower;
    private volatile boolean helperEnded;
    private volatile Exception failure;
    private BackupArchive.Written completed;
    private boolean published;

    /**
     * @param parts         each part's file name in {@code staging} and its entry in the archive, in the order the archive
     *                      lists them when they are ready together
     * @param configuration the install's own files, added last
     * @param header        the manifest without its entries; asked once the first part is done (the helper has then
     *                      written what it says, such as the schema version)
     */
    PartCollector(Path staging, Path target, Map<String, String> parts, List<BackupArchive.Part> configuration,
                  Supplier<BackupManifest> header, long modTime) {
        this.staging = staging;
        this.target = target;
        this.pending = new LinkedHashMap<>(parts);
        this.configuration = List.copyOf(configuration);
        this.header = header;
        this.modTime = modTime;
    }

    /**
     * Starts taking each part as the helper finishes it; once the last one is in, completes the file (configuration,
     * manifest, checksum, sync) while the helper's container is still ending. It is named only by {@link #finish}.
     */
    void follow() {
        follower = Thread.ofVirtual().name("backup-parts").start(() -> {
            try {
                while (!helperEnded && !pending.isEmpty()) {
                    if (takeReady() == 0) {
                        LockSupport.parkNanos(POLL_NANOS);
                    }
                }
                if (pending.isEmpty()) {
                    completed = complete();
                }
            } catch (Exception e) {
                failure = e;
            }
        });
    }

    /**
     * Once the helper has ended well: takes every part not taken yet (each must be there), then the configuration,
     * writes the manifest, and names the archive.
     */
    BackupArchive.Written finish() throws IOException {
        stopFollowing();
        BackupArchive.Written written = completed != null ? completed : complete();
        BackupArchive.Written named = BackupArchive.published(written, target);
        published = true;
        return named;
    }

    /**
     * For an archive written whole once the helper has ended (an encrypted one): every packed part with the SHA-256 its
     * helper wrote, then the configuration.
     */
    List<BackupArchive.Part> parts() throws IOException {
        List<BackupArchive.Part> parts = new ArrayList<>();
        for (var part : pending.entrySet()) {
            parts.add(new BackupArchive.Part(part.getValue(), staging.resolve(part.getKey()), helperSha256(part)));
        }
        parts.addAll(configuration);
        return parts;
    }

    /** Stops following; the archive, unless named, is deleted. */
    @Override
    public void close() throws IOException {
        stopFollowing();
        if (writer != null) {
            writer.close();
        }
        if (!published) {
            Files.deleteIfExists(BackupArchive.partial(target));
        }
    }

    /** The file complete and synced, not named yet: every part (each must be there), the configuration, the manifest. */
    private BackupArchive.Written complete() throws IOException {
        takeReady();
        if (!pending.isEmpty()) {
            throw new BackupProblem("the backup helper ended without packing " + String.join(", ", pending.values())
                    + "; nothing was kept");
        }
        for (BackupArchive.Part p : configuration) {
            writer().append(p.name(), p.file(), BackupArchive.sha256(p.file()));
        }
        return writer().finish(header());
    }

    private void stopFollowing() throws IOException {
        helperEnded = true;
        if (follower != null) {
            try {
                follower.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the backup's parts were being archived", e);
            }
            follower = null;
        }
        Exception failed = failure;
        failure = null; // said once
        if (failed instanceof IOException io) {
            throw io;
        } else if (failed instanceof RuntimeException r) {
            throw r;
        }
    }

    /** Appends each finished part and deletes its staging copy; returns how many. */
    private int takeReady() throws IOException {
        int taken = 0;
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var part = it.next();
            String sha256 = helperSha256(part);
            if (sha256 == null) {
                continue;
            }
            Path file = staging.resolve(part.getKey());
            writer().append(part.getValue(), file, sha256);
            it.remove();
            taken++;
            Files.delete(file);
            Files.delete(file.resolveSibling(part.getKey() + HASH_SUFFIX));
        }
        return taken;
    }

    /** The SHA-256 the helper wrote beside a part once it was complete; null while it has not. */
    private String helperSha256(Map.Entry<String, String> part) throws IOException {
        Path hash = staging.resolve(part.getKey() + HASH_SUFFIX);
        if (!Files.isRegularFile(hash)) {
            return null;
        }
        String sha256 = Files.readString(hash, StandardCharsets.US_ASCII).strip();
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new BackupProblem("the backup helper wrote no valid SHA-256 for " + part.getValue());
        }
        return sha256;
    }

    private PlainArchiveWriter writer() throws IOException {
        if (writer == null) {
            List<String> names = Stream.concat(pending.values().stream(), configuration.stream().map(BackupArchive.Part::name))
                    .toList();
            writer = PlainArchiveWriter.create(BackupArchive.partial(target), header().longestJson(names), modTime);
        }
        return writer;
    }

    private BackupManifest header() throws IOException {
        try {
            return header.get();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
