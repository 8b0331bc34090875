import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Removes from the console's libraries the native code built for other systems: sqlite-jdbc, zstd-jni and
 * JNA each carry a library for every OS and CPU they support (about 40 MB together), and an installer runs
 * on one. A native entry is kept when a folder of its path names this OS (linux, win..., mac/darwin/osx;
 * not Android or musl) and one names this CPU. Signed jars are left whole.
 *   java SlimJars.java <lib folder> <linux|windows|macos> <x86_64|aarch64>
 */
public class SlimJars {
    public static void main(String[] args) throws IOException {
        Path lib = Path.of(args[0]);
        String os = args[1];
        String arch = args[2];
        long before = 0;
        long after = 0;
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            long size = Files.size(jar);
            before += size;
            int dropped = slim(jar, os, arch);
            long now = Files.size(jar);
            after += now;
            if (dropped > 0) {
                System.out.printf("%-40s %5.1f MB -> %5.1f MB (%d native libraries for other systems dropped)%n",
                        jar.getFileName(), size / 1e6, now / 1e6, dropped);
            }
        }
        System.out.printf("libraries: %.1f MB -> %.1f MB%n", before / 1e6, after / 1e6);
    }

    static int slim(Path jar, String os, String arch) throws IOException {
        List<String> dropped = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().anyMatch(e -> e.getName().matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))) {
                return 0;
            }
            zip.stream().filter(e -> isNative(e.getName()) && !isFor(e.getName(), os, arch))
                    .forEach(e -> dropped.add(e.getName()));
            if (dropped.isEmpty()) {
                return 0;
            }
            Path slimmed = jar.resolveSibling(jar.getFileName() + ".slim");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(slimmed))) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (dropped.contains(entry.getName())) {
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            Files.move(slimmed, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return dropped.size();
    }

    static boolean isNative(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib") || n.endsWith(".jnilib") || n.endsWith(".a");
    }

    static boolean isFor(String name, String os, String arch) {
        String[] folders = name.toLowerCase(Locale.ROOT).split("/");
        boolean osMatches = false;
        boolean archMatches = false;
        for (int i = 0; i < folders.length - 1; i++) {
            String f = folders[i];
            if (f.contains("android") || f.contains("musl")) {
                return false;
            }
            osMatches |= switch (os) {
                case "linux" -> f.startsWith("linux");
                case "windows" -> f.startsWith("win");
                case "macos" -> f.startsWith("mac") || f.startsWith("darwin") || f.startsWith("osx");
                default -> throw new IllegalArgumentException("unknown OS " + os);
            };
            archMatches |= switch (arch) {
                case "x86_64" -> f.contains("x86_64") || f.contains("amd64") || f.contains("x86-64");
                case "aarch64" -> f.contains("aarch64") || f.contains("arm64");
                default -> throw new IllegalArgumentException("unknown CPU " + arch);
            };
        }
        return osMatches && archMatches;
    }
}
