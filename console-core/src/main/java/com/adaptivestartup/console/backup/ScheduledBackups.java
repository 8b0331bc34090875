package com.adaptivestartup.console.backup;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The daily backup: set, shown and turned off here, and run by whoever asks when it is due (the console
 * while it is open, every minute; an OS timer calling {@code adaptivectl backup run-due} when it is not).
 * A due run takes the backup and then prunes to the schedule's {@code keep}; pruning happens here and on
 * request, never as a side effect of anything else.
 */
public final class ScheduledBackups {
    /** A new installation's daily backup: at 02:30 on this computer's clock, the seven newest kept. */
    public static final LocalTime DEFAULT_AT = LocalTime.of(2, 30);
    public static final int DEFAULT_KEEP = 7;

    private final BackupSchedules schedules;
    private final BackupService backups;
    private final Clock clock;

    public ScheduledBackups(BackupSchedules schedules, BackupService backups, Clock clock) {
        this.schedules = schedules;
        this.backups = backups;
        this.clock = clock;
    }

    /** Sets (or changes) the schedule; its first run is the next {@code dailyAt} from now. */
    public BackupSchedule set(String project, LocalTime dailyAt, ZoneId zone, int keep) {
        BackupSchedule s = new BackupSchedule(project, dailyAt, zone, keep, clock.instant());
        schedules.save(s);
        return s;
    }

    /**
     * Gives a newly installed stack the default daily backup, unless it has a schedule already (a reinstall keeps the
     * admin's choice); returns the schedule it has now.
     */
    public BackupSchedule setDefaultIfNone(String project, ZoneId zone) {
        return schedules.find(project).orElseGet(() -> set(project, DEFAULT_AT, zone, DEFAULT_KEEP));
    }

    public Optional<BackupSchedule> find(String project) {
        return schedules.find(project);
    }

    public void turnOff(String project) {
        schedules.remove(project);
    }

    /** The daily backup's time has come and it has not run since (false without a schedule). */
    public boolean isDue(String project) {
        return schedules.find(project).map(s -> s.isDue(clock.instant())).orElse(false);
    }

    /** What a due run did. */
    public record Ran(BackupCatalogue.Backup backup, List<Retention.Decision> pruned) {
    }

    /** Runs the scheduled backup if it is due; empty when it is not (or there is no schedule). */
    public Optional<Ran> runIfDue(String project, BackupService.Listener listener) {
        if (!isDue(project)) {
            return Optional.empty();
        }
        Optional<BackupSchedule> schedule = schedules.find(project);
        BackupCatalogue.Backup b;
        try {
            b = backups.create(project, "scheduled", "daily at " + schedule.get().dailyAt(), null, listener);
        } finally {
            // A failed run is journaled and reported by the caller; it is not retried every minute until tomorrow.
            schedules.save(schedule.get().ranAt(clock.instant()));
        }
        List<Retention.Decision> pruned = backups.store().prune(project, schedule.get().keep(), false).stream()
                .filter(d -> !d.keep()).toList();
        return Optional.of(new Ran(b, pruned));
    }
}
