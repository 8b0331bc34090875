package com.adaptivestartup.console.cloudimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.backup.BackupCatalogue;
import com.adaptivestartup.console.backup.BackupService;
import com.adaptivestartup.console.backup.BackupStore;
import com.adaptivestartup.console.stack.ServerCommand;
import com.adaptivestartup.console.state.AuditAnchors;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.console.testing.InMemoryEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console refuses before anything runs (no backup taken, no container started): an installation that is
 * not there, a release that cannot import, an export that is missing, a folder, or that the stack's user cannot read.
 * The import itself runs against a real stack in the browser story (web/e2e/cloud-import.e2e.mjs).
 */
class CloudImportServiceTest {
    @TempDir
    Path dir;
    private InMemoryEngine engine;
    private CloudImportService service;
    private Installations installations;
    private Journal journal;

    @BeforeEach
    void setUp() {
        StateDatabase state = StateDatabase.open(dir.resolve("state"));
        engine = InMemoryEngine.local();
        installations = new Installations(state, Clock.systemUTC());
        journal = new Journal(state, Clock.systemUTC());
        BackupService backups = new BackupService(engine, installations, journal,
                new BackupStore(dir.resolve("backups"), new BackupCatalogue(state), Clock.systemUTC()),
                new AuditAnchors(state, Clock.systemUTC()));
        service = new CloudImportService(installations, backups, new ServerCommand(engine), journal, Clock.systemUTC());
    }

    private void installed(String version) {
        installations.save(new Installations.Installation("acme", dir.resolve("stack"), version, 8080, "a@acme.com",
                "127.0.0.1:5000", "license"));
    }

    private String refusal(Path export) {
        try {
            service.run("acme", export, new CloudImportService.Options(true, false, false), CloudImportService.Listener.SILENT);
            throw new AssertionError("not refused");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void eachRefusalIsOneSentenceAndNothingRuns() throws Exception {
        assertThat(refusal(dir.resolve("export.zip"))).isEqualTo("there is no installation 'acme' on this computer");
        installed("1.1.0");
        assertThat(refusal(dir.resolve("export.zip"))).isEqualTo("release 1.1.0 cannot import from Adaptive Startup"
                + " Cloud; update to 1.2.0 or newer first (adaptivectl update check)");
        installed("1.2.0");
        assertThat(refusal(dir.resolve("nowhere.zip"))).startsWith("there is no file ").endsWith("nowhere.zip; give the"
                + " .zip the cloud's export made");
        assertThat(refusal(Files.createDirectories(dir.resolve("a-folder.zip")))).endsWith("a-folder.zip is a folder;"
                + " give the .zip file the cloud's export made");
        Path secret = Files.writeString(dir.resolve("private.zip"), "PK");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        assertThat(refusal(secret)).contains("readable only by its owner: make it readable (chmod o+r");
        assertThat(engine.calls()).isEmpty();
        assertThat(service.history("acme")).isEmpty();
    }

    @Test
    void theHistoryReadsTheSavedReportsNewestFirst() throws Exception {
        installed("1.2.0");
        Path imports = Files.createDirectories(dir.resolve("stack").resolve(CloudImportService.FOLDER));
        Files.writeString(imports.resolve("20261130-100000-dry-run.json"), "{\"export\":\"a.zip\",\"dryRun\":true,"
                + "\"finishedAt\":\"2026-11-30T10:00:00Z\",\"verification\":{\"ok\":true}}");
        Files.writeString(imports.resolve("20261130-110000-import.json"), "{\"export\":\"a.zip\",\"dryRun\":false,"
                + "\"finishedAt\":\"2026-11-30T11:00:00Z\",\"verification\":{\"ok\":true},\"tables\":{\"goals\":"
                + "{\"into\":\"goals\",\"read\":4,\"created\":4}}}");
        Files.writeString(imports.resolve("20261130-110000-import-links.txt"), "not a report");
        var saved = service.history("acme");
        assertThat(saved).hasSize(2);
        assertThat(saved.get(0).summary().sentence()).startsWith("Imported a.zip: 4 documents read, 4 records created");
        assertThat(saved.get(1).summary().dryRun()).isTrue();
    }
}
