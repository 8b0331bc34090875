package com.adaptivestartup.console.state;

import com.adaptivestartup.licensing.clock.TimeWitness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The latest time seen, kept in one small file in the console's state folder, written atomically.
 * (The state database of the console-core issue takes this over.) An unreadable file counts as
 * nothing seen: this guards against an easy trick, not a determined one.
 */
public final class FileTimeWitness implements TimeWitness {
    private final Path file;

    public FileTimeWitness(Path file) {
        this.file = file;
    }

    @Override
    public Optional<Instant> latestSeen() {
        try {
            return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public void observe(Instant now) {
        Optional<Instant> latest = latestSeen();
        if (latest.isPresent() && !now.isAfter(latest.get())) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".clock", ".tmp");
            Files.writeString(temp, now.toString(), StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the time in " + file, e);
        }
    }
}
