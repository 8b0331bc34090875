package com.adaptivestartup.console.bundle;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.DockerProblem;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentVerifier;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.adaptivestartup.licensing.signing.VerificationResult;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The console's side of an offline bundle. {@link #verify} reads the whole file once, streaming (any size,
 * nothing held in memory): the signed index first, then every entry against it (only listed names, regular
 * files, the sizes and SHA-256 it says, nothing missing), and the release manifest's own signature, version
 * and images. Only a verified bundle's images are loaded ({@link Verified#loadImages}), each checked again as
 * it streams into the engine and by its content id afterwards.
 */
public final class BundleReader {
    private final TrustedKeys keys;
    private final ReleaseSource releases;

    public BundleReader(TrustedKeys keys) {
        this.keys = keys;
        this.releases = new ReleaseSource(keys);
    }

    /** Progress of a pass over the bundle: bytes read so far of {@code total}. */
    @FunctionalInterface
    public interface Progress {
        void read(String what, long bytes, long total);

        Progress SILENT = (what, bytes, total) -> { };
    }

    public Verified verify(Path file, Progress progress) {
        if (!Files.isRegularFile(file)) {
            throw new BundleProblem("there is no bundle file " + file);
        }
        try {
            long size = Files.size(file);
            FileTime modified = Files.getLastModifiedTime(file);
            try (CountingInput counted = new CountingInput(new BufferedInputStream(Files.newInputStream(file), 1 << 20),
                    n -> progress.read("check", n, size));
                 TarArchiveInputStream tar = new TarArchiveInputStream(counted)) {
                TarArchiveEntry first = tar.getNextEntry();
                if (first == null || !first.getName().equals(BundleIndex.NAME) || !first.isFile()
                        || first.getSize() > DocumentKind.BUNDLE_INDEX.maxEncodedChars()) {
                    throw new BundleProblem(file.getFileName() + " is not an Adaptive Startup offline bundle (it does not"
                            + " start with a signed index)");
                }
                BundleIndex index = index(new String(tar.readNBytes((int) first.getSize()), StandardCharsets.US_ASCII));
                long declared = index.entries().stream().mapToLong(BundleIndex.Entry::size).sum();
                if (declared > size) {
                    throw new BundleProblem("the bundle is smaller than its index says (" + size + " of " + declared
                            + " bytes): it was cut short while copying; copy it again");
                }
                Set<String> seen = new HashSet<>();
                String releaseText = null;
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    String name = entry.getName();
                    BundleIndex.Entry listed = index.entry(name).orElseThrow(() -> new BundleProblem("the bundle holds an"
                            + " entry its signed index does not list (" + printable(name) + "); it is refused"));
                    if (!entry.isFile() || !seen.add(name)) {
                        throw new BundleProblem("the bundle's entry " + name + " is not a plain file, or appears twice;"
                                + " it is refused");
                    }
                    if (entry.getSize() != listed.size()) {
                        throw new BundleProblem("the bundle's entry " + name + " has " + entry.getSize() + " bytes, not "
                                + listed.size() + " as signed; it is refused");
                    }
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    if (name.equals(BundleIndex.RELEASE)) {
                        byte[] bytes = tar.readNBytes((int) Math.min(listed.size(), DocumentKind.RELEASE_MANIFEST.maxEncodedChars()));
                        sha.update(bytes);
                        releaseText = new String(bytes, StandardCharsets.US_ASCII);
                    } else {
                        DigestInputStream in = new DigestInputStream(tar, sha);
                        in.transferTo(OutputDiscard.INSTANCE);
                    }
                    if (!HexFormat.of().formatHex(sha.digest()).equals(listed.sha256())) {
                        throw new BundleProblem("the bundle's entry " + name + " is damaged (its SHA-256 is not the signed"
                                + " one); copy the bundle again. Nothing was changed");
                    }
                }
                for (BundleIndex.Entry listed : index.entries()) {
                    if (!seen.contains(listed.name())) {
                        throw new BundleProblem("the bundle is missing " + listed.name() + " (cut short while copying?);"
                                + " copy it again. Nothing was changed");
                    }
                }
                ReleaseManifest release = release(releaseText, index);
                return new Verified(file, size, modified, index, release, releaseText.strip());
            }
        } catch (IOException e) {
            throw new BundleProblem("the bundle cannot be read (" + e.getMessage() + "); it is damaged or not a bundle", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private BundleIndex index(String text) {
        VerificationResult result = new DocumentVerifier(keys).verify(text.strip(), DocumentKind.BUNDLE_INDEX);
        try {
            return switch (result) {
                case VerificationResult.Verified v -> BundleIndex.fromJson(v.document().body());
                case VerificationResult.Malformed m -> throw new BundleProblem("the bundle's index is not readable: "
                        + m.problem() + " (at " + m.where() + ")");
                case VerificationResult.UnknownKey u -> throw new BundleProblem("the bundle is signed by a key this console"
                        + " does not trust (" + u.keyId() + "); it is refused");
                case VerificationResult.SignatureMismatch s -> throw new BundleProblem("the bundle's index was changed after"
                        + " the vendor signed it; it is refused");
            };
        } catch (MalformedDocumentException e) {
            throw new BundleProblem("the bundle's signed index is refused: " + e.problem() + " (at " + e.where() + ")");
        }
    }

    private ReleaseManifest release(String text, BundleIndex index) {
        ReleaseManifest release;
        try {
            release = releases.verify(text, "in the bundle");
        } catch (ReleaseSource.ReleaseProblem e) {
            throw new BundleProblem(e.getMessage());
        }
        if (!release.version().equals(index.version())) {
            throw new BundleProblem("the bundle says " + index.version() + " but holds the release manifest of "
                    + release.version() + "; it is refused");
        }
        for (var e : release.images().entrySet()) {
            String id = index.images().get(e.getKey());
            if (id == null) {
                throw new BundleProblem("the bundle has no image for " + e.getKey() + ", which release " + release.version()
                        + " needs; it is refused");
            }
            if (e.getValue().id() == null) {
                throw new BundleProblem("release " + release.version() + " was made before offline bundles; ask the vendor"
                        + " for a new bundle");
            }
            if (!e.getValue().id().equals(id)) {
                throw new BundleProblem("the bundle's image for " + e.getKey() + " (" + id + ") is not the one the signed"
                        + " release names (" + e.getValue().id() + "); it is refused");
            }
        }
        for (String service : index.images().keySet()) {
            if (!release.images().containsKey(service)) {
                throw new BundleProblem("the bundle has an image for " + service + ", which release " + release.version()
                        + " does not have; it is refused");
            }
        }
        return release;
    }

    private static String printable(String name) {
        return name.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** A bundle whose every byte was checked; its images can be loaded. */
    public record Verified(Path file, long size, FileTime modified, BundleIndex index, ReleaseManifest release,
                           String signedRelease) {

        /**
         * Streams the images into the engine when it lacks any of them, checked against the signed index as they
         * go and by their content ids once loaded, and tags them {@code adaptive-startup/<service>:<version>} so
         * that pruning dangling images leaves them (a rollback needs them). The file must not have changed since
         * it was verified. Returns how many of the release's images were missing.
         */
        public int loadImages(DockerEngine engine, Progress progress) {
            try {
                if (Files.size(file) != size || !Files.getLastModifiedTime(file).equals(modified)) {
                    throw new BundleProblem("the bundle changed after it was checked; check it again");
                }
            } catch (IOException e) {
                throw new BundleProblem("the bundle cannot be read again: " + e.getMessage(), e);
            }
            List<String> missing = index.images().entrySet().stream().filter(i -> engine.imageId(i.getValue()).isEmpty())
                    .map(java.util.Map.Entry::getKey).toList();
            if (!missing.isEmpty()) {
                load(engine, progress);
                List<String> stillMissing = index.images().entrySet().stream()
                        .filter(i -> engine.imageId(i.getValue()).isEmpty()).map(java.util.Map.Entry::getKey).toList();
                if (!stillMissing.isEmpty()) {
                    throw new BundleProblem("the bundle's images for " + String.join(", ", stillMissing) + " did not load as"
                            + " the release names them; copy the bundle again");
                }
            }
            index.images().forEach((service, id) -> {
                String tag = index.tagOf(service);
                engine.tagImage(id, tag.substring(0, tag.lastIndexOf(':')), index.version());
            });
            return missing.size();
        }

        private void load(DockerEngine engine, Progress progress) {
            BundleIndex.Entry listed = index.entry(BundleIndex.IMAGES).orElseThrow();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    if (!entry.getName().equals(BundleIndex.IMAGES)) {
                        continue;
                    }
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    CountingInput counted = new CountingInput(new DigestInputStream(new Unclosable(tar), sha),
                            n -> progress.read("load", n, listed.size()));
                    List<String> loaded;
                    try (InputStream images = new ZstdInputStream(counted)) {
                        loaded = engine.loadImage(images);
                    } catch (DockerProblem e) {
                        throw new BundleProblem("the engine refused the bundle's images: " + e.getMessage(), e);
                    }
                    counted.transferTo(OutputDiscard.INSTANCE);
                    if (!HexFormat.of().formatHex(sha.digest()).equals(listed.sha256())) {
                        loaded.stream().filter(id -> !index.images().containsValue(id)).forEach(engine::removeImage);
                        throw new BundleProblem("the bundle changed while its images were loaded; copy it again");
                    }
                    return;
                }
                throw new BundleProblem("the bundle lost its images since it was checked; copy it again");
            } catch (IOException e) {
                throw new BundleProblem("the bundle cannot be read: " + e.getMessage(), e);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Counts what is read and reports it at most every 8 MB. */
    static final class CountingInput extends FilterInputStream {
        private final LongConsumer report;
        private long count;
        private long reported;

        CountingInput(InputStream in, LongConsumer report) {
            super(in);
            this.report = report;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            count += n;
            if (count - reported >= 8 << 20) {
                reported = count;
                report.accept(count);
            }
        }
    }

    /** The tar entry's stream, which the engine's client must not close (the tar goes on after it). */
    static final class Unclosable extends FilterInputStream {
        Unclosable(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    /** Where bytes read only to be hashed go. */
    static final class OutputDiscard extends java.io.OutputStream {
        static final OutputDiscard INSTANCE = new OutputDiscard();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
