package com.adaptivestartup.console.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * A listed backup copied to another folder (an external disk, a network share) to keep it off this machine. The copy
 * is written under a temporary name, flushed to the disk, checked against the SHA-256 the catalogue recorded when the
 * backup was made, and only then given the backup's name: a copy that is there is whole. The backup itself is
 * not touched. The copy is a backup file like any other: {@code adaptivectl backup import} or a restore by file reads it.
 */
public final class BackupCopy {
    private static final int CHUNK = 1 << 20;
    private final BackupStore store;

    public BackupCopy(BackupStore store) {
        this.store = store;
    }

    /** Copies backup {@code id} into {@code folder}; {@code copied} hears the bytes so far. Returns the copy. */
    public Path copy(String id, Path folder, LongConsumer copied) {
        BackupCatalogue.Backup backup = store.catalogue().find(id).orElseThrow(() -> new BackupProblem(
                "there is no backup '" + id + "': give an id from `adaptivectl backup list`"));
        Path source = store.locate(id);
        Path target = folder.resolve(source.getFileName());
        if (target.toAbsolutePath().normalize().equals(source.toAbsolutePath().normalize())) {
            throw new BackupProblem("the backup " + id + " is already in " + folder + "; choose another folder");
        }
        BackupStore.checkWritable(folder);
        if (Files.exists(target)) {
            if (sha256(target).equals(backup.sha256())) {
                return target;   // copied before, and whole
            }
            throw new BackupProblem("a different file named " + target.getFileName() + " is already in " + folder
                    + "; nothing was overwritten. Choose another folder, or move that file away first");
        }
        try {
            long free = Files.getFileStore(folder).getUsableSpace();
            if (free < backup.size()) {
                throw new BackupProblem(String.format("the backup needs %.1f GB and %s has %.1f GB free; nothing was copied",
                        backup.size() / 1e9, folder, free / 1e9));
            }
        } catch (IOException e) {
            throw new BackupProblem("cannot tell the free space in " + folder + ": " + e.getMessage(), e);
        }
        Path part = folder.resolve("." + source.getFileName() + ".part");
        try {
            String written = write(source, part, copied);
            if (!written.equals(backup.sha256())) {
                throw new BackupProblem("the copy in " + folder + " does not match the backup (its SHA-256 differs): the disk"
                        + " may be failing. The incomplete copy was removed; the backup itself is unchanged");
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(part, target);   // a file system without atomic renames (some shares): the copy is whole anyway
            }
            return target;
        } catch (IOException e) {
            throw new BackupProblem("the backup could not be copied to " + folder + ": " + e.getMessage()
                    + "; the incomplete copy was removed, the backup itself is unchanged", e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // what is left is a hidden .part file, never mistaken for a backup
            }
        }
    }

    /** Copies and flushes to the disk, returning the SHA-256 of the bytes written as read back from the copy. */
    private static String write(Path source, Path part, LongConsumer copied) throws IOException {
        try (InputStream in = Files.newInputStream(source);
             FileChannel channel = FileChannel.open(com.adaptivestartup.licensing.files.PrivateFiles.createFile(part),
                     StandardOpenOption.WRITE);
             OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[CHUNK];
            long done = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                copied.accept(done);
            }
            out.flush();
            channel.force(true);
        }
        return sha256(part);
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[CHUNK];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new BackupProblem("cannot read " + file + ": " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
