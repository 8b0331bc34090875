package com.adaptivestartup.console.state;

import com.adaptivestartup.licensing.clock.TimeWitness;
import com.adaptivestartup.licensing.license.LicenseVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The clock witness: the latest time this console has seen (so a clock set back to stretch a license is noticed),
 * kept in the state database beside the latest time the vendor signed a document this console verified.
 *
 * <p>A witness can run ahead: the clock was wrong the other way once (a test with a shifted clock, a dead CMOS
 * battery), and every later check at the right time would refuse. Two ways out, both journaled: a fresh vendor-signed
 * document (an update channel, the heartbeat's standing) whose time lies within {@link #TOLERANCE} of the clock and is
 * later than any signed time seen before confirms the clock ({@link #confirm}); or the admin resets the check
 * ({@link #reset}) after the license was found to verify at the clock's time. A replayed old document cannot confirm
 * anything (its time is not later than one seen), and a clock that is really set back cannot be confirmed (the vendor's
 * time is ahead of it).
 */
public final class ClockWitness implements TimeWitness {
    /** How far the clock may lag behind a time seen before, and how close a signed time must be to confirm it. */
    public static final Duration TOLERANCE = LicenseVerifier.DEFAULT_CLOCK_TOLERANCE;
    private final StateDatabase db;
    private final Clock clock;

    public ClockWitness(StateDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The witness was moved back to the clock's time; {@code how} says why, in words for the history. */
    public record Recovered(Instant was, Instant now, String how) {
    }

    @Override
    public Optional<Instant> latestSeen() {
        return read("seen_ms");
    }

    @Override
    public void observe(Instant now) {
        update("UPDATE clock_witness SET seen_ms = ? WHERE id = 1 AND (seen_ms IS NULL OR seen_ms < ?)", now, now);
    }

    /** The latest signing time of a vendor document this console verified, if any. */
    public Optional<Instant> latestSigned() {
        return read("signed_ms");
    }

    /** The time seen before when it is ahead of the clock by more than the tolerance (the license check refuses). */
    public Optional<Instant> ahead() {
        Instant now = clock.instant();
        return latestSeen().filter(seen -> seen.isAfter(now.plus(TOLERANCE)));
    }

    /**
     * A vendor-signed document dated {@code signedAt} was just verified for {@code project}'s installation
     * ({@code what} names it: "the update channel 'stable'"). Records the time; when the witness is ahead and this
     * document is fresh and close to the clock, the clock is confirmed and the witness moves back to it.
     */
    public Optional<Recovered> confirm(String project, Instant signedAt, String what) {
        boolean later = update("UPDATE clock_witness SET signed_ms = ? WHERE id = 1 AND (signed_ms IS NULL OR signed_ms < ?)",
                signedAt, signedAt);
        Instant now = clock.instant();
        Optional<Instant> was = ahead();
        if (!later || was.isEmpty() || Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            return Optional.empty();
        }
        return moveBack(project, was.get(), now, what + ", signed by the vendor at " + signedAt
                + ", confirmed this computer's clock");
    }

    /**
     * The admin's reset: the witness moves back to the clock. The caller has checked the license verifies at the
     * clock's time; empty when the witness was not ahead (nothing to reset).
     */
    public Optional<Recovered> reset(String project) {
        Instant now = clock.instant();
        return ahead().flatMap(was -> moveBack(project, was, now, "the admin reset the clock check"));
    }

    /** Takes over the witness file an older console kept beside its database, then deletes it. */
    public void importFile(Path file) {
        try {
            if (Files.exists(file)) {
                observe(Instant.parse(Files.readString(file, StandardCharsets.US_ASCII).strip()));
                Files.delete(file);
            }
        } catch (IOException | DateTimeParseException e) {
            // A damaged file counts as nothing seen, as it always did; it is left for whoever wants to look.
        }
    }

    private Optional<Recovered> moveBack(String project, Instant was, Instant now, String how) {
        if (!update("UPDATE clock_witness SET seen_ms = ? WHERE id = 1 AND seen_ms > ?", now, now.plus(TOLERANCE))) {
            return Optional.empty();
        }
        Journal.Operation op = new Journal(db, clock).begin("clock check", project);
        op.record("operation", "done", how + ": the time seen before, " + was + ", was ahead; the clock reads " + now);
        return Optional.of(new Recovered(was, now, how));
    }

    private Optional<Instant> read(String column) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT " + column + " FROM clock_witness WHERE id = 1"); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            long ms = r.getLong(1);
            return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the console's clock check: " + e.getMessage(), e);
        }
    }

    private boolean update(String sql, Instant value, Instant condition) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, value.toEpochMilli());
            s.setLong(2, condition.toEpochMilli());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep the console's clock check: " + e.getMessage(), e);
        }
    }
}
