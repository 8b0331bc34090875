package com.adaptivestartup.console.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Folders as tar streams and back, for a helper on an engine that does not share this computer's disk: written as
 * they are read (a background thread fills a pipe), so gigabytes pass through without being held.
 */
final class TarStreams {
    private TarStreams() {
    }

    /** {@code folder}'s regular files (one level, sorted) as a tar under {@code prefix/}; an empty folder entry too. */
    static InputStream folder(Path folder, String prefix) throws IOException {
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        return pipe(tar -> {
            TarArchiveEntry dir = new TarArchiveEntry(prefix + "/");
            dir.setMode(040755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Path f : files) {
                add(tar, f, prefix + "/" + f.getFileName());
            }
        });
    }

    /** One file as a tar holding it under {@code name}. */
    static InputStream file(Path file, String name) {
        return pipe(tar -> add(tar, file, name));
    }

    /** An empty folder {@code name} as a tar. */
    static InputStream emptyFolder(String name) {
        return pipe(tar -> {
            TarArchiveEntry dir = new TarArchiveEntry(name + "/");
            dir.setMode(040777);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
        });
    }

    /**
     * Unpacks the regular files under {@code prefix/} of a tar into {@code into} (flat; anything else, and any name
     * that would leave the folder, is refused).
     */
    static void extractFiles(InputStream in, String prefix, Path into) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            String name = e.getName().replaceFirst("^\\./", "");
            if (e.isDirectory() || name.equals(prefix) || name.equals(prefix + "/")) {
                continue;
            }
            if (!name.startsWith(prefix + "/") || !e.isFile()) {
                throw new IOException("the helper sent " + e.getName() + ", which is not a file of its " + prefix + " folder");
            }
            Path target = into.resolve(name.substring(prefix.length() + 1)).normalize();
            if (!target.getParent().equals(into.normalize())) {
                throw new IOException("the helper sent " + e.getName() + ", outside its " + prefix + " folder");
            }
            Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private interface Writer {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static void add(TarArchiveOutputStream tar, Path f, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(f));
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        Files.copy(f, tar);
        tar.closeArchiveEntry();
    }

    private static InputStream pipe(Writer writer) {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread.ofVirtual().name("tar-writer").start(() -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                writer.write(tar);
            } catch (IOException e) {
                // the reader sees the pipe end early and the engine refuses the truncated tar
            }
        });
        return in;
    }
}
