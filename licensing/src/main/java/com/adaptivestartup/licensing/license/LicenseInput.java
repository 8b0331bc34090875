package com.adaptivestartup.licensing.license;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code <key|file>} argument of the command-line tools: a path to a {@code .lic} file, {@code -}
 * for standard input, or else the key text itself.
 */
public final class LicenseInput {
    /** Far above any real license; keeps a wrong file (a disk image, say) from being read whole. */
    private static final int MAX_BYTES = 256 * 1024;

    private LicenseInput() {
    }

    public static String read(String keyOrFile, InputStream stdin) throws IOException {
        if (keyOrFile.equals("-")) {
            return readBounded(stdin, "standard input");
        }
        Path path = asExistingFile(keyOrFile);
        if (path == null) {
            if (looksLikeAPath(keyOrFile)) {
                throw new IOException("there is no file " + keyOrFile);
            }
            return keyOrFile;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return readBounded(in, path.toString());
        }
    }

    private static Path asExistingFile(String text) {
        if (text.length() > 4096 || text.startsWith("ASL1.")) {
            return null;
        }
        try {
            Path path = Path.of(text);
            return Files.isRegularFile(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A key never holds a slash, a backslash or ends in .lic; a mistyped path should not read as a bad key. */
    private static boolean looksLikeAPath(String text) {
        String t = text.strip();
        return !t.contains("\n") && (t.contains("/") || t.contains("\\") || t.toLowerCase(java.util.Locale.ROOT).endsWith(".lic"));
    }

    private static String readBounded(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException(what + " is larger than any license file (over " + MAX_BYTES / 1024 + " KiB)");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
