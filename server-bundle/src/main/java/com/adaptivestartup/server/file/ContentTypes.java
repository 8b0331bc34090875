package com.adaptivestartup.server.file;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The file types the server accepts, and a check that the first bytes match the declared type, so an
 * executable cannot be stored as "image/png" and served back to a browser as one.
 */
public final class ContentTypes {
    /** What a file is served as when its type is not one the server shows: a download, never rendered. */
    public static final String DOWNLOAD = "application/octet-stream";

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF = {'G', 'I', 'F', '8'};
    private static final byte[] PDF = {'%', 'P', 'D', 'F'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final String OOXML = "application/vnd.openxmlformats-officedocument.";

    private static final Map<String, byte[]> MAGIC = Map.of(
            "image/png", PNG, "image/jpeg", JPEG, "image/gif", GIF, "image/webp", RIFF, "application/pdf", PDF,
            "application/zip", ZIP, OOXML + "wordprocessingml.document", ZIP,
            OOXML + "spreadsheetml.sheet", ZIP, OOXML + "presentationml.presentation", ZIP);
    private static final java.util.Set<String> TEXT = java.util.Set.of(
            "text/plain", "text/csv", "text/markdown", "application/json");

    private ContentTypes() {
    }

    /** The problem with this upload's type and first bytes, or empty when it is acceptable. */
    static Optional<String> problem(String declared, byte[] head) {
        String type = declared == null ? "" : declared.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (MAGIC.containsKey(type)) {
            byte[] magic = MAGIC.get(type);
            return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic)
                    ? Optional.empty()
                    : Optional.of("the file's content does not look like " + type);
        }
        if (TEXT.contains(type)) {
            for (byte b : head) {
                if (b == 0) {
                    return Optional.of("the file is binary, not " + type);
                }
            }
            return Optional.empty();
        }
        return Optional.of("files of type '" + (type.isEmpty() ? "(none)" : type) + "' are not accepted; accepted: "
                + String.join(", ", new java.util.TreeSet<>(allTypes())));
    }

    /**
     * The type to keep a file brought from elsewhere under (an import, which must not lose it): its own when the
     * server accepts that type and the first bytes match, else {@link #DOWNLOAD}.
     */
    public static String servable(String declared, byte[] head) {
        return declared != null && problem(declared, head).isEmpty() ? normalized(declared) : DOWNLOAD;
    }

    static String normalized(String declared) {
        return declared.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static java.util.Set<String> allTypes() {
        java.util.Set<String> all = new java.util.HashSet<>(MAGIC.keySet());
        all.addAll(TEXT);
        return all;
    }
}
