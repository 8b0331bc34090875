package com.adaptivestartup.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal of a real SQLite state read back as operations with their outcomes. */
class HistoryTest {
    @TempDir
    Path dir;

    @Test
    void operationsAreGroupedNewestFirstWithTheirOutcome() {
        Journal journal = new Journal(StateDatabase.open(dir), Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC));
        Journal.Operation install = journal.begin("install", "acme");
        install.record("pull", "done", "5 images");
        install.record("operation", "done", "1.0.0");
        Journal.Operation update = journal.begin("update", "acme");
        update.record("backup", "done", "b1");
        update.record("operation", "failed", "the update to 1.1.0 failed; rolled back to 1.0.0");
        Journal.Operation backup = journal.begin("backup", "acme");
        backup.record("dump", "started", null);
        journal.begin("install", "other").record("operation", "done", "x");

        var history = History.of(journal.entries("acme", 100));
        assertThat(history).extracting(History.Operation::name).containsExactly("backup", "update", "install");
        assertThat(history.get(0).outcome()).isEqualTo("unfinished");
        assertThat(history.get(0).detail()).isEqualTo("dump started");
        assertThat(history.get(0).ended()).isNull();
        assertThat(history.get(1).outcome()).isEqualTo("failed");
        assertThat(history.get(1).detail()).isEqualTo("the update to 1.1.0 failed; rolled back to 1.0.0");
        assertThat(history.get(2).outcome()).isEqualTo("done");
        assertThat(history.get(2).steps()).extracting(Journal.Entry::step).contains("pull", "operation");
    }
}
