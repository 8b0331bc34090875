package com.adaptivestartup.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTimeWitnessTest {
    @TempDir
    Path dir;

    @Test
    void remembersOnlyTheLatestTimeAcrossInstances() {
        Path file = dir.resolve("state/clock-witness");
        Instant t1 = Instant.parse("2027-01-01T00:00:00Z");
        new FileTimeWitness(file).observe(t1);
        new FileTimeWitness(file).observe(t1.minusSeconds(3600));
        assertThat(new FileTimeWitness(file).latestSeen()).contains(t1);
        new FileTimeWitness(file).observe(t1.plusSeconds(5));
        assertThat(new FileTimeWitness(file).latestSeen()).contains(t1.plusSeconds(5));
    }

    @Test
    void aDamagedFileCountsAsNothingSeenAndIsRepaired() throws Exception {
        Path file = Files.writeString(dir.resolve("clock-witness"), "not a time");
        FileTimeWitness witness = new FileTimeWitness(file);
        assertThat(witness.latestSeen()).isEmpty();
        witness.observe(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(witness.latestSeen()).contains(Instant.parse("2027-01-01T00:00:00Z"));
    }
}
