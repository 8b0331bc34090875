package com.adaptivestartup.console.vendor;

import com.adaptivestartup.console.bundle.BundleWriter;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.docker.EngineChoice;
import com.adaptivestartup.console.docker.RegistryAuth;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adaptive-vendor bundle build}: one offline bundle file for a published release: its signed manifest,
 * every image (from the engine, pulled from the registry by digest when missing) and a signed index.
 */
@Command(name = "build", sortOptions = false,
        description = "Write an offline bundle of a signed release: every image, the release manifest, a signed index.")
final class BundleBuildCommand implements Callable<Integer> {
    @Command(name = "bundle", mixinStandardHelpOptions = true, description = "Offline bundles for air-gapped customers.")
    static final class Group {
    }

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
    @Option(names = "--version", required = true, description = "The release version, e.g. 1.1.0.")
    String version;
    @Option(names = "--release", description = "The signed release manifest (default: <releases>/<version>/release-<version>.asr).")
    Path release;
    @Option(names = "--releases", defaultValue = "releases", description = "Where published releases are (default ${DEFAULT-VALUE}).")
    Path releases;
    @Option(names = "--out", required = true, description = "The bundle file to write.")
    Path out;
    @Option(names = "--key", required = true, description = "The vendor's private key (PEM): signs the bundle's index.")
    Path key;
    @Option(names = "--registry", required = true, description = "The registry the release's images are in (host:port).")
    String registry;
    @Option(names = "--username", description = "The registry account, when the images must be pulled.")
    String username;
    @Option(names = "--password-file", description = "A file holding that account's password.")
    Path passwordFile;
    @Option(names = "--customer-id", description = "Make the bundle for this customer only (their license must match).")
    String customerId;

    @Override
    public Integer call() throws Exception {
        var signer = new DocumentSigner(Ed25519Keys.privateKeyFromPem(Files.readString(key, StandardCharsets.US_ASCII)));
        Path file = release != null ? release : releases.resolve(version).resolve("release-" + version + ".asr");
        String signed = Files.readString(file, StandardCharsets.US_ASCII);
        TrustedKeys own = TrustedKeys.of(Ed25519Keys.publicKeyOf(Ed25519Keys.privateKeyFromPem(
                Files.readString(key, StandardCharsets.US_ASCII))));
        ReleaseManifest manifest = new ReleaseSource(own).verify(signed, file.toString());
        if (!manifest.version().equals(version)) {
            System.err.println("error: " + file + " is the release manifest of " + manifest.version() + ", not " + version);
            return 2;
        }
        RegistryAuth auth = username == null ? null : new RegistryAuth(registry, username,
                Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
        DockerEngine engine = switch (EngineLocator.forChoice(EngineChoice.fromEnvironment(System.getenv()), System.getenv(),
                System.getProperty("os.name", ""), Path.of(System.getProperty("user.home"))).locate()) {
            case EngineLocator.Outcome.Found f -> f.engine();
            case EngineLocator.Outcome.NotFound n -> throw new IllegalStateException(n.explanation());
        };
        try (engine) {
            long start = System.nanoTime();
            BundleWriter.Built built = new BundleWriter(engine, signer, Clock.systemUTC()).build(manifest, signed, registry,
                    auth, customerId, out, step -> System.err.println("  " + step));
            System.out.printf("bundle %s: Adaptive Startup %s, %d images, %.1f MB, written in %.1f s%n", built.file(),
                    version, built.index().images().size(), built.size() / 1e6, (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }
}
