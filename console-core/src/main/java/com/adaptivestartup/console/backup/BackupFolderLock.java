package com.adaptivestartup.console.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One backup operation at a time per installation (backup, restore, import, prune), across processes:
 * the console and a scheduled {@code adaptivectl backup run-due} may both try. Whoever holds the lock
 * may tidy what a crashed or killed operation left behind (its staging folders and {@code .partial}
 * archives), since no other operation can be writing them.
 */
final class BackupFolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final List<Path> tidied;

    private BackupFolderLock(FileChannel channel, FileLock lock, List<Path> tidied) {
        this.channel = channel;
        this.lock = lock;
        this.tidied = tidied;
    }

    static BackupFolderLock acquire(Path folder, String project) {
        FileChannel channel = null;
        try {
            PrivateFiles.createFolder(folder);
            channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(folder.resolve(".lock"), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new BackupProblem("another backup, restore or prune of '" + project + "' is running"
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + "; try again when it has finished");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new BackupFolderLock(channel, lock, tidy(folder));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BackupProblem("cannot lock the backups folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held in this process
        }
    }

    /** Removes leftovers of operations that did not finish: never a complete archive. */
    private static List<Path> tidy(Path folder) throws IOException {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(folder)) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (name.startsWith(".staging-") || name.startsWith(".restoring-") || name.startsWith(".restore-test-")
                        || name.endsWith(".partial")) {
                    com.adaptivestartup.console.install.InstallDirectory.deleteTree(p);
                    removed.add(p);
                }
            }
        }
        return removed;
    }

    /** What this lock's holder found left over and removed. */
    List<Path> tidied() {
        return tidied;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // released when the channel closes
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
