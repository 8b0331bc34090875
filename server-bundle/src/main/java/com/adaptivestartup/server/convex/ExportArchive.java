package com.adaptivestartup.server.convex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A Convex snapshot export opened for reading, checked as a whole before anything is read from it: a ZIP (its index
 * complete), only safe paths, no entry that expands more than {@link #MAX_RATIO} times, tables as
 * {@code <table>/documents.jsonl} (components' under {@code _components/<name>/}), and {@code _storage} whose index and
 * files agree. Documents are read line by line and files streamed, so a large export never sits in memory.
 */
public final class ExportArchive implements AutoCloseable {
    /** How many times an entry may expand (Convex's JSON lines compress 10-30 times; a bomb, thousands). */
    static final long MAX_RATIO = 200;
    /** Below this size an entry's ratio is not judged (a small file of one repeated byte is no bomb). */
    private static final long RATIO_FLOOR = 1 << 20;
    private static final String DOCUMENTS = "documents.jsonl";
    private static final String STORAGE = "_storage/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200)
                .maxStringLength(64 << 20).build());
    }

    private final ZipFile zip;
    private final String name;
    private final long bytes;
    /** Table name (a component's as {@code _components/<name>/<table>}) -> its documents. */
    private final Map<String, ZipEntry> tables = new TreeMap<>();
    /** Storage id -> the file's bytes. */
    private final Map<String, ZipEntry> blobs = new LinkedHashMap<>();
    private final Map<String, StoredFile> storage = new LinkedHashMap<>();
    private final long documentBytes;

    /** A file of the export's {@code _storage}: its id, Convex's SHA-256 (base64), size and type. */
    public record StoredFile(String id, double creationTime, String sha256Base64, long size, String contentType) {
    }

    private ExportArchive(ZipFile zip, String name, long bytes) {
        this.zip = zip;
        this.name = name;
        this.bytes = bytes;
        long docs = 0;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            String path = checkedPath(entry);
            checkRatio(entry);
            if (entry.isDirectory()) {
                continue;
            }
            if (path.equals(STORAGE + DOCUMENTS)) {
                continue;
            }
            if (path.startsWith(STORAGE)) {
                String file = path.substring(STORAGE.length());
                int dot = file.indexOf('.');
                blobs.put(dot < 0 ? file : file.substring(0, dot), entry);
            } else if (path.endsWith("/" + DOCUMENTS)) {
                String table = path.substring(0, path.length() - DOCUMENTS.length() - 1);
                if (!table.equals("_tables") && !table.endsWith("/_tables")) {
                    tables.put(table, entry);
                    docs += Math.max(0, entry.getSize());
                }
            }
        }
        this.documentBytes = docs;
        if (tables.isEmpty()) {
            throw new ImportFailure(name + " is a ZIP but not a Convex export: it has no <table>/documents.jsonl. Export"
                    + " with \"npx convex export --include-file-storage --path export.zip\" or the Convex dashboard's"
                    + " Export, and give that file");
        }
        readStorageIndex();
    }

    /** Opens and checks the export; an {@link ImportFailure} says what is wrong with it. */
    public static ExportArchive open(Path path) {
        String name = path.getFileName().toString();
        if (!Files.isRegularFile(path)) {
            throw new ImportFailure("there is no file " + path);
        }
        try {
            ZipFile zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
            try {
                return new ExportArchive(zip, name, Files.size(path));
            } catch (RuntimeException e) {
                zip.close();
                throw e;
            }
        } catch (ZipException e) {
            throw new ImportFailure(startsLikeAZip(path)
                    ? name + " is not a complete ZIP: it is cut short (a ZIP's index is at its end). Download or copy the"
                    + " export again"
                    : name + " is not a ZIP file; a Convex export is the .zip that \"npx convex export\" or the dashboard"
                    + " makes");
        } catch (IOException e) {
            throw new ImportFailure("could not read " + name + ": " + e.getMessage());
        }
    }

    private static boolean startsLikeAZip(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    private String checkedPath(ZipEntry entry) {
        String path = entry.getName().replace('\\', '/');
        boolean unsafe = path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.contains("\0")
                || List.of(path.split("/")).contains("..");
        if (unsafe) {
            throw new ImportFailure(name + " holds an entry with an unsafe path (" + entry.getName() + "); Convex never"
                    + " writes one, so the file was not made by Convex or was altered. Nothing was imported");
        }
        return path;
    }

    private void checkRatio(ZipEntry entry) {
        long size = entry.getSize();
        long packed = entry.getCompressedSize();
        if (size > RATIO_FLOOR && packed > 0 && size / packed > MAX_RATIO) {
            throw new ImportFailure(name + "'s entry " + entry.getName() + " would expand " + size / packed
                    + " times (to " + size + " bytes); an export's entries expand at most " + MAX_RATIO
                    + " times, so this looks like a ZIP bomb. Nothing was imported");
        }
    }

    private void readStorageIndex() {
        ZipEntry index = zip.getEntry(STORAGE + DOCUMENTS);
        if (index == null) {
            if (!blobs.isEmpty()) {
                throw new ImportFailure(name + " has files in _storage but not their list (_storage/documents.jsonl);"
                        + " export again with --include-file-storage");
            }
            return;
        }
        documents(STORAGE.substring(0, STORAGE.length() - 1), index, doc -> {
            String id = doc.path("_id").asText();
            storage.put(id, new StoredFile(id, doc.path("_creationTime").asDouble(), doc.path("sha256").asText(null),
                    doc.path("size").asLong(-1), doc.path("contentType").asText(null)));
        });
        for (String id : storage.keySet()) {
            if (!blobs.containsKey(id)) {
                throw new ImportFailure(name + " lists the file " + id + " in _storage/documents.jsonl but does not"
                        + " hold it; the export is incomplete. Export again with --include-file-storage");
            }
        }
        for (String id : blobs.keySet()) {
            if (!storage.containsKey(id)) {
                throw new ImportFailure(name + " holds the file _storage/" + id + " that _storage/documents.jsonl does"
                        + " not list; the export was altered. Export again");
            }
        }
    }

    public String name() {
        return name;
    }

    /** The export's size on disk. */
    public long bytes() {
        return bytes;
    }

    /** The bytes of every table's documents, expanded (what progress counts against). */
    public long documentBytes() {
        return documentBytes;
    }

    /** The export's tables, sorted; a component's as {@code _components/<component>/<table>}. */
    public List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    public boolean has(String table) {
        return tables.containsKey(table);
    }

    public Map<String, StoredFile> storage() {
        return Collections.unmodifiableMap(storage);
    }

    /** One document of a table, with where it came from (for sentences) and its size in the export. */
    public interface DocumentSink {
        void accept(ObjectNode document) throws IOException;
    }

    /** Reads every document of {@code table} in the export's order. */
    public void documents(String table, DocumentSink sink) {
        ZipEntry entry = tables.get(table);
        if (entry != null) {
            documents(table, entry, sink);
        }
    }

    /** Reads every document of {@code table} into a list (only for small tables a later step needs whole). */
    public List<ObjectNode> all(String table) {
        List<ObjectNode> out = new ArrayList<>();
        documents(table, out::add);
        return out;
    }

    private void documents(String table, ZipEntry entry, DocumentSink sink) {
        String where = table + "/" + DOCUMENTS;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(bounded(entry), StandardCharsets.UTF_8),
                1 << 16)) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc;
                try {
                    doc = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new ImportFailure("line " + number + " of " + where + " in " + name + " is not JSON ("
                            + e.getOriginalMessage() + "); the export is damaged. Export again. Nothing was imported");
                }
                if (!(doc instanceof ObjectNode object) || !doc.path("_id").isTextual()) {
                    throw new ImportFailure("line " + number + " of " + where + " in " + name + " is not a Convex"
                            + " document (an object with an _id); the export is damaged. Nothing was imported");
                }
                sink.accept(object);
            }
        } catch (ZipException e) {
            throw damaged(where, e);
        } catch (IOException e) {
            throw damaged(where, e);
        } catch (UncheckedIOException e) {
            throw damaged(where, e.getCause());
        }
    }

    /** The bytes of a stored file, checked against its declared size as they are read. */
    public InputStream file(String storageId) {
        ZipEntry entry = blobs.get(storageId);
        if (entry == null) {
            throw new ImportFailure(name + " does not hold the file " + storageId);
        }
        try {
            return bounded(entry);
        } catch (IOException e) {
            throw damaged(entry.getName(), e);
        }
    }

    /** The stored file's size in the ZIP's index. */
    public long fileSize(String storageId) {
        ZipEntry entry = blobs.get(storageId);
        return entry == null ? -1 : entry.getSize();
    }

    private InputStream bounded(ZipEntry entry) throws IOException {
        return new Bounded(zip.getInputStream(entry), entry.getSize(), entry.getName());
    }

    private ImportFailure damaged(String where, Throwable e) {
        return new ImportFailure(where + " in " + name + " cannot be read (" + e.getMessage() + "); the export is"
                + " damaged. Copy or export it again. Nothing was imported", e);
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }

    /** Refuses to give more bytes than the entry declared: a lying ZIP cannot expand past its index. */
    private final class Bounded extends FilterInputStream {
        private final long limit;
        private final String entry;
        private long read;

        Bounded(InputStream in, long limit, String entry) {
            super(in);
            this.limit = limit < 0 ? Long.MAX_VALUE : limit;
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ImportFailure(name + "'s entry " + entry + " expands past the size its index declares ("
                        + limit + " bytes); the ZIP was altered (or is a bomb). Nothing was imported");
            }
        }
    }
}
