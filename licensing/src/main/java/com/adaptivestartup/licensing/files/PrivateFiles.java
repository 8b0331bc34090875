package com.adaptivestartup.licensing.files;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold secrets (a license with its registry password, a signing key, the console's state,
 * backups) are the owner's alone: folders 0700 and files 0600 where the file system has POSIX permissions.
 * On Windows the user's profile folder is already private.
 */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** A new, empty file only its owner can read. */
    public static Path createFile(Path file) throws IOException {
        return POSIX ? Files.createFile(file, attribute(FILE)) : Files.createFile(file);
    }

    /** The folder (and its parents), made or narrowed to its owner. */
    public static Path createFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (POSIX) {
            Files.setPosixFilePermissions(folder, FOLDER);
        }
        return folder;
    }

    /** Writes the text through a private temporary file renamed over the target: never readable by others, even briefly. */
    public static void write(Path file, String text, Charset charset) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temp = POSIX ? Files.createTempFile(parent, ".private-", ".tmp", attribute(FILE))
                : Files.createTempFile(parent, ".private-", ".tmp");
        try {
            Files.writeString(temp, text, charset);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Narrows an existing file to its owner (one an older version left readable); nothing when it is absent. */
    public static void narrow(Path file) throws IOException {
        if (POSIX && Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
