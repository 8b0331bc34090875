package com.adaptivestartup.console.operate;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.testing.InMemoryEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an installation takes: its own volumes only (by their names in the stack), and its backups folder. */
class DiskUseTest {
    @TempDir
    Path backups;

    @Test
    void onlyThisInstallationsVolumesAndItsBackupsAreCounted() throws Exception {
        InMemoryEngine engine = InMemoryEngine.local();
        engine.ensureVolume("acme_postgres-data", Map.of(StackLabels.PROJECT, "acme"));
        engine.ensureVolume("acme_storage-data", Map.of(StackLabels.PROJECT, "acme"));
        engine.ensureVolume("other_postgres-data", Map.of(StackLabels.PROJECT, "other"));
        engine.volumeHolds("acme_postgres-data", 300L << 20);
        engine.volumeHolds("acme_storage-data", 2L << 30);
        engine.volumeHolds("other_postgres-data", 9L << 30);
        Files.write(backups.resolve("20261201-023000-daily.tar.zst"), new byte[4096]);
        Files.createDirectories(backups.resolve("copies"));
        Files.write(backups.resolve("copies").resolve("one.tar.zst"), new byte[1000]);

        DiskUse.Report r = new DiskUse(engine).of("acme", backups);

        assertThat(r.volumes()).containsExactly(Map.entry("postgres-data", 300L << 20), Map.entry("storage-data", 2L << 30));
        assertThat(r.dataBytes()).isEqualTo((300L << 20) + (2L << 30));
        assertThat(r.backupsBytes()).isEqualTo(5096);
        assertThat(r.backupsFree()).isPositive();
    }

    @Test
    void aBackupsFolderNotMadeYetHoldsNothingAndItsDiskIsStillFound() {
        DiskUse.Report r = new DiskUse(InMemoryEngine.local()).of("acme", backups.resolve("not").resolve("yet"));
        assertThat(r.backupsBytes()).isZero();
        assertThat(r.backupsFree()).isPositive();
        assertThat(r.volumes()).isEmpty();
    }
}
