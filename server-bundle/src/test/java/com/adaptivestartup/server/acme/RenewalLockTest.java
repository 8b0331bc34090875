package com.adaptivestartup.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One renewer at a time on the shared volume: while another process (another instance of the server) holds the
 * lock, this one does not get it; when that process ends, however it ends, the lock is free again.
 */
class RenewalLockTest {
    @TempDir
    Path state;

    @Test
    void anotherProcessHoldingTheLockKeepsThisInstanceOffUntilItEnds() throws Exception {
        Path holder = state.resolve("Hold.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        FileChannel c = FileChannel.open(Path.of(a[0], "renewal.lock"), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                        c.lock();
                        System.out.println("held");
                        System.out.flush();
                        Thread.sleep(60_000);
                    }
                }
                """);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holder.toString(), state.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            assertThat(RenewalLock.tryHold(state)).as("held by the other instance").isEmpty();
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        try (RenewalLock mine = RenewalLock.tryHold(state).orElseThrow()) {
            assertThat(RenewalLock.tryHold(state)).as("held by this instance's own renewal").isEmpty();
        }
        Optional<RenewalLock> again = RenewalLock.tryHold(state);
        assertThat(again).as("let go after the renewal").isPresent();
        again.get().close();
    }
}
