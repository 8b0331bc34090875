package com.adaptivestartup.console.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BackupScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static BackupSchedule at(String time, String lastRun) {
        return new BackupSchedule("acme", LocalTime.parse(time), BERLIN, 7, Instant.parse(lastRun));
    }

    @Test
    void firesAtTheNextLocalTimeAfterItWasSetNeverForATimeThatAlreadyPassed() {
        // Set at 10:00 Berlin (09:00 UTC) for 02:30: the first run is tomorrow 02:30 Berlin, not at once.
        BackupSchedule s = at("02:30", "2026-11-28T09:00:00Z");
        assertThat(s.nextRun()).isEqualTo(Instant.parse("2026-11-29T01:30:00Z"));
        assertThat(s.isDue(Instant.parse("2026-11-29T01:29:59Z"))).isFalse();
        assertThat(s.isDue(Instant.parse("2026-11-29T01:30:00Z"))).isTrue();
        // Set at 01:00 Berlin for 02:30: the same night.
        assertThat(at("02:30", "2026-11-28T00:00:00Z").nextRun()).isEqualTo(Instant.parse("2026-11-28T01:30:00Z"));
    }

    @Test
    void aMachineThatWasOffForDaysCatchesUpOnceNotOncePerDay() {
        BackupSchedule s = at("02:30", "2026-11-20T01:30:00Z");
        Instant backOn = Instant.parse("2026-11-28T08:00:00Z");
        assertThat(s.isDue(backOn)).isTrue();
        BackupSchedule after = s.ranAt(backOn);
        assertThat(after.isDue(backOn.plusSeconds(60))).isFalse();
        assertThat(after.nextRun()).isEqualTo(Instant.parse("2026-11-29T01:30:00Z"));
    }

    @Test
    void followsTheLocalClockAcrossDaylightSavingTime() {
        // Berlin leaves summer time on 2026-10-25: 02:30 local is 00:30 UTC before, 01:30 UTC after.
        assertThat(at("02:30", "2026-10-25T12:00:00Z").nextRun()).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(at("02:30", "2026-10-23T12:00:00Z").nextRun()).isEqualTo(Instant.parse("2026-10-24T00:30:00Z"));
    }

    @Test
    void badInputIsExplained() {
        assertThatThrownBy(() -> BackupSchedule.parseTime("25:00")).hasMessageContaining("HH:MM, for example 02:30");
        assertThatThrownBy(() -> BackupSchedule.parseTime("at night")).hasMessageContaining("not a time of day");
        assertThatThrownBy(() -> new BackupSchedule("acme", LocalTime.NOON, BERLIN, 0, Instant.EPOCH))
                .hasMessageContaining("keep must be from 1 to 365");
        assertThat(BackupSchedule.parseTime(" 02:30 ")).isEqualTo(LocalTime.of(2, 30));
    }

    @Test
    void aNewInstallationGetsTheDefaultDailyBackupButAChosenScheduleIsKept(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path dir) {
        var state = com.adaptivestartup.console.state.StateDatabase.open(dir);
        ScheduledBackups scheduled = new ScheduledBackups(new BackupSchedules(state), null,
                java.time.Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), BERLIN));
        BackupSchedule first = scheduled.setDefaultIfNone("acme", BERLIN);
        assertThat(first.dailyAt()).isEqualTo(LocalTime.of(2, 30));
        assertThat(first.keep()).isEqualTo(7);
        assertThat(first.nextRun()).as("the first night after the install").isEqualTo(Instant.parse("2026-11-29T01:30:00Z"));
        scheduled.set("acme", LocalTime.of(23, 0), BERLIN, 30);
        BackupSchedule again = scheduled.setDefaultIfNone("acme", BERLIN);
        assertThat(again.dailyAt()).as("an install run again keeps what the admin chose").isEqualTo(LocalTime.of(23, 0));
        assertThat(again.keep()).isEqualTo(30);
    }
}
