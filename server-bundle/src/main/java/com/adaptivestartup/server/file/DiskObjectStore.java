package com.adaptivestartup.server.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files on the local disk (the single container: {@code /data/files}), one file per key under the folder, the key's
 * slashes as sub-folders. An upload is written beside its place under a temporary name, forced to the disk, and
 * renamed into place, so a key holds a whole file or none, even when the machine stops mid-write.
 */
final class DiskObjectStore implements ObjectStore {
    private static final String PARTIAL = ".partial-";
    private final Path root;

    DiskObjectStore(Path root) {
        this.root = root;
    }

    @Override
    public void ensureBucket() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the files folder " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void ping() {
        ensureBucket();
        if (!Files.isWritable(root)) {
            throw new IllegalStateException("the files folder " + root + " cannot be written by this server");
        }
    }

    /** The key's place: refused when the key would leave the folder (keys are ours, but never trusted blindly). */
    private Path place(String key) {
        if (key == null || key.isBlank() || key.startsWith("/") || key.contains("\\") || key.contains("\0")) {
            throw new IllegalArgumentException("not a file key: " + key);
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root) || p.getFileName().toString().startsWith(PARTIAL)) {
            throw new IllegalArgumentException("not a file key: " + key);
        }
        return p;
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        Path target = place(key);
        Path partial = null;
        try {
            Files.createDirectories(target.getParent());
            partial = Files.createTempFile(target.getParent(), PARTIAL, "");
            long written;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                written = content.transferTo(out);
                out.flush();
                channel.force(true);
            }
            if (written != length) {
                throw new IOException("the upload ended after " + written + " of " + length + " bytes");
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            partial = null;
        } catch (IOException e) {
            throw new UncheckedIOException("storing " + key + " failed: " + e.getMessage(), e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // the next put of any key in this folder leaves it; nothing names a partial file
                }
            }
        }
    }

    @Override
    public InputStream get(String key) {
        try {
            return Files.newInputStream(place(key));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no stored file under " + key, e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long size(String key) {
        try {
            return Files.size(place(key));
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(place(key));
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }
}
