package com.adaptivestartup.console.kubernetes;

import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.stack.ComposeTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A release's Helm chart: made on the vendor's side from the chart's sources and the release's signed manifest (its
 * version in {@code Chart.yaml}, its images by digest in {@code values.yaml}, the signed manifest itself as
 * {@value #SIGNED_RELEASE}), and read back on the customer's side, where only the signed manifest is believed.
 */
public final class HelmChart {
    /** The chart's folder inside the package, as {@code helm package} names it. */
    public static final String NAME = "adaptive-startup";
    /** The release's signed manifest, inside the chart: what the customer's side checks the chart against. */
    public static final String SIGNED_RELEASE = "release.asr";
    /** The services whose images the chart runs. */
    static final List<String> SERVICES = List.of("backend", "web", "postgres", "redis", "storage");
    private static final Set<String> INTERPOLATED = Set.of("Chart.yaml", "values.yaml");

    private HelmChart() {
    }

    /**
     * Writes {@code adaptive-startup-<version>.tgz} into {@code outDir} from the chart's sources and a verified release;
     * returns its path. Refused in a sentence when the release lacks an image the chart runs.
     */
    public static Path build(Path source, ReleaseManifest release, String signedRelease, Path outDir) throws IOException {
        if (!Files.isRegularFile(source.resolve("Chart.yaml")) || !Files.isDirectory(source.resolve("templates"))) {
            throw new IllegalArgumentException(source + " is not the chart's sources (no Chart.yaml and templates/ there)");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("VERSION", release.version());
        for (String service : SERVICES) {
            ReleaseManifest.ImageRef image = release.images().get(service);
            if (image == null) {
                throw new IllegalArgumentException("release " + release.version() + " has no " + service + " image, which the"
                        + " chart runs; a chart is made for release 1.2.0 and later");
            }
            vars.put(service.toUpperCase(Locale.ROOT) + "_IMAGE", image.repository() + "@" + image.digest());
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (var walk = Files.walk(source)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String name = source.relativize(f).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(f);
                if (INTERPOLATED.contains(name)) {
                    bytes = ComposeTemplate.interpolate(new String(bytes, StandardCharsets.UTF_8), vars)
                            .getBytes(StandardCharsets.UTF_8);
                }
                files.put(name, bytes);
            }
        }
        files.put(SIGNED_RELEASE, signedRelease.getBytes(StandardCharsets.US_ASCII));
        Files.createDirectories(outDir);
        Path out = outDir.resolve(NAME + "-" + release.version() + ".tgz");
        Path partial = outDir.resolve(out.getFileName() + ".partial");
        try (OutputStream file = Files.newOutputStream(partial);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var e : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(NAME + "/" + e.getKey());
                entry.setSize(e.getValue().length);
                entry.setMode(0100644);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return out;
    }

    /** The signed release manifest a chart package carries; a sentence when the file is not such a chart. */
    public static String signedReleaseOf(Path chart) throws IOException {
        if (!Files.isRegularFile(chart)) {
            throw new IllegalArgumentException("there is no chart at " + chart);
        }
        try (InputStream in = Files.newInputStream(chart);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().equals(NAME + "/" + SIGNED_RELEASE)) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    tar.transferTo(b);
                    return b.toString(StandardCharsets.US_ASCII);
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IllegalArgumentException(chart + " is not a chart package (.tgz): " + e.getMessage());
        }
        throw new IllegalArgumentException(chart + " carries no signed release (" + SIGNED_RELEASE + "); use a chart made by"
                + " `adaptive-vendor chart build`");
    }
}
