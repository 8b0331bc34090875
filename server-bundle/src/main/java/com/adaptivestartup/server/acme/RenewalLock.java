package com.adaptivestartup.server.acme;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One renewer at a time among the server's instances (replicas sharing the {@code /acme} volume): an exclusive lock
 * on {@code renewal.lock} there, held while one checks and renews, let go when it is done or its process ends. Who
 * finds it held leaves the certificate to the holder.
 */
final class RenewalLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RenewalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another instance (or another renewer in this one) holds it. */
    static Optional<RenewalLock> tryHold(Path stateDir) throws IOException {
        FileChannel channel = FileChannel.open(stateDir.resolve("renewal.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new RenewalLock(channel, lock));
            }
        } catch (OverlappingFileLockException heldHere) {
            // held by this very process
        }
        channel.close();
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
