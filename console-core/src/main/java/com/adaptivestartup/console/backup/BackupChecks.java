package com.adaptivestartup.console.backup;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.console.state.Installations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Proof that a backup is good, recorded in the catalogue when the backup is listed there. {@link #verify}
 * re-reads the archive and checks every checksum. {@link #restoreTest} goes further: it restores the
 * database dump into a throwaway PostgreSQL (the stack's own image, no network, nothing of the install
 * mounted) and asks it a sanity question, so the backup is proven restorable without touching the install.
 */
public final class BackupChecks {
    private final DockerEngine engine;
    private final Installations installations;
    private final BackupStore store;

    public BackupChecks(DockerEngine engine, Installations installations, BackupStore store) {
        this.engine = engine;
        this.installations = installations;
        this.store = store;
    }

    public BackupArchive.Checked verify(String idOrFile, char[] passphrase) {
        Path file = store.locate(idOrFile);
        Optional<BackupCatalogue.Backup> known = store.catalogue().findByFile(file);
        try {
            BackupArchive.Checked checked = BackupArchive.read(file, passphrase, name -> null);
            known.ifPresent(b -> {
                if (!b.sha256().equals(checked.sha256())) {
                    throw new BackupProblem("the backup file " + file + " changed since it was made (its SHA-256 differs)");
                }
            });
            known.ifPresent(b -> store.catalogue().recordVerification(b.id(), proof("ok")));
            return checked;
        } catch (BackupProblem e) {
            known.ifPresent(b -> store.catalogue().recordVerification(b.id(), proof("failed: " + e.getMessage())));
            throw e;
        }
    }

    /** What the throwaway database held after the restore. */
    public record RestoreTest(BackupManifest manifest, String schemaVersion, int tables, long rows, long users) {
        public String summary() {
            return "restored into a throwaway database: schema " + schemaVersion + ", " + tables + " tables, " + rows
                    + " rows, " + users + " user" + (users == 1 ? "" : "s");
        }
    }

    public RestoreTest restoreTest(String project, String idOrFile, char[] passphrase) {
        Installations.Installation inst = installations.find(project).orElseThrow(() -> new BackupProblem(
                "there is no installation '" + project + "' on this machine; the restore test uses its database image"));
        Path file = store.locate(idOrFile);
        Optional<BackupCatalogue.Backup> known = store.catalogue().findByFile(file);
        try (BackupFolderLock lock = store.lock(project)) {
            Path staging = store.folder(project).resolve(".restore-test-" + Long.toHexString(System.nanoTime()));
            try {
                Files.createDirectories(staging);
                InstallDirectory dir = new InstallDirectory(inst.directory());
                StackPlan plan = dir.readPlan();
                BackupRecipe recipe = BackupRecipe.of(plan);
                BackupArchive.Checked checked = BackupArchive.read(file, passphrase, name -> name.equals(recipe.databasePart())
                        ? Files.newOutputStream(staging.resolve(name), StandardOpenOption.CREATE_NEW) : null);
                if (!Files.exists(staging.resolve(recipe.databasePart()))) {
                    throw new BackupProblem("this backup holds no database of this installation's kind (it is "
                            + recipe.otherKind() + "); test it with an installation of its own edition");
                }
                StackDeployer d = new StackDeployer(engine, project, dir.path(), inst.version());
                DockerEngine.OneOffResult r = new HelperContainer(engine).isolated(d, plan.service(recipe.helperService()).image(),
                        staging, recipe.script("restore-test.sh"));
                RestoreTest result = parse(checked.manifest(), r);
                known.ifPresent(b -> store.catalogue().recordRestoreTest(b.id(), proof("ok: " + result.summary())));
                return result;
            } finally {
                InstallDirectory.deleteTree(staging);
            }
        } catch (BackupProblem e) {
            known.ifPresent(b -> store.catalogue().recordRestoreTest(b.id(), proof("failed: " + e.getMessage())));
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RestoreTest parse(BackupManifest manifest, DockerEngine.OneOffResult r) {
        List<String> lines = r.output().lines().toList();
        String last = lines.stream().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).orElse(null);
        if (r.exitCode() != 0 || last == null) {
            throw new BackupProblem("the database dump did not restore into a throwaway database (exit code " + r.exitCode()
                    + "): " + HelperContainer.tail(r.output()));
        }
        String[] f = last.split(" ");
        RestoreTest t = new RestoreTest(manifest, f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
        if (!t.schemaVersion().equals(manifest.schemaVersion())) {
            throw new BackupProblem("the restored database has schema " + t.schemaVersion() + " but the backup says "
                    + manifest.schemaVersion());
        }
        if (t.tables() == 0 || t.users() == 0) {
            throw new BackupProblem("the restored database is empty (" + t.summary() + "): nobody could sign in to it");
        }
        return t;
    }

    private BackupCatalogue.Proof proof(String result) {
        return new BackupCatalogue.Proof(store.clock().instant(), result);
    }
}
