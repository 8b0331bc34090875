package com.adaptivestartup.console.backup;

import com.adaptivestartup.licensing.files.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an unencrypted backup archive at the speed of the disk: each entry's header as Commons Compress
 * encodes it (PAX headers included, for long names and sizes beyond 8 GiB), each part's bytes copied by
 * the kernel ({@link FileChannel#transferTo}, no pass through the JVM), and the SHA-256 of the whole file
 * computed by a second thread that reads the file behind the writer (from the page cache) while it grows.
 * The result is the same tar {@link BackupArchive#read} and GNU tar read.
 */
final class PlainArchiveWriter {
    private static final int BLOCK = 512;

    private PlainArchiveWriter() {
    }

    /** Writes {@code file} (created new, private) and returns its SHA-256. */
    static String write(Path file, BackupManifest manifest, List<BackupArchive.Part> parts, long modTime) throws IOException {
        WrittenSoFar progress = new WrittenSoFar();
        CompletableFuture<String> hash;
        try (FileChannel out = FileChannel.open(PrivateFiles.createFile(file), StandardOpenOption.WRITE)) {
            // a thread of its own: the common pool may have a single worker on a 2-core machine
            hash = CompletableFuture.supplyAsync(() -> follow(file, progress), Thread::startVirtualThread);
            try {
                byte[] json = manifest.toJson();
                writeFully(out, header(BackupManifest.NAME, json.length, modTime), progress);
                writeFully(out, json, progress);
                pad(out, json.length, progress);
                for (BackupArchive.Part p : parts) {
                    long size = Files.size(p.file());
                    writeFully(out, header(p.name(), size, modTime), progress);
                    try (FileChannel in = FileChannel.open(p.file(), StandardOpenOption.READ)) {
                        long at = 0;
                        while (at < size) {
                            long n = in.transferTo(at, size - at, out);
                            if (n <= 0) {
                                throw new IOException(p.file() + " ended at " + at + " of its " + size + " bytes while it"
                                        + " was being archived");
                            }
                            at += n;
                            progress.add(n);
                        }
                    }
                    pad(out, size, progress);
                }
                writeFully(out, new byte[2 * BLOCK], progress); // the end of the archive: two empty blocks
                progress.completed();
            } finally {
                progress.finish();
            }
        }
        try {
            return hash.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
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

    private static void pad(FileChannel out, long size, WrittenSoFar progress) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            writeFully(out, new byte[BLOCK - rest], progress);
        }
    }

    private static void writeFully(FileChannel out, byte[] bytes, WrittenSoFar progress) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
        progress.add(bytes.length);
    }

    /** Hashes the file as it grows, never past what the writer has written; ends when the writer finished. */
    private static String follow(Path file, WrittenSoFar progress) {
        MessageDigest sha = BackupArchive.digest();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = 0;
            while (true) {
                long available = progress.awaitBeyond(at);
                if (available <= at) {
                    break;
                }
                buf.clear().limit((int) Math.min(buf.capacity(), available - at));
                int n = in.read(buf, at);
                if (n < 0) {
                    throw new IOException("the archive ended before what was written to it");
                }
                buf.flip();
                sha.update(buf);
                at += n;
            }
            if (progress.failed()) {
                throw new IOException("the archive was not finished");
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** How many bytes the writer has written, and whether it is done. */
    private static final class WrittenSoFar {
        private long written;
        private boolean done;
        private boolean complete;

        synchronized void add(long n) {
            written += n;
            notifyAll();
        }

        /** Marks the end; {@code complete} only if every byte was written (otherwise the hash is abandoned). */
        synchronized void finish() {
            done = true;
            notifyAll();
        }

        synchronized void completed() {
            complete = true;
        }

        synchronized boolean failed() {
            return !complete;
        }

        /** Waits until more than {@code at} bytes are written or the writer is done; returns what is written. */
        synchronized long awaitBeyond(long at) {
            while (written <= at && !done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return written;
                }
            }
            return written;
        }
    }
}
