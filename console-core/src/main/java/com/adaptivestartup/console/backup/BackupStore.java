package com.adaptivestartup.console.backup;

import com.adaptivestartup.licensing.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where backups live: one folder per installation ({@code <state>/backups/<project>/}) and the catalogue
 * that lists them. Finds a backup by id or file, imports a file made elsewhere (copied in and checked
 * whole before it is listed), and prunes by {@link Retention}. Backup operations on one installation
 * take its folder's lock.
 */
public final class BackupStore {
    static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Path root;
    private final BackupCatalogue catalogue;
    private final Clock clock;

    public BackupStore(Path root, BackupCatalogue catalogue, Clock clock) {
        this.root = root;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * Checks backups can be written in {@code folder} (made if missing): a file is written, flushed and removed.
     * Throws {@link BackupProblem} with the reason in words.
     */
    public static void checkWritable(Path folder) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".write-check-", ".tmp");
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[4096]));
                ch.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BackupProblem("backups cannot be written in " + folder + ": this account may not write there; choose"
                    + " another folder or give it write access", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BackupProblem("backups cannot be written in " + folder + ": the folder cannot be made there (is the"
                    + " disk or share mounted?); choose another folder", e);
        } catch (java.nio.file.FileSystemException e) {
            String why = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            throw new BackupProblem("backups cannot be written in " + folder + " (" + why + "); choose another folder", e);
        } catch (IOException e) {
            throw new BackupProblem("backups cannot be written in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The folder backups are written to, for all installations. */
    public Path root() {
        return root;
    }

    public Path folder(String project) {
        return root.resolve(project);
    }

    public BackupCatalogue catalogue() {
        return catalogue;
    }

    Clock clock() {
        return clock;
    }

    BackupFolderLock lock(String project) {
        return BackupFolderLock.acquire(folder(project), project);
    }

    /** The installation's backups, newest first, after listing any the folder holds that the catalogue did not know. */
    public List<BackupCatalogue.Backup> list(String project) {
        discover(project);
        return catalogue.list(project);
    }

    /** What {@link #discover} found: backups it listed, and encrypted files it could not read without their passphrase. */
    public record Discovered(List<BackupCatalogue.Backup> listed, List<Path> encrypted) {
    }

    /**
     * Lists the complete backup files in the installation's folder that the catalogue does not know: a folder an
     * older console wrote, a console home made anew after a disaster, a shared folder another machine backs up to. A
     * plain file is read (its manifest and checksum) and listed as not verified yet; an encrypted one needs its
     * passphrase and is only named (for {@code adaptivectl backup import}). While a backup operation holds the
     * folder nothing is looked at (what it writes is its own to list).
     */
    public Discovered discover(String project) {
        Path folder = folder(project);
        if (!Files.isDirectory(folder)) {
            return new Discovered(List.of(), List.of());
        }
        List<Path> candidates = new ArrayList<>();
        try (var files = Files.newDirectoryStream(folder, "adaptive-*.{tar,tar.enc}")) {
            for (Path f : files) {
                if (Files.isRegularFile(f) && catalogue.findByFile(f).isEmpty()) {
                    candidates.add(f);
                }
            }
        } catch (IOException e) {
            return new Discovered(List.of(), List.of());
        }
        if (candidates.isEmpty()) {
            return new Discovered(List.of(), List.of());
        }
        List<BackupCatalogue.Backup> listed = new ArrayList<>();
        List<Path> encrypted = new ArrayList<>();
        BackupFolderLock lock;
        try {
            lock = lock(project);
        } catch (BackupProblem busy) {
            return new Discovered(List.of(), List.of());
        }
        try (lock) {
            for (Path f : candidates) {
                if (f.getFileName().toString().endsWith(".enc")) {
                    encrypted.add(f);
                    continue;
                }
                try {
                    BackupManifest m = BackupArchive.peekManifest(f, null);
                    String sha256 = BackupArchive.sha256(f);
                    if (catalogue.findBySha256(project, sha256).isPresent() || catalogue.findByFile(f).isPresent()) {
                        continue;
                    }
                    String id = ID.format(m.createdAt()) + "-" + m.kind();
                    if (catalogue.find(id).isPresent()) {
                        id = id + "-found-" + sha256.substring(0, 8);
                    }
                    BackupCatalogue.Backup b = new BackupCatalogue.Backup(id, project, f, m.kind(), m.appVersion(),
                            m.schemaVersion(), m.createdAt(), Files.size(f), sha256, false,
                            (m.note() == null ? "" : m.note() + "; ") + "found in the backups folder"
                                    + (m.project().equals(project) ? "" : " (made for the installation '" + m.project() + "')"),
                            null, null, null);
                    catalogue.add(b);
                    listed.add(b);
                } catch (RuntimeException | IOException e) {
                    // not a backup this console can read (damaged, another format): left alone, not listed
                }
            }
        }
        return new Discovered(listed, encrypted);
    }

    /** Finds a backup by its id in the catalogue, or a file (which need not be in the catalogue). */
    public Path locate(String idOrFile) {
        Optional<BackupCatalogue.Backup> known = catalogue.find(idOrFile);
        if (known.isPresent()) {
            if (!Files.isRegularFile(known.get().file())) {
                throw new BackupProblem("the backup " + idOrFile + " is listed but its file " + known.get().file()
                        + " is gone (moved or deleted outside the console)");
            }
            return known.get().file();
        }
        Path file = Path.of(idOrFile);
        if (Files.isRegularFile(file)) {
            return file;
        }
        throw new BackupProblem("there is no backup '" + idOrFile + "': give an id from `adaptivectl backup list` or a backup file");
    }

    /**
     * Refuses to start a backup that will not fit: the staged parts and the archive need about twice the
     * last backup's size (a first backup: 1 GB) free in the backups folder.
     */
    void checkRoomFor(String project) {
        long last = catalogue.list(project).stream().mapToLong(BackupCatalogue.Backup::size).findFirst().orElse(512L << 20);
        long needed = 2 * last;
        try {
            long free = Files.getFileStore(Files.createDirectories(folder(project))).getUsableSpace();
            if (free < needed) {
                throw new BackupProblem(String.format("a backup needs about %.1f GB free in %s, and there are %.1f GB; free"
                        + " some space (or prune old backups) first. Nothing was changed.", needed / 1e9, folder(project), free / 1e9));
            }
        } catch (IOException e) {
            throw new BackupProblem("cannot tell the free space in " + folder(project) + ": " + e.getMessage(), e);
        }
    }

    /** What an import did: the backup as listed, and whether it was already there (same SHA-256). */
    public record Imported(BackupCatalogue.Backup backup, boolean alreadyListed) {
    }

    /**
     * Copies a backup file into the installation's folder, checks the copy whole (every checksum, and the
     * passphrase when it is encrypted), and only then lists it. A file that is already listed is not copied.
     */
    public Imported importFile(String project, Path file, char[] passphrase) {
        if (!Files.isRegularFile(file)) {
            throw new BackupProblem("there is no file " + file);
        }
        try (BackupFolderLock lock = lock(project)) {
            Path folder = folder(project);
            String name = file.getFileName().toString();
            Path partial = folder.resolve(".import-" + Long.toHexString(System.nanoTime()) + BackupArchive.PARTIAL_SUFFIX);
            try {
                try (InputStream in = Files.newInputStream(file);
                     OutputStream out = Files.newOutputStream(PrivateFiles.createFile(partial), StandardOpenOption.WRITE)) {
                    in.transferTo(out);
                }
                try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                BackupArchive.Checked checked = BackupArchive.read(partial, passphrase, entry -> null);
                Optional<BackupCatalogue.Backup> same = catalogue.findBySha256(project, checked.sha256());
                if (same.isPresent()) {
                    return new Imported(same.get(), true);
                }
                BackupManifest m = checked.manifest();
                String id = ID.format(m.createdAt()) + "-" + m.kind();
                if (catalogue.find(id).isPresent()) {
                    id = id + "-imported-" + checked.sha256().substring(0, 8);
                }
                Path target = folder.resolve(name.startsWith("adaptive-") ? name : "adaptive-" + project + "-" + id + "-" + name);
                if (Files.exists(target)) {
                    target = folder.resolve("adaptive-" + project + "-" + id + (passphrase == null ? ".tar" : ".tar.enc"));
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                String note = (m.note() == null ? "" : m.note() + "; ") + "imported from " + file.toAbsolutePath()
                        + (m.project().equals(project) ? "" : " (made for the installation '" + m.project() + "')");
                BackupCatalogue.Backup b = new BackupCatalogue.Backup(id, project, target, m.kind(), m.appVersion(),
                        m.schemaVersion(), m.createdAt(), checked.size(), checked.sha256(), passphrase != null, note,
                        new BackupCatalogue.Proof(clock.instant(), "ok"), null, null);
                catalogue.add(b);
                return new Imported(b, false);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new BackupProblem("cannot import " + file + ": " + e.getMessage() + " (free disk space in "
                    + folder(project) + "?)", e);
        }
    }

    /**
     * Deletes the backups {@link Retention} lets go (or, with {@code dryRun}, only says which). A backup is
     * taken off the list before its file is deleted, so a crash in between leaves a stray file, never a
     * listed backup without one. Only files in the installation's own folder are deleted.
     */
    public List<Retention.Decision> prune(String project, int keep, boolean dryRun) {
        try (BackupFolderLock lock = lock(project)) {
            List<Retention.Decision> decisions = Retention.decide(catalogue.list(project), keep);
            if (dryRun) {
                return decisions;
            }
            List<Retention.Decision> done = new ArrayList<>();
            Path folder = folder(project).toAbsolutePath().normalize();
            for (Retention.Decision d : decisions) {
                if (d.keep()) {
                    done.add(d);
                    continue;
                }
                catalogue.remove(d.backup().id());
                Path file = d.backup().file().toAbsolutePath().normalize();
                if (file.getParent().equals(folder)) {
                    Files.deleteIfExists(file);
                    done.add(d);
                } else {
                    done.add(new Retention.Decision(d.backup(), false, d.reason() + "; taken off the list, the file "
                            + file + " is outside the backups folder and was left"));
                }
            }
            return done;
        } catch (IOException e) {
            throw new BackupProblem("the prune stopped: " + e.getMessage(), e);
        }
    }
}
