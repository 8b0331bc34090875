package com.adaptivestartup.console.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive gathered as a helper packs: a part is taken only once its SHA-256 file is in place, and then at once
 * (its staging copy gone while the helper still packs the others); the archive reads back whole with the manifest
 * first (padded into the room kept for it); a helper that ends without a part, or a run cut short, leaves no archive.
 */
class PartCollectorTest {
    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
    @TempDir
    Path dir;

    private Path staging() throws Exception {
        return Files.createDirectories(dir.resolve("staging"));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A volume's part: a zstd-compressed tar holding one file of {@code n} random bytes. */
    private static byte[] volume(int n, long seed) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new com.github.luben.zstd.ZstdOutputStream(out))) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("objects/a.bin");
            e.setSize(n);
            tar.putArchiveEntry(e);
            tar.write(random(n, seed));
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    /** What the helper does for one part: the part, then its SHA-256 renamed into place. */
    private static void pack(Path staging, String file, byte[] content) throws Exception {
        Files.write(staging.resolve(file), content);
        Path hash = staging.resolve(file + PartCollector.HASH_SUFFIX);
        Path tmp = staging.resolve(file + PartCollector.HASH_SUFFIX + ".tmp");
        Files.writeString(tmp, BackupArchive.sha256(staging.resolve(file)) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, hash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private PartCollector collector(Path staging, Path target, AtomicInteger headerAsked) throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("database.dump", BackupLayout.DATABASE);
        parts.put("storage-data.tar.zst", "volumes/storage-data.tar.zst");
        Path env = Files.writeString(dir.resolve("env"), "HTTP_PORT=8080\n");
        return new PartCollector(staging, target, parts, List.of(new BackupArchive.Part("config/.env", env)), () -> {
            headerAsked.incrementAndGet();
            return new BackupManifest(1, "acme", "1.2.0", "9", NOW, "manual", null, List.of());
        }, BackupArchive.wholeSeconds(NOW));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void eachPartIsTakenAsSoonAsItIsPackedAndTheArchiveReadsBackWhole() throws Exception {
        Path staging = staging();
        Path target = dir.resolve("backup.tar");
        AtomicInteger asked = new AtomicInteger();
        byte[] volume = volume(700_001, 1);
        byte[] dump = random(300_000, 2);
        BackupArchive.Written written;
        try (PartCollector collector = collector(staging, target, asked)) {
            collector.follow();
            // half-written: the part without its SHA-256 file is not taken
            Files.write(staging.resolve("storage-data.tar.zst"), volume);
            Files.writeString(staging.resolve("storage-data.tar.zst.sha256.tmp"), "not yet");
            Thread.sleep(300);
            assertThat(staging.resolve("storage-data.tar.zst")).exists();
            assertThat(BackupArchive.partial(target)).doesNotExist();
            // the volume finishes first: taken while the dump is still being made, its staging copy deleted
            Files.delete(staging.resolve("storage-data.tar.zst.sha256.tmp"));
            pack(staging, "storage-data.tar.zst", volume);
            await(() -> !Files.exists(staging.resolve("storage-data.tar.zst")));
            assertThat(BackupArchive.partial(target)).exists();
            assertThat(Files.size(BackupArchive.partial(target))).isGreaterThan(volume.length);
            pack(staging, "database.dump", dump);
            written = collector.finish();
        }
        assertThat(written.file()).isEqualTo(target);
        assertThat(BackupArchive.partial(target)).doesNotExist();
        assertThat(staging).isEmptyDirectory();
        assertThat(asked.get()).isEqualTo(2); // for the room it keeps, then for the manifest itself

        Map<String, byte[]> extracted = new HashMap<>();
        BackupArchive.Checked checked = BackupArchive.read(target, null, name -> new ByteArrayOutputStream() {
            @Override
            public void close() {
                extracted.put(name, toByteArray());
            }
        });
        assertThat(checked.manifest().entries()).extracting(BackupManifest.Entry::name)
                .containsExactly("volumes/storage-data.tar.zst", "database.dump", "config/.env");
        assertThat(checked.manifest()).isEqualTo(written.manifest());
        assertThat(checked.sha256()).isEqualTo(written.sha256()).isEqualTo(BackupArchive.sha256(target));
        assertThat(written.size()).isEqualTo(Files.size(target));
        assertThat(extracted.get("volumes/storage-data.tar.zst")).isEqualTo(volume);
        assertThat(extracted.get("database.dump")).isEqualTo(dump);

        Process tar = new ProcessBuilder("tar", "-xOf", target.toString(), "manifest.json").redirectErrorStream(true).start();
        String manifest = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as(manifest).isZero();
        assertThat(manifest.strip()).startsWith("{").endsWith("}").contains("\"schemaVersion\" : \"9\"");
    }

    @Test
    void withoutFollowingEveryPartIsTakenAtTheEndInTheGivenOrder() throws Exception {
        Path staging = staging();
        Path target = dir.resolve("backup.tar");
        pack(staging, "storage-data.tar.zst", volume(5_000, 3));
        pack(staging, "database.dump", random(6_000, 4));
        try (PartCollector collector = collector(staging, target, new AtomicInteger())) {
            collector.finish();
        }
        assertThat(BackupArchive.read(target, null, name -> null).manifest().entries()).extracting(BackupManifest.Entry::name)
                .containsExactly("database.dump", "volumes/storage-data.tar.zst", "config/.env");
    }

    @Test
    void aHelperThatEndsWithoutAPartLeavesNoArchive() throws Exception {
        Path staging = staging();
        Path target = dir.resolve("backup.tar");
        try (PartCollector collector = collector(staging, target, new AtomicInteger())) {
            collector.follow();
            pack(staging, "storage-data.tar.zst", volume(5_000, 5));
            await(() -> !Files.exists(staging.resolve("storage-data.tar.zst")));
            assertThatThrownBy(collector::finish).isInstanceOf(BackupProblem.class)
                    .hasMessageContaining("without packing database.dump");
        }
        assertThat(target).doesNotExist();
        assertThat(BackupArchive.partial(target)).doesNotExist();
    }

    @Test
    void aRunCutShortLeavesNoArchive() throws Exception {
        Path staging = staging();
        Path target = dir.resolve("backup.tar");
        try (PartCollector collector = collector(staging, target, new AtomicInteger())) {
            collector.follow();
            pack(staging, "database.dump", random(5_000, 6));
            await(() -> Files.exists(BackupArchive.partial(target)) && !Files.exists(staging.resolve("database.dump")));
            // the helper failed here: the caller closes without finishing
        }
        assertThat(target).doesNotExist();
        assertThat(BackupArchive.partial(target)).doesNotExist();
    }

    @Test
    void aHelperThatFailsAfterPackingEverythingLeavesNoArchive() throws Exception {
        Path staging = staging();
        Path target = dir.resolve("backup.tar");
        AtomicInteger asked = new AtomicInteger();
        try (PartCollector collector = collector(staging, target, asked)) {
            collector.follow();
            pack(staging, "database.dump", random(5_000, 9));
            pack(staging, "storage-data.tar.zst", volume(5_000, 10));
            await(() -> asked.get() == 2); // the file completed while the helper "ends"
            // ...and the helper's exit code says it failed: the caller closes without finishing
        }
        assertThat(target).doesNotExist();
        assertThat(BackupArchive.partial(target)).doesNotExist();
    }

    @Test
    void aWrongHashFileIsSaid() throws Exception {
        Path staging = staging();
        Files.write(staging.resolve("database.dump"), random(100, 7));
        Files.writeString(staging.resolve("database.dump.sha256"), "garbage\n");
        pack(staging, "storage-data.tar.zst", volume(100, 8));
        try (PartCollector collector = collector(staging, dir.resolve("backup.tar"), new AtomicInteger())) {
            assertThatThrownBy(collector::finish).isInstanceOf(BackupProblem.class)
                    .hasMessageContaining("no valid SHA-256 for database.dump");
        }
        assertThat(dir.resolve("backup.tar.partial")).doesNotExist();
    }
}
