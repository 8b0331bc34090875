package com.adaptivestartup.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clock check's memory in a real SQLite state: what it keeps, and the two journaled ways back from a time ahead. */
class ClockWitnessTest {
    static final Instant RIGHT = Instant.parse("2026-11-30T09:00:00Z");
    static final Instant AHEAD = RIGHT.plus(Duration.ofDays(20));
    @TempDir
    Path dir;
    private StateDatabase db;
    private MovableClock clock;
    private ClockWitness witness;

    @BeforeEach
    void open() {
        db = StateDatabase.open(dir.resolve("state"));
        clock = new MovableClock(RIGHT);
        witness = new ClockWitness(db, clock);
    }

    /** A run with the clock 20 days ahead (faketime), then the clock right again. */
    private void aheadOnce() {
        witness.observe(AHEAD);
        assertThat(witness.ahead()).contains(AHEAD);
    }

    private List<History.Operation> history() {
        return History.of(new Journal(db, clock).entries("acme", 50));
    }

    @Test
    void remembersOnlyTheLatestTimeAndTakesOverAnOlderConsolesFile() throws Exception {
        witness.observe(RIGHT);
        witness.observe(RIGHT.minusSeconds(3600));
        assertThat(new ClockWitness(db, clock).latestSeen()).contains(RIGHT);
        Path old = Files.writeString(dir.resolve("state/clock-witness"), AHEAD.toString());
        witness.importFile(old);
        assertThat(witness.latestSeen()).contains(AHEAD);
        assertThat(old).doesNotExist();
        Path damaged = Files.writeString(dir.resolve("state/clock-witness"), "not a time");
        witness.importFile(damaged);
        assertThat(witness.latestSeen()).contains(AHEAD);
    }

    @Test
    void aFreshSignedTimeCloseToTheClockConfirmsItAndIsJournaled() {
        aheadOnce();
        var recovered = witness.confirm("acme", RIGHT.minus(Duration.ofMinutes(10)), "the update channel 'stable'");
        assertThat(recovered).hasValueSatisfying(r -> {
            assertThat(r.was()).isEqualTo(AHEAD);
            assertThat(r.now()).isEqualTo(RIGHT);
        });
        assertThat(witness.ahead()).isEmpty();
        assertThat(witness.latestSeen()).contains(RIGHT);
        assertThat(history()).first().satisfies(op -> {
            assertThat(op.name()).isEqualTo("clock check");
            assertThat(op.outcome()).isEqualTo("done");
            assertThat(op.detail()).contains("the update channel 'stable', signed by the vendor at 2026-11-30T08:50:00Z,"
                    + " confirmed this computer's clock").contains(AHEAD.toString());
        });
    }

    @Test
    void aReplayedOrStaleSignedTimeConfirmsNothing() {
        witness.confirm("acme", RIGHT.minusSeconds(60), "a channel");
        aheadOnce();
        assertThat(witness.confirm("acme", RIGHT.minusSeconds(60), "the same channel again")).isEmpty();
        assertThat(witness.confirm("acme", RIGHT.minusSeconds(120), "an older one")).isEmpty();
        assertThat(witness.confirm("acme", RIGHT.minus(Duration.ofDays(3)), "one signed days ago")).isEmpty();
        assertThat(witness.ahead()).as("nothing proved the clock right").contains(AHEAD);
        assertThat(witness.latestSigned()).contains(RIGHT.minusSeconds(60));
        assertThat(history()).isEmpty();
    }

    @Test
    void aClockReallySetBackIsNotConfirmedByTheVendorsTime() {
        witness.observe(RIGHT);
        clock.set(RIGHT.minus(Duration.ofDays(30)));
        assertThat(witness.ahead()).contains(RIGHT);
        assertThat(witness.confirm("acme", RIGHT.plusSeconds(30), "the vendor's answer")).isEmpty();
        assertThat(witness.ahead()).contains(RIGHT);
    }

    @Test
    void theAdminsResetMovesBackOnlyAWitnessThatIsAhead() {
        assertThat(witness.reset("acme")).isEmpty();
        witness.observe(RIGHT.plus(Duration.ofMinutes(90)));
        assertThat(witness.ahead()).as("within the tolerance").isEmpty();
        aheadOnce();
        assertThat(witness.reset("acme")).hasValueSatisfying(r -> assertThat(r.how()).isEqualTo("the admin reset the clock check"));
        assertThat(witness.latestSeen()).contains(RIGHT);
        assertThat(history()).hasSize(1);
    }
}
