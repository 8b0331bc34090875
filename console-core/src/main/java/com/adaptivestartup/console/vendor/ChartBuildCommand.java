package com.adaptivestartup.console.vendor;

import com.adaptivestartup.console.kubernetes.HelmChart;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adaptive-vendor chart build}: a release's Helm chart, from the chart's sources and the release's signed
 * manifest (checked with the vendor's public key): its images by digest, the manifest inside.
 */
@Command(name = "build", sortOptions = false,
        description = "Write adaptive-startup-<version>.tgz, the Kubernetes edition's Helm chart of a signed release (1.2.0+).")
final class ChartBuildCommand implements Callable<Integer> {
    @Command(name = "chart", mixinStandardHelpOptions = true, description = "Helm charts of releases (the Kubernetes edition).")
    static final class Group {
    }

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
    @Option(names = "--version", required = true, description = "The release version, e.g. 1.2.0.")
    String version;
    @Option(names = "--release", description = "The signed release manifest (default: <releases>/<version>/release-<version>.asr).")
    Path release;
    @Option(names = "--releases", defaultValue = "releases", description = "Where published releases are (default ${DEFAULT-VALUE}).")
    Path releases;
    @Option(names = "--public-key", required = true, description = "The vendor's public key (PEM) the release is checked with.")
    Path publicKey;
    @Option(names = "--chart-source", defaultValue = "server-bundle/src/main/kubernetes/chart",
            description = "The chart's sources (default ${DEFAULT-VALUE}).")
    Path source;
    @Option(names = "--out", required = true, description = "The folder the chart is written into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path file = release != null ? release : releases.resolve(version).resolve("release-" + version + ".asr");
        if (!Files.isReadable(file)) {
            System.err.println("error: cannot read the release manifest " + file);
            return 2;
        }
        String signed = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            ReleaseManifest manifest = new ReleaseSource(TrustedKeys.fromPemFiles(publicKey)).verify(signed, file.toString());
            if (!manifest.version().equals(version)) {
                System.err.println("error: " + file + " is release " + manifest.version() + ", not " + version);
                return 2;
            }
            System.out.println(HelmChart.build(source, manifest, signed, out));
            return 0;
        } catch (IllegalArgumentException | ReleaseSource.ReleaseProblem e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
