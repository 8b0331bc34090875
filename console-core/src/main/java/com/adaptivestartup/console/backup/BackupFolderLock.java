package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.state.OperationLock;
import com.adaptivestartup.licensing.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One backup operation at a time per installation (backup, restore, import, prune), across processes:
 * the console and a scheduled {@code adaptivectl backup run-due} may both try. Whoever holds the lock
 * may tidy what a crashed or killed operation left behind (its staging folders and {@code .partial}
 * archives), since no other operation can be writing them.
 */
final class BackupFolderLock implements AutoCloseable {
    private final OperationLock lock;
    private final List<Path> tidied;

    private BackupFolderLock(OperationLock lock, List<Path> tidied) {
        this.lock = lock;
        this.tidied = tidied;
    }

    static BackupFolderLock acquire(Path folder, String project) {
        OperationLock lock;
        try {
            PrivateFiles.createFolder(folder);
            lock = OperationLock.acquire(folder.resolve(".lock"), "another backup, restore or prune of '" + project + "'");
        } catch (OperationLock.Busy e) {
            throw new BackupProblem(e.getMessage());
        } catch (IOException e) {
            throw new BackupProblem("cannot use the backups folder " + folder + ": " + e.getMessage(), e);
        }
        try {
            return new BackupFolderLock(lock, tidy(folder));
        } catch (IOException e) {
            lock.close();
            throw new BackupProblem("cannot tidy the backups folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Removes leftovers of operations that did not finish: never a complete archive. */
    private static List<Path> tidy(Path folder) throws IOException {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(folder)) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (name.startsWith(".staging-") || name.startsWith(".restoring-") || name.startsWith(".restore-test-")
                        || name.endsWith(BackupArchive.PARTIAL_SUFFIX)) {
                    InstallDirectory.deleteTree(p);
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
        lock.close();
    }
}
