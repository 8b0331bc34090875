package com.adaptivestartup.console.backup;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * A daily backup at a local time, keeping the {@code keep} newest. {@code lastRun} is when it last ran (or
 * was set up: a schedule never fires for a time that passed before it existed). A machine that was off
 * at the time catches up once, not once per missed day.
 */
public record BackupSchedule(String project, LocalTime dailyAt, ZoneId zone, int keep, Instant lastRun) {

    public BackupSchedule {
        if (keep < 1 || keep > 365) {
            throw new BackupProblem("keep must be from 1 to 365 backups");
        }
    }

    /** "02:30" → 02:30; anything else is a clear error. */
    public static LocalTime parseTime(String text) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BackupProblem("'" + text + "' is not a time of day: write it as HH:MM, for example 02:30");
        }
    }

    /** The first scheduled time after the last run. */
    public Instant nextRun() {
        ZonedDateTime last = lastRun.atZone(zone);
        ZonedDateTime slot = last.toLocalDate().atTime(dailyAt).atZone(zone);
        if (!slot.toInstant().isAfter(lastRun)) {
            slot = last.toLocalDate().plusDays(1).atTime(dailyAt).atZone(zone);
        }
        return slot.toInstant();
    }

    public boolean isDue(Instant now) {
        return !now.isBefore(nextRun());
    }

    public BackupSchedule ranAt(Instant at) {
        return new BackupSchedule(project, dailyAt, zone, keep, at);
    }
}
