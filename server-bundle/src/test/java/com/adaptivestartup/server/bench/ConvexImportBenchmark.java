package com.adaptivestartup.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.server.config.ServerConfig;
import com.adaptivestartup.server.file.ObjectStore;
import com.adaptivestartup.server.release.Release;
import com.adaptivestartup.server.testing.ConvexExportFixture;
import com.adaptivestartup.server.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;

/**
 * The import of a 1 GB Convex export against the raw floor on the same data, in the same run: reading the ZIP,
 * {@code COPY} of every document into PostgreSQL and every stored file put into the object store, nothing else.
 * Ours runs as the stack runs it, the server jar's {@code import-convex} in its own JVM, with a 256 MB heap and its
 * garbage collections logged: the peak heap is the largest heap seen before a collection. Real PostgreSQL and
 * S3Proxy. Run by bench/convex-import.sh; not part of the test suite.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ConvexImportBenchmark {
    private static final int VENTURES = Integer.getInteger("bench.ventures", 200);
    private static final int FILES = Integer.getInteger("bench.files", 1500);
    private static final int FILE_SCALE = Integer.getInteger("bench.fileScale", 82);
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    @Test
    void importAGigabyteExportAgainstTheRawFloor() throws Exception {
        Path dir = Files.createTempDirectory("convex-bench-");
        try (TestStack stack = new TestStack(Release.of("1.2.0"), TestStack.noAi(), 256L << 20)) {
            long t0 = System.nanoTime();
            ConvexExportFixture cloud = ConvexExportFixture.generate(3, 10, VENTURES, FILES, 100L << 20, FILE_SCALE, 42);
            Path zip = cloud.write(dir.resolve("export.zip"));
            long documents = cloud.tables.values().stream().mapToLong(List::size).sum();
            long fileBytes = cloud.storage.values().stream().mapToLong(ConvexExportFixture.Blob::size).sum();
            System.out.printf(Locale.ROOT, "export: %.0f MB on disk, %,d documents, %,d files of %.0f MB, written in %.0f s%n",
                    Files.size(zip) / 1048576.0, documents, cloud.storage.size(), fileBytes / 1048576.0,
                    (System.nanoTime() - t0) / 1e9);
            readThrough(zip); // the same page cache for both

            double floor = floor(stack, zip);
            Result ours = ours(stack, zip, dir);
            assertThat(ours.report().path("verification").path("ok").asBoolean()).as(ours.report().toString()).isTrue();
            double ratio = ours.seconds() / floor;
            System.out.printf(Locale.ROOT, "floor (read ZIP + COPY + put objects): %.1f s%n", floor);
            System.out.printf(Locale.ROOT, "import-convex: %.1f s, %,.0f documents/s, %.0f MB/s of files, peak heap %d MB of"
                            + " a 256 MB limit%n", ours.seconds(), documents / ours.seconds(),
                    fileBytes / 1048576.0 / ours.seconds(), ours.peakHeapMb());
            System.out.printf(Locale.ROOT, "ratio import/floor %.2f (goal <= 1.5); peak heap %d MB (goal < 256)%n", ratio,
                    ours.peakHeapMb());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void readThrough(Path zip) throws Exception {
        try (InputStream in = Files.newInputStream(zip)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Reading every entry, COPY of the documents as JSON lines into one table, each stored file put as is. */
    private static double floor(TestStack stack, Path zip) throws Exception {
        long t0 = System.nanoTime();
        try (ZipFile z = new ZipFile(zip.toFile()); Connection c = stack.db.getConnection();
             ObjectStore store = ObjectStore.of(stack.config.storage())) {
            store.ensureBucket();
            c.createStatement().execute("CREATE TABLE floor_documents (tbl text, doc jsonb)");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.endsWith("/documents.jsonl") && !name.startsWith("_storage/")) {
                    String table = name.substring(0, name.length() - "/documents.jsonl".length());
                    var in = copy.copyIn("COPY floor_documents (tbl, doc) FROM STDIN");
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(z.getInputStream(entry),
                            StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            byte[] row = (table + "\t" + line.replace("\\", "\\\\") + "\n").getBytes(StandardCharsets.UTF_8);
                            in.writeToCopy(row, 0, row.length);
                        }
                    }
                    in.endCopy();
                } else if (name.startsWith("_storage/") && !name.endsWith(".jsonl")) {
                    try (InputStream in = z.getInputStream(entry)) {
                        store.put("floor/" + name, in, entry.getSize(), "application/octet-stream");
                    }
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private record Result(double seconds, long peakHeapMb, JsonNode report) {
    }

    /** The server jar's import-convex in its own JVM, as the stack's one-off runs it, with a 256 MB heap. */
    private static Result ours(TestStack stack, Path zip, Path dir) throws Exception {
        ServerConfig.All config = stack.config;
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("POSTGRES_HOST", config.database().host());
        env.put("POSTGRES_PORT", String.valueOf(config.database().port()));
        env.put("POSTGRES_DB", config.database().name());
        env.put("POSTGRES_USER", config.database().user());
        env.put("POSTGRES_PASSWORD", config.database().password());
        if (config.database().appUser() != null) {
            env.put("POSTGRES_APP_USER", config.database().appUser());
            env.put("POSTGRES_APP_PASSWORD", config.database().appPassword());
        }
        env.put("REDIS_HOST", config.redis().host());
        env.put("REDIS_PORT", String.valueOf(config.redis().port()));
        env.put("S3_ENDPOINT", config.storage().endpoint().toString());
        env.put("S3_BUCKET", config.storage().bucket());
        env.put("S3_ACCESS_KEY", config.storage().accessKey());
        env.put("S3_SECRET_KEY", config.storage().secretKey());
        env.put("AUDIT_KEY", TestStack.AUDIT_KEY);
        env.put("MAX_UPLOAD_MB", "256");
        Path gc = dir.resolve("gc.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xlog:gc:file=" + gc, "-cp", System.getProperty("java.class.path"),
                "com.adaptivestartup.server.ServerMain", "import-convex", zip.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        JsonNode report = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("{\"import\"")) {
                    report = new ObjectMapper().readTree(line).get("import");
                } else if (line.startsWith("{\"failed\"") || line.contains("\"failed\"")) {
                    throw new AssertionError(line);
                }
            }
        }
        int code = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(code).isZero();
        long peak = 0;
        for (String line : Files.readAllLines(gc)) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return new Result(seconds, peak, report);
    }
}
