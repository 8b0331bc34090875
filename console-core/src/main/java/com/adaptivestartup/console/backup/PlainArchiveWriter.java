package com.adaptivestartup.console.backup;

import com.adaptivestartup.licensing.files.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an unencrypted backup archive once, part by part as each part is ready, at the speed of the disk: each
 * entry's header as Commons Compress encodes it (PAX headers included, for long names and sizes beyond 8 GiB), each
 * part's bytes copied by the kernel ({@link FileChannel#transferTo}, no pass through the JVM). The result is the
 * same tar {@link BackupArchive#read} and GNU tar read.
 *
 * <p>The manifest is the archive's first entry but is known last (it lists every part's size and SHA-256), so its
 * place is kept: room for the longest manifest these entries can have, which {@link #finish} fills with the real one
 * padded with spaces (JSON allows them). The SHA-256 of the whole file is read back from the page cache at the end,
 * while the file is synced.
 */
final class PlainArchiveWriter implements Closeable {
    private static final int BLOCK = 512;
    private final Path file;
    private final FileChannel out;
    private final long modTime;
    private final int manifestRoom;
    private final long manifestAt;
    private final List<BackupManifest.Entry> entries = new ArrayList<>();
    private boolean finished;

    private PlainArchiveWriter(Path file, FileChannel out, long modTime, int manifestRoom, long manifestAt) {
        this.file = file;
        this.out = out;
        this.modTime = modTime;
        this.manifestRoom = manifestRoom;
        this.manifestAt = manifestAt;
    }

    /**
     * Creates {@code file} (new, private) with the manifest's place kept: {@code manifestRoom} bytes, the length of
     * the longest manifest the archive can have ({@link BackupManifest#longestJson}).
     */
    static PlainArchiveWriter create(Path file, int manifestRoom, long modTime) throws IOException {
        if (manifestRoom > BackupManifest.MAX_BYTES) {
            throw new BackupProblem("the backup's manifest would be " + manifestRoom + " bytes, more than a backup allows ("
                    + BackupManifest.MAX_BYTES + ")");
        }
        FileChannel out = FileChannel.open(PrivateFiles.createFile(file), StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            byte[] header = header(BackupManifest.NAME, manifestRoom, modTime);
            writeFully(out, header);
            writeFully(out, new byte[padded(manifestRoom)]);
            return new PlainArchiveWriter(file, out, modTime, manifestRoom, header.length);
        } catch (IOException | RuntimeException e) {
            out.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Appends {@code source} as the entry {@code name}, whose SHA-256 its maker computed. */
    void append(String name, Path source, String sha256) throws IOException {
        long size = Files.size(source);
        writeFully(out, header(name, size, modTime));
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long at = 0;
            while (at < size) {
                long n = in.transferTo(at, size - at, out);
                if (n <= 0) {
                    throw new IOException(source + " ended at " + at + " of its " + size + " bytes while it was being archived");
                }
                at += n;
            }
        }
        writeFully(out, new byte[pad(size)]);
        entries.add(new BackupManifest.Entry(name, size, sha256));
    }

    /**
     * Ends the archive: the end blocks, the manifest ({@code header} listing every part appended, in order) in its
     * place, everything synced; returns the manifest and the SHA-256 of the whole file.
     */
    BackupArchive.Written finish(BackupManifest header) throws IOException {
        BackupManifest manifest = header.withEntries(List.copyOf(entries));
        byte[] json = manifest.toJson();
        if (json.length > manifestRoom) {
            throw new IllegalStateException("the manifest (" + json.length + " bytes) outgrew the room kept for it ("
                    + manifestRoom + ")");
        }
        writeFully(out, new byte[2 * BLOCK]); // the end of the archive: two empty blocks
        byte[] room = Arrays.copyOf(json, manifestRoom);
        Arrays.fill(room, json.length, manifestRoom, (byte) ' ');
        ByteBuffer b = ByteBuffer.wrap(room);
        for (long at = manifestAt; b.hasRemaining(); ) {
            at += out.write(b, at);
        }
        long size = out.size();
        // a thread of its own: the common pool may have a single worker on a 2-core machine
        CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> sha256(size), Thread::startVirtualThread);
        out.force(true);
        String sha256;
        try {
            sha256 = hash.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
        out.close();
        finished = true;
        return new BackupArchive.Written(manifest, file, size, sha256);
    }

    /** Closes the file; one not finished is deleted (a backup cut short never stays). */
    @Override
    public void close() throws IOException {
        if (!finished) {
            out.close();
            Files.deleteIfExists(file);
        }
    }

    /** The header block(s) Commons Compress writes for an entry of {@code size} bytes (a PAX header first when needed). */
    static byte[] header(String name, long size, long modTime) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(BLOCK * 3);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, BLOCK);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.putArchiveEntry(BackupArchive.entry(name, size, modTime));
        tar.flush();
        // the stream is dropped unclosed: only its header blocks are wanted, the body is copied by the caller
        return bytes.toByteArray();
    }

    private String sha256(long size) {
        MessageDigest sha = BackupArchive.digest();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try {
            for (long at = 0; at < size; ) {
                buf.clear().limit((int) Math.min(buf.capacity(), size - at));
                int n = out.read(buf, at);
                if (n < 0) {
                    throw new IOException("the archive ended at " + at + " of its " + size + " bytes while it was hashed");
                }
                buf.flip();
                sha.update(buf);
                at += n;
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int pad(long size) {
        int rest = (int) (size % BLOCK);
        return rest == 0 ? 0 : BLOCK - rest;
    }

    private static int padded(int size) {
        return size + pad(size);
    }

    private static void writeFully(FileChannel out, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
