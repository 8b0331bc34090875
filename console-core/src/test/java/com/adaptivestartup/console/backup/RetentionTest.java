package com.adaptivestartup.console.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static BackupCatalogue.Backup backup(String id, int day, String hold, String verify) {
        return new BackupCatalogue.Backup(id, "acme", Path.of("/b/" + id + ".tar"), "scheduled", "1.1.0", "5",
                Instant.parse("2026-11-01T02:00:00Z").plusSeconds(86400L * day), 10, "00", false, null,
                verify == null ? null : new BackupCatalogue.Proof(Instant.EPOCH, verify), null, hold);
    }

    private static List<String> deleted(List<Retention.Decision> d) {
        return d.stream().filter(x -> !x.keep()).map(x -> x.backup().id()).toList();
    }

    @Test
    void keepsTheNewestAndDeletesTheRestOldestLast() {
        var all = List.of(backup("d5", 5, null, null), backup("d4", 4, null, "ok"), backup("d3", 3, null, null),
                backup("d2", 2, null, null), backup("d1", 1, null, null));
        assertThat(deleted(Retention.decide(all, 2))).containsExactly("d3", "d2", "d1");
        assertThat(deleted(Retention.decide(all, 5))).isEmpty();
    }

    @Test
    void neverDeletesTheNewestGoodBackupEvenWhenNewerOnesFailedTheirChecks() {
        var all = List.of(backup("d5", 5, null, "failed: checksum"), backup("d4", 4, null, "failed: truncated"),
                backup("d3", 3, null, "ok"), backup("d2", 2, null, null));
        List<Retention.Decision> d = Retention.decide(all, 1);
        assertThat(deleted(d)).containsExactly("d4", "d2");
        assertThat(d).filteredOn(x -> x.backup().id().equals("d3")).singleElement()
                .satisfies(x -> assertThat(x.reason()).isEqualTo("the newest good backup"));
    }

    @Test
    void neverDeletesAHeldBackupAndAHeldOneDoesNotTakeASlot() {
        var all = List.of(backup("d5", 5, null, null), backup("d4", 4, null, null),
                backup("d3", 3, "taken before the update to 1.2.0, not confirmed yet", null), backup("d2", 2, null, null));
        List<Retention.Decision> d = Retention.decide(all, 2);
        assertThat(deleted(d)).containsExactly("d2");
        assertThat(d.get(2).reason()).startsWith("held: taken before the update");
    }

    @Test
    void keepBelowOneIsRefused() {
        assertThatThrownBy(() -> Retention.decide(List.of(), 0)).isInstanceOf(BackupProblem.class)
                .hasMessageContaining("at least 1");
    }
}
