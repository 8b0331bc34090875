package com.adaptivestartup.console.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One operation of a kind at a time, across processes (the console window and a scheduled or scripted
 * {@code adaptivectl}): an OS file lock, released by the OS if the holder dies. The lock file names its
 * holder, for the message the next one gets. A lock that can be taken also proves that whatever the
 * journal says was running is not running any more.
 */
public final class OperationLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private OperationLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Someone else holds the lock; the message names what and who. */
    public static final class Busy extends RuntimeException {
        public Busy(String message) {
            super(message);
        }
    }

    /** Takes the lock at {@code file} or throws {@link Busy}: "{@code what} is running (process N)". */
    public static OperationLock acquire(Path file, String what) {
        return acquire(file, what, null);
    }

    /**
     * Takes the lock, writing what its holder does ({@code doing}, such as "update") beside the process number,
     * or throws {@link Busy}: "{@code what} is running (update, process N)".
     */
    public static OperationLock acquire(Path file, String what, String doing) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held in this process
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new Busy(what + " is running" + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + "; try again when it has finished");
            }
            channel.truncate(0);
            String holder = (doing == null ? "" : doing + ", ") + "process " + ProcessHandle.current().pid();
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            return new OperationLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            throw new Busy("cannot take the lock " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases it with the process
        }
    }
}
