package com.adaptivestartup.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One operation changing a stack at a time: another one (another thread of the console, another process) is
 * refused with a sentence naming the holder, while the operation's own steps (threads it starts) re-enter.
 */
class InstallationLockTest {
    @TempDir
    Path locks;

    @Test
    void anotherOperationIsRefusedWithTheHoldersNameAndTheHoldersOwnStepsReEnter() throws Exception {
        try (InstallationLock update = InstallationLock.acquire(locks, "acme", "update to 1.2.0")) {
            String refused = CompletableFuture.supplyAsync(() -> {
                try (InstallationLock stop = InstallationLock.acquire(locks, "acme", "stop web")) {
                    return "taken";
                } catch (OperationLock.Busy e) {
                    return e.getMessage();
                }
            }, Executors.newSingleThreadExecutor(Thread.ofPlatform().inheritInheritableThreadLocals(false).factory())).get();
            assertThat(refused).startsWith("another operation on 'acme' is running (update to 1.2.0, process ")
                    .endsWith("; try again when it has finished");

            try (var steps = Executors.newVirtualThreadPerTaskExecutor()) {
                boolean reentered = steps.submit(() -> {
                    try (InstallationLock backup = InstallationLock.acquire(locks, "acme", "backup")) {
                        return InstallationLock.heldHere("acme");
                    }
                }).get();
                assertThat(reentered).as("a step the update started runs under its lock").isTrue();
            }
            try (InstallationLock other = InstallationLock.acquire(locks, "other", "install")) {
                assertThat(InstallationLock.heldHere("other")).as("another installation is not blocked").isTrue();
            }
        }
        assertThat(InstallationLock.heldHere("acme")).isFalse();
        try (InstallationLock again = InstallationLock.acquire(locks, "acme", "stop web")) {
            assertThat(InstallationLock.heldHere("acme")).isTrue();
        }
    }

    @Test
    void aSecondProcessIsRefusedToo() throws Exception {
        try (InstallationLock held = InstallationLock.acquire(locks, "acme", "backup")) {
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), InstallationLockTest.class.getName() + "$Other", locks.toString())
                    .redirectErrorStream(true).start();
            String out = new String(other.getInputStream().readAllBytes()).strip();
            assertThat(other.waitFor()).isEqualTo(1);
            assertThat(out).startsWith("another operation on 'acme' is running (backup, process ");
        }
    }

    /** The other process: tries the lock, prints why it could not take it. */
    public static final class Other {
        public static void main(String[] args) {
            try (InstallationLock lock = InstallationLock.acquire(Path.of(args[0]), "acme", "stop")) {
                System.out.println("taken");
                System.exit(0);
            } catch (OperationLock.Busy e) {
                System.out.println(e.getMessage());
                System.exit(1);
            }
        }
    }
}
