package com.adaptivestartup.console.bundle;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.RegistryAuth;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The vendor's side: writes one offline bundle for a signed release. Every image is taken from the engine
 * (pulled by digest first when missing, and checked to have the content id the release names), tagged
 * {@code adaptive-startup/<service>:<version>}, and all are saved at once through the API (shared layers
 * once) and zstd-compressed into a staging folder; then one POSIX tar is written: the signed index first,
 * the release manifest, the images. Written as {@code .partial}, synced, renamed.
 */
public final class BundleWriter {
    private final DockerEngine engine;
    private final DocumentSigner signer;
    private final Clock clock;

    public BundleWriter(DockerEngine engine, DocumentSigner signer, Clock clock) {
        this.engine = engine;
        this.signer = signer;
        this.clock = clock;
    }

    /** What was written. */
    public record Built(Path file, long size, BundleIndex index) {
    }

    public Built build(ReleaseManifest release, String signedRelease, String registry, RegistryAuth auth, String customerId,
                       Path out, Consumer<String> progress) {
        Path folder = out.toAbsolutePath().getParent();
        Path staging;
        try {
            Files.createDirectories(folder);
            staging = Files.createTempDirectory(folder, ".bundle-staging-");
        } catch (IOException e) {
            throw new BundleProblem("cannot write into " + folder + ": " + e.getMessage(), e);
        }
        try {
            byte[] releaseBytes = signedRelease.strip().getBytes(StandardCharsets.US_ASCII);
            Map<String, String> ids = new LinkedHashMap<>();
            for (Map.Entry<String, ReleaseManifest.ImageRef> e : release.images().entrySet()) {
                String service = e.getKey();
                ReleaseManifest.ImageRef image = e.getValue();
                if (image.id() == null) {
                    throw new BundleProblem("release " + release.version() + " was made before offline bundles (its images"
                            + " have no content ids); publish it again with images/build.sh");
                }
                if (engine.imageId(image.id()).isEmpty()) {
                    progress.accept("pull " + service);
                    engine.pull(registry + "/" + image.repository(), image.digest(), auth, (l, st, c, t) -> { });
                }
                String id = engine.imageId(image.reference(registry)).or(() -> engine.imageId(image.id())).orElse("");
                if (!id.equals(image.id())) {
                    throw new BundleProblem("the image of " + service + " is " + id + ", not " + image.id()
                            + " as the signed release names; nothing was written");
                }
                ids.put(service, image.id());
            }
            BundleIndex names = new BundleIndex(release.version(), customerId, clock.instant(), ids, List.of());
            List<String> tags = new ArrayList<>();
            ids.forEach((service, id) -> {
                String tag = names.tagOf(service);
                engine.tagImage(id, tag.substring(0, tag.lastIndexOf(':')), release.version());
                tags.add(tag);
            });
            progress.accept("save " + String.join(", ", ids.keySet()));
            Path images = staging.resolve(BundleIndex.IMAGES);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = engine.saveImages(tags);
                 OutputStream zst = new ZstdOutputStream(new DigestOutputStream(new BufferedOutputStream(
                         Files.newOutputStream(images), 1 << 20), sha), 3).setWorkers(2)) {
                in.transferTo(zst);
            }
            List<BundleIndex.Entry> entries = List.of(
                    new BundleIndex.Entry(BundleIndex.RELEASE, releaseBytes.length, sha256(releaseBytes)),
                    new BundleIndex.Entry(BundleIndex.IMAGES, Files.size(images), HexFormat.of().formatHex(sha.digest())));
            BundleIndex index = new BundleIndex(release.version(), customerId, names.createdAt(), ids, entries);
            byte[] signedIndex = signer.sign(DocumentKind.BUNDLE_INDEX, index.toJson()).compact()
                    .getBytes(StandardCharsets.US_ASCII);
            progress.accept("write " + out.getFileName());
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                put(tar, BundleIndex.NAME, signedIndex);
                put(tar, BundleIndex.RELEASE, releaseBytes);
                TarArchiveEntry t = new TarArchiveEntry(BundleIndex.IMAGES);
                t.setSize(Files.size(images));
                t.setModTime(clock.millis());
                tar.putArchiveEntry(t);
                Files.copy(images, tar);
                tar.closeArchiveEntry();
                tar.finish();
            }
            try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Built(out, Files.size(out), index);
        } catch (IOException e) {
            throw new BundleProblem("writing the bundle failed: " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry t = new TarArchiveEntry(name);
        t.setSize(content.length);
        t.setModTime(clock.millis());
        tar.putArchiveEntry(t);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a staging folder left behind is removed with the next build's
        }
    }
}
