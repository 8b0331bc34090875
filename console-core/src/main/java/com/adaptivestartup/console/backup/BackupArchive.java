package com.adaptivestartup.console.backup;

import com.adaptivestartup.licensing.files.PrivateFiles;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The backup file: a POSIX tar (GNU tar lists it) whose first entry is {@code manifest.json} and whose
 * other entries are already compressed (the dump by pg_dump, volumes by zstd inside the containers), so
 * the tar itself is not compressed again. Optionally the whole file is encrypted ({@link BackupCrypto}).
 *
 * <p>Written to {@code <name>.partial}, synced, then renamed: a backup cut short (disk full, cancel,
 * crash) never has the final name. Read in one streaming pass that checks everything before a caller
 * uses anything: only our entry names, regular files only, each size and SHA-256 as the manifest says,
 * nothing missing, nothing extra, no declared size beyond the file's own, and inside each volume's tar no
 * absolute path, no {@code ..}, no link leading out, no device.
 */
public final class BackupArchive {
    static final String PARTIAL_SUFFIX = ".partial";
    /** Inner volume tars may not expand beyond this many times their compressed size (or 1 GiB). */
    static final long MAX_EXPANSION = 1000;

    private BackupArchive() {
    }

    /**
     * One entry to write: its name in the archive, the file that holds it and, when whoever wrote the file
     * hashed it as it went, its SHA-256 (else null: it is hashed here).
     */
    public record Part(String name, Path file, String sha256) {
        public Part(String name, Path file) {
            this(name, file, null);
        }
    }

    /** What was written: the manifest, the file, its size and the SHA-256 of the whole file. */
    public record Written(BackupManifest manifest, Path file, long size, String sha256) {
    }

    public static Written write(Path target, BackupManifest header, List<Part> parts, char[] passphrase) throws IOException {
        parts.forEach(p -> BackupLayout.checkName(p.name()));
        Path partial = partial(target);
        Written written;
        if (passphrase == null) {
            try (PlainArchiveWriter writer = PlainArchiveWriter.create(partial,
                    header.longestJson(parts.stream().map(Part::name).toList()), wholeSeconds(header.createdAt()))) {
                for (Part p : parts) {
                    writer.append(p.name(), p.file(), p.sha256() != null ? p.sha256() : sha256(p.file()));
                }
                written = writer.finish(header);
            }
        } else {
            BackupManifest manifest = header.withEntries(List.copyOf(hashAll(parts)));
            try {
                String sha256 = writeEncrypted(partial, manifest, parts, wholeSeconds(header.createdAt()), passphrase);
                try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                written = new Written(manifest, partial, Files.size(partial), sha256);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
        }
        return published(written, target);
    }

    /** Where an archive is written before it is complete: {@code <name>.partial}. */
    static Path partial(Path target) {
        return target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
    }

    /** A complete archive, written and synced as {@link #partial}, given its final name. */
    static Written published(Written partial, Path target) throws IOException {
        try {
            Files.move(partial.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial.file());
            throw e;
        }
        return new Written(partial.manifest(), target, partial.size(), partial.sha256());
    }

    /** The tar through AES-GCM ({@link BackupCrypto}), hashed as it is written; returns the file's SHA-256. */
    private static String writeEncrypted(Path partial, BackupManifest manifest, List<Part> parts, long modTime,
                                         char[] passphrase) throws IOException {
        MessageDigest whole = digest();
        try (OutputStream file = Files.newOutputStream(PrivateFiles.createFile(partial), StandardOpenOption.WRITE);
             OutputStream hashed = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), whole);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(BackupCrypto.encrypt(hashed, passphrase))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] json = manifest.toJson();
            tar.putArchiveEntry(entry(BackupManifest.NAME, json.length, modTime));
            tar.write(json);
            tar.closeArchiveEntry();
            for (Part p : parts) {
                tar.putArchiveEntry(entry(p.name(), Files.size(p.file()), modTime));
                Files.copy(p.file(), tar);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return HexFormat.of().formatHex(whole.digest());
    }

    /** An entry as every backup writes it: private, with the backup's time. */
    static TarArchiveEntry entry(String name, long size, long modTime) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(size);
        e.setMode(0600);
        e.setModTime(modTime);
        return e;
    }

    /** Whole seconds: a finer time would add a PAX header to every entry. */
    static long wholeSeconds(Instant createdAt) {
        return createdAt.getEpochSecond() * 1000;
    }

    /** Where a checked entry's bytes go while it is read: a file to restore from, or nowhere (verify only). */
    @FunctionalInterface
    public interface Sink {
        /** An output stream for the entry (closed by the reader), or null to only check it. */
        OutputStream open(String name) throws IOException;
    }

    /** What a full read found: the manifest and the SHA-256 of the whole file. */
    public record Checked(BackupManifest manifest, String sha256, long size) {
    }

    /**
     * Reads and checks the whole archive, handing each entry's bytes to {@code sink} as they are checked.
     * Throws {@link BackupProblem} at the first thing wrong; a caller that extracted into a staging folder
     * deletes it then, and nothing else was touched.
     */
    public static Checked read(Path file, char[] passphrase, Sink sink) {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            throw new BackupProblem("cannot read the backup file " + file + ": " + e.getMessage(), e);
        }
        MessageDigest whole = digest();
        try (InputStream raw = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), whole);
             InputStream plain = passphrase == null ? raw : BackupCrypto.decrypt(raw, passphrase);
             TarArchiveInputStream tar = new TarArchiveInputStream(plain)) {
            BackupManifest manifest = manifest(file, passphrase, tar, fileSize);
            Map<String, BackupManifest.Entry> expected = new LinkedHashMap<>();
            manifest.entries().forEach(e -> expected.put(e.name(), e));
            Set<String> seen = new HashSet<>();
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                BackupLayout.checkName(name);
                if (!isRegularFile(entry)) {
                    throw new BackupProblem("the backup's entry " + BackupLayout.printable(name) + " is a link or a special file;"
                            + " a backup holds regular files only");
                }
                BackupManifest.Entry want = expected.get(name);
                if (want == null || !seen.add(name)) {
                    throw new BackupProblem("the backup holds " + BackupLayout.printable(name) + (want == null
                            ? ", which its manifest does not list" : " twice") + "; it is refused");
                }
                if (entry.getSize() != want.size()) {
                    throw new BackupProblem("the backup's entry " + name + " is " + entry.getSize() + " bytes but its manifest says "
                            + want.size() + "; the backup is damaged");
                }
                checkEntry(tar, want, sink);
            }
            for (String name : expected.keySet()) {
                if (!seen.contains(name)) {
                    throw new BackupProblem("the backup is incomplete: " + name + " is missing (the file may be truncated)");
                }
            }
            plain.transferTo(OutputStream.nullOutputStream());
            return new Checked(manifest, HexFormat.of().formatHex(whole.digest()), fileSize);
        } catch (BackupProblem e) {
            throw e;
        } catch (BackupCrypto.WrongPassphrase e) {
            throw new BackupProblem(e.getMessage());
        } catch (EOFException e) {
            throw new BackupProblem("the backup file ends too early: it is truncated (an interrupted copy?)", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new BackupProblem("the backup file is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Only the manifest, from the start of the file: enough to plan a restore while the whole archive is
     * still being checked. Not to be trusted alone: {@link #read} checks the rest against it.
     */
    public static BackupManifest peekManifest(Path file, char[] passphrase) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream plain = passphrase == null ? raw : BackupCrypto.decrypt(raw, passphrase);
             TarArchiveInputStream tar = new TarArchiveInputStream(plain)) {
            return manifest(file, passphrase, tar, Files.size(file));
        } catch (BackupProblem e) {
            throw e;
        } catch (BackupCrypto.WrongPassphrase e) {
            throw new BackupProblem(e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new BackupProblem("the backup file is damaged: " + e.getMessage(), e);
        }
    }

    private static BackupManifest manifest(Path file, char[] passphrase, TarArchiveInputStream tar, long fileSize)
            throws IOException {
        if (passphrase == null && BackupCrypto.looksEncrypted(file)) {
            throw new BackupProblem("this backup is encrypted: give its passphrase");
        }
        TarArchiveEntry first = tar.getNextEntry();
        if (first == null || !first.getName().equals(BackupManifest.NAME) || !isRegularFile(first)) {
            throw new BackupProblem("this file is not an Adaptive Startup backup (it does not begin with manifest.json)");
        }
        if (first.getSize() > BackupManifest.MAX_BYTES) {
            throw new BackupProblem("the backup's manifest.json is " + first.getSize() + " bytes, far more than a manifest;"
                    + " the file is not one of ours");
        }
        BackupManifest manifest = BackupManifest.parse(tar.readNBytes((int) first.getSize()));
        if (manifest.totalSize() > fileSize) {
            throw new BackupProblem("the backup's manifest declares " + manifest.totalSize() + " bytes of content in a file"
                    + " of " + fileSize + " bytes; the file is truncated or the manifest lies");
        }
        return manifest;
    }

    private static void checkEntry(TarArchiveInputStream tar, BackupManifest.Entry want, Sink sink) throws IOException {
        MessageDigest sha = digest();
        OutputStream out = sink.open(want.name());
        try (OutputStream target = out == null ? OutputStream.nullOutputStream() : out) {
            InputStream body = new Tee(new DigestInputStream(new Bounded(tar, want.size()), sha), target);
            if (want.name().startsWith(BackupLayout.VOLUMES)) {
                checkVolumeTar(body, want);
            }
            body.transferTo(OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(want.sha256())) {
            throw new BackupProblem("the backup's entry " + want.name() + " does not match its checksum (SHA-256 " + actual.substring(0, 12)
                    + "... instead of " + want.sha256().substring(0, 12) + "...): the file is damaged; use another backup");
        }
    }

    /** Reads a volume's tar as it streams past: safe member names and links only, and no bomb. */
    private static void checkVolumeTar(InputStream compressed, BackupManifest.Entry want) throws IOException {
        long limit = Math.max(1L << 30, want.size() * MAX_EXPANSION);
        long total = 0;
        ZstdInputStream zstd = new ZstdInputStream(new NonClosing(compressed));
        try (TarArchiveInputStream inner = new TarArchiveInputStream(zstd)) {
            TarArchiveEntry e;
            while ((e = inner.getNextEntry()) != null) {
                String name = e.getName();
                checkMemberPath(want.name(), name);
                if (e.isSymbolicLink()) {
                    checkLinkTarget(want.name(), name, e.getLinkName());
                } else if (e.isLink()) {
                    checkMemberPath(want.name(), e.getLinkName());
                } else if (!isRegularFile(e) && !e.isDirectory()) {
                    throw new BackupProblem("the backup's " + want.name() + " holds a device or special file ("
                            + BackupLayout.printable(name) + "); it is refused");
                }
                total += Math.max(0, e.getSize());
                if (total > limit) {
                    throw new BackupProblem("the backup's " + want.name() + " would expand to more than " + limit / (1 << 20)
                            + " MiB from " + want.size() / (1 << 20) + " MiB: it looks like a decompression bomb and is refused");
                }
            }
        } catch (com.github.luben.zstd.ZstdIOException e) {
            throw new BackupProblem("the backup's " + want.name() + " is not valid zstd data: the file is damaged", e);
        }
    }

    private static boolean isRegularFile(TarArchiveEntry e) {
        return e.isFile() && !e.isSymbolicLink() && !e.isLink() && !e.isCharacterDevice() && !e.isBlockDevice()
                && !e.isFIFO() && !e.isDirectory();
    }

    static void checkMemberPath(String volume, String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        if (n.startsWith("/") || n.contains("\\") || n.matches("(?s)^[A-Za-z]:.*")) {
            throw new BackupProblem("the backup's " + volume + " holds an absolute path (" + BackupLayout.printable(name)
                    + "); it is refused");
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                throw new BackupProblem("the backup's " + volume + " holds a path that climbs out of its folder ("
                        + BackupLayout.printable(name) + "); it is refused");
            }
        }
    }

    static void checkLinkTarget(String volume, String linkName, String target) {
        if (target.startsWith("/")) {
            throw new BackupProblem("the backup's " + volume + " holds a link to an absolute path (" + BackupLayout.printable(linkName)
                    + " -> " + BackupLayout.printable(target) + "); it is refused");
        }
        String n = linkName.startsWith("./") ? linkName.substring(2) : linkName;
        int depth = n.split("/").length - 1;
        for (String segment : target.split("/")) {
            if (segment.equals("..")) {
                depth--;
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
            if (depth < 0) {
                throw new BackupProblem("the backup's " + volume + " holds a link leading out of its folder ("
                        + BackupLayout.printable(linkName) + " -> " + BackupLayout.printable(target) + "); it is refused");
            }
        }
    }

    /**
     * Each part's size and SHA-256: as its writer gave it, or hashed here, the big ones (the dump, the volumes)
     * side by side.
     */
    private static List<BackupManifest.Entry> hashAll(List<Part> parts) throws IOException {
        try {
            return parts.parallelStream().map(p -> {
                try {
                    return new BackupManifest.Entry(p.name(), Files.size(p.file()),
                            p.sha256() != null ? p.sha256() : sha256(p.file()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies every byte read to an output stream. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream copy;

        Tee(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                copy.write(buf, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
        }
    }

    /** Exactly {@code size} bytes of the current tar entry; fewer means the archive is cut short. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("entry cut short");
            }
            left -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }
    }

    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
