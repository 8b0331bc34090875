package com.adaptivestartup.console.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.state.StateDatabase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backups folder and its catalogue (a real SQLite database): import, prune, the lock, the tidying. */
class BackupStoreTest {
    @TempDir
    Path dir;
    private BackupStore store;
    private BackupCatalogue catalogue;

    @BeforeEach
    void open() {
        catalogue = new BackupCatalogue(StateDatabase.open(dir.resolve("state")));
        store = new BackupStore(dir.resolve("backups"), catalogue, Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"),
                ZoneOffset.UTC));
    }

    /** A real backup archive made elsewhere (another machine's folder). */
    private Path archiveMadeElsewhere(String created, long seed) throws IOException {
        Path parts = Files.createDirectories(dir.resolve("elsewhere-parts-" + seed));
        byte[] dump = new byte[50_000];
        new Random(seed).nextBytes(dump);
        Path db = Files.write(parts.resolve("db"), dump);
        Path env = Files.writeString(parts.resolve("env"), "HTTP_PORT=8080\n");
        BackupManifest header = new BackupManifest(1, "acme", "1.1.0", "5", Instant.parse(created), "manual", "weekly copy",
                List.of());
        Path target = Files.createDirectories(dir.resolve("usb-stick")).resolve("acme-" + seed + ".tar");
        return BackupArchive.write(target, header, List.of(new BackupArchive.Part(BackupLayout.DATABASE, db),
                new BackupArchive.Part("config/.env", env)), null).file();
    }

    private BackupCatalogue.Backup listed(String id, String created) throws IOException {
        Path file = Files.createDirectories(store.folder("acme")).resolve("adaptive-acme-" + id + ".tar");
        Files.writeString(file, "archive " + id);
        BackupCatalogue.Backup b = new BackupCatalogue.Backup(id, "acme", file, "scheduled", "1.1.0", "5",
                Instant.parse(created), 10, id, false, null, null, null, null);
        catalogue.add(b);
        return b;
    }

    @Test
    void anImportedBackupIsCopiedInCheckedAndListedOnce() throws Exception {
        Path original = archiveMadeElsewhere("2026-11-20T02:30:00Z", 1);
        BackupStore.Imported first = store.importFile("acme", original, null);
        assertThat(first.alreadyListed()).isFalse();
        assertThat(first.backup().file().getParent()).isEqualTo(store.folder("acme"));
        assertThat(Files.readAllBytes(first.backup().file())).isEqualTo(Files.readAllBytes(original));
        assertThat(first.backup().verified().result()).isEqualTo("ok");
        assertThat(first.backup().note()).contains("weekly copy", "imported from " + original.toAbsolutePath());
        assertThat(store.list("acme")).extracting(BackupCatalogue.Backup::id).containsExactly("20261120-023000-manual");

        BackupStore.Imported again = store.importFile("acme", original, null);
        assertThat(again.alreadyListed()).isTrue();
        assertThat(store.list("acme")).hasSize(1);
        try (var files = Files.list(store.folder("acme"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock"))).hasSize(1);
        }
    }

    @Test
    void backupsInTheFolderThatTheCatalogueDoesNotKnowAreListedOnceAndEncryptedOnesNamed() throws Exception {
        Path folder = Files.createDirectories(store.folder("acme"));
        Files.copy(archiveMadeElsewhere("2026-11-19T02:30:00Z", 3), folder.resolve("adaptive-acme-20261119-023000-manual.tar"));
        Path parts = Files.createDirectories(dir.resolve("enc-parts"));
        Path db = Files.write(parts.resolve("db"), new byte[1000]);
        BackupArchive.write(folder.resolve("adaptive-acme-20261118-023000-manual.tar.enc"), new BackupManifest(1, "acme",
                "1.1.0", "5", Instant.parse("2026-11-18T02:30:00Z"), "manual", null, List.of()),
                List.of(new BackupArchive.Part(BackupLayout.DATABASE, db)), "a long passphrase".toCharArray());
        Files.writeString(folder.resolve("adaptive-acme-damaged.tar"), "not an archive");
        Files.writeString(folder.resolve("notes.txt"), "the admin's own file");

        assertThat(store.list("acme")).singleElement().satisfies(b -> {
            assertThat(b.id()).isEqualTo("20261119-023000-manual");
            assertThat(b.note()).isEqualTo("weekly copy; found in the backups folder");
            assertThat(b.verified()).as("listed, not vouched for").isNull();
            assertThat(b.sha256()).hasSize(64);
        });
        assertThat(store.discover("acme").encrypted()).extracting(p -> p.getFileName().toString())
                .containsExactly("adaptive-acme-20261118-023000-manual.tar.enc");
        assertThat(store.list("acme")).hasSize(1);
        assertThat(folder.resolve("adaptive-acme-damaged.tar")).as("left alone").exists();
    }

    @Test
    void aBackupsFolderThatCannotBeWrittenIsSaidInWords() throws Exception {
        assertThatThrownBy(() -> BackupStore.checkWritable(Path.of("/proc/adaptive-no-such/backups")))
                .isInstanceOf(BackupProblem.class).hasMessageContaining("the folder cannot be made there");
        Path ok = dir.resolve("another disk/backups");
        BackupStore.checkWritable(ok);
        try (var files = Files.list(ok)) {
            assertThat(files).as("the check leaves nothing behind").isEmpty();
        }
    }

    @Test
    void aDamagedFileIsNotImportedAndLeavesNothingBehind() throws Exception {
        Path original = archiveMadeElsewhere("2026-11-20T02:30:00Z", 2);
        try (RandomAccessFile f = new RandomAccessFile(original.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 1);
        }
        assertThatThrownBy(() -> store.importFile("acme", original, null)).isInstanceOf(BackupProblem.class);
        assertThat(store.list("acme")).isEmpty();
        try (var files = Files.list(store.folder("acme"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".lock");
        }
        assertThatThrownBy(() -> store.importFile("acme", dir.resolve("no-such.tar"), null))
                .hasMessage("there is no file " + dir.resolve("no-such.tar"));
    }

    @Test
    void pruneDeletesFilesAndEntriesButADryRunDeletesNothing() throws Exception {
        listed("d4", "2026-11-24T02:30:00Z");
        BackupCatalogue.Backup d3 = listed("d3", "2026-11-23T02:30:00Z");
        catalogue.hold(d3.id(), "taken before the update to 1.2.0, not confirmed yet");
        BackupCatalogue.Backup d2 = listed("d2", "2026-11-22T02:30:00Z");
        BackupCatalogue.Backup d1 = listed("d1", "2026-11-21T02:30:00Z");

        List<Retention.Decision> preview = store.prune("acme", 1, true);
        assertThat(preview).filteredOn(d -> !d.keep()).extracting(d -> d.backup().id()).containsExactly("d2", "d1");
        assertThat(store.list("acme")).hasSize(4);
        assertThat(d1.file()).exists();

        store.prune("acme", 1, false);
        assertThat(store.list("acme")).extracting(BackupCatalogue.Backup::id).containsExactly("d4", "d3");
        assertThat(d2.file()).doesNotExist();
        assertThat(d1.file()).doesNotExist();
        assertThat(d3.file()).exists();

        catalogue.hold(d3.id(), null);
        store.prune("acme", 1, false);
        assertThat(store.list("acme")).extracting(BackupCatalogue.Backup::id).containsExactly("d4");
    }

    @Test
    void pruneNeverDeletesAFileOutsideTheBackupsFolder() throws Exception {
        listed("d2", "2026-11-22T02:30:00Z");
        Path outside = Files.writeString(dir.resolve("kept-by-the-admin.tar"), "theirs");
        catalogue.add(new BackupCatalogue.Backup("d1", "acme", outside, "manual", "1.1.0", "5",
                Instant.parse("2026-11-21T02:30:00Z"), 6, "x", false, null, null, null, null));
        List<Retention.Decision> done = store.prune("acme", 1, false);
        assertThat(store.list("acme")).extracting(BackupCatalogue.Backup::id).containsExactly("d2");
        assertThat(outside).exists();
        assertThat(done.get(1).reason()).contains("outside the backups folder and was left");
    }

    @Test
    void oneOperationAtATimeAndTheNextHolderTidiesWhatACrashLeft() throws Exception {
        Path folder = Files.createDirectories(store.folder("acme"));
        Path partial = Files.writeString(folder.resolve("adaptive-acme-20261128-120000-manual.tar.partial"), "half");
        Path staging = Files.createDirectories(folder.resolve(".staging-20261128-120000-manual"));
        Files.writeString(staging.resolve("database.dump"), "half a dump");
        Path complete = listed("d1", "2026-11-21T02:30:00Z").file();
        try (BackupFolderLock lock = store.lock("acme")) {
            assertThat(lock.tidied()).containsExactlyInAnyOrder(partial, staging);
            assertThat(partial).doesNotExist();
            assertThat(staging).doesNotExist();
            assertThat(complete).exists();
            assertThatThrownBy(() -> store.prune("acme", 1, false)).isInstanceOf(BackupProblem.class)
                    .hasMessageStartingWith("another backup, restore or prune of 'acme' is running (process "
                            + ProcessHandle.current().pid() + ")");
        }
        assertThat(store.prune("acme", 1, true)).hasSize(1);
    }

    @Test
    void aListedBackupWhoseFileWasDeletedIsReportedNotUsed() throws Exception {
        BackupCatalogue.Backup b = listed("d1", "2026-11-21T02:30:00Z");
        Files.delete(b.file());
        assertThatThrownBy(() -> store.locate("d1")).hasMessageContaining("is listed but its file")
                .hasMessageContaining("is gone");
        assertThatThrownBy(() -> store.locate("nothing-like-it")).hasMessageContaining("adaptivectl backup list");
        assertThat(new String(Files.readAllBytes(dir.resolve("state").resolve("console.db")), StandardCharsets.ISO_8859_1))
                .isNotEmpty();
    }

    @Test
    void aBackupCopiedToAnotherDiskIsWholeOrNotThereAndNothingIsOverwritten() throws Exception {
        BackupStore.Imported imported = store.importFile("acme", archiveMadeElsewhere("2026-11-20T02:30:00Z", 5), null);
        String id = imported.backup().id();
        Path disk = dir.resolve("external disk/adaptive");
        List<Long> progress = new java.util.ArrayList<>();
        Path copy = new BackupCopy(store).copy(id, disk, progress::add);
        assertThat(copy).isEqualTo(disk.resolve(imported.backup().file().getFileName()));
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(imported.backup().file()));
        assertThat(progress).last().isEqualTo(imported.backup().size());
        assertThat(Files.getPosixFilePermissions(copy)).as("as private as the backup")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(BackupArchive.read(copy, null, name -> null).sha256()).isEqualTo(imported.backup().sha256());
        assertThat(new BackupCopy(store).copy(id, disk, n -> { })).as("copied again: the whole copy is kept").isEqualTo(copy);

        Path other = Files.createDirectories(dir.resolve("other disk"));
        Files.writeString(other.resolve(copy.getFileName()), "someone else's file");
        assertThatThrownBy(() -> new BackupCopy(store).copy(id, other, n -> { })).isInstanceOf(BackupProblem.class)
                .hasMessage("a different file named " + copy.getFileName() + " is already in " + other + "; nothing was"
                        + " overwritten. Choose another folder, or move that file away first");
        assertThat(Files.readString(other.resolve(copy.getFileName()))).isEqualTo("someone else's file");
        assertThatThrownBy(() -> new BackupCopy(store).copy(id, store.folder("acme"), n -> { }))
                .hasMessage("the backup " + id + " is already in " + store.folder("acme") + "; choose another folder");
        assertThatThrownBy(() -> new BackupCopy(store).copy("20990101-000000-manual", disk, n -> { }))
                .hasMessage("there is no backup '20990101-000000-manual': give an id from `adaptivectl backup list`");
        try (var files = Files.list(disk)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial copy left behind")
                    .containsExactly(copy.getFileName().toString());
        }
    }

    @Test
    void aCopyThatDoesNotMatchTheBackupIsRemovedAndSaid() throws Exception {
        BackupCatalogue.Backup b = listed("20261121-023000-scheduled", "2026-11-21T02:30:00Z");   // its recorded SHA-256 is wrong
        Path disk = dir.resolve("usb");
        assertThatThrownBy(() -> new BackupCopy(store).copy(b.id(), disk, n -> { })).isInstanceOf(BackupProblem.class)
                .hasMessageStartingWith("the copy in " + disk + " does not match the backup (its SHA-256 differs)");
        try (var files = Files.list(disk)) {
            assertThat(files).isEmpty();
        }
    }
}
