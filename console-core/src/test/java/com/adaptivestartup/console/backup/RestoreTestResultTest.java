package com.adaptivestartup.console.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.docker.DockerEngine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the throwaway database's answer means (the container itself runs in the end-to-end test). */
class RestoreTestResultTest {
    private static final BackupManifest M = new BackupManifest(1, "acme", "1.1.0", "5", Instant.EPOCH, "manual", null, List.of());

    @Test
    void aSaneDatabasePasses() {
        var t = BackupChecks.parse(M, new DockerEngine.OneOffResult(0, "CREATE DATABASE\nRESULT 5 9 1234 3\n"));
        assertThat(t.summary()).isEqualTo("restored into a throwaway database: schema 5, 9 tables, 1234 rows, 3 users");
    }

    @Test
    void aFailedRestoreAnotherSchemaOrAnEmptyDatabaseFails() {
        assertThatThrownBy(() -> BackupChecks.parse(M, new DockerEngine.OneOffResult(1,
                "pg_restore: error: could not read input file: end of file\n")))
                .hasMessageContaining("did not restore").hasMessageContaining("end of file");
        assertThatThrownBy(() -> BackupChecks.parse(M, new DockerEngine.OneOffResult(0, "RESULT 4 9 1234 3\n")))
                .hasMessage("the restored database has schema 4 but the backup says 5");
        assertThatThrownBy(() -> BackupChecks.parse(M, new DockerEngine.OneOffResult(0, "RESULT 5 9 1234 0\n")))
                .hasMessageContaining("nobody could sign in");
    }
}
