package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.bundle.BundleProblem;
import com.adaptivestartup.console.bundle.BundleReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code adaptivectl bundle verify <file>}: checks an offline bundle whole, changing nothing. */
@Command(name = "bundle", mixinStandardHelpOptions = true, description = "Offline bundles: install and update without a"
        + " registry (install --bundle, update apply --bundle).", subcommands = {BundleCommands.Verify.class,
        BundleCommands.Load.class, BundleCommands.Push.class})
final class BundleCommands {

    /** Checks the bundle whole, printing progress every 10% to {@code err} (null: quiet). */
    static BundleReader.Verified verify(BundleReader reader, Path file, PrintWriter err) {
        long start = System.nanoTime();
        int[] shown = {-1};
        BundleReader.Verified v = reader.verify(file, (what, bytes, total) -> {
            int tenth = (int) (bytes * 10 / Math.max(1, total));
            if (err != null && tenth != shown[0]) {
                shown[0] = tenth;
                err.println("  checking the bundle: " + tenth * 10 + "%");
                err.flush();
            }
        });
        if (err != null) {
            err.printf("  bundle checked: Adaptive Startup %s, %d images, %.0f MB, in %.1f s%n", v.index().version(),
                    v.index().images().size(), v.size() / 1e6, (System.nanoTime() - start) / 1e9);
        }
        return v;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check an offline bundle (signature, every"
            + " checksum, the release inside) without changing anything.")
    static final class Verify extends ProjectCommand {
        @Parameters(paramLabel = "FILE")
        Path file;
        @picocli.CommandLine.Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        Verify(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            try {
                BundleReader.Verified v = verify(context.bundleReader(err()), file, json ? null : err());
                if (json) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("ok", true);
                    r.put("version", v.index().version());
                    r.put("customerId", v.index().customerId());
                    r.put("createdAt", v.index().createdAt().toString());
                    r.put("size", v.size());
                    r.put("images", List.copyOf(v.index().images().keySet()));
                    printJson(r);
                } else {
                    out().println("The bundle is intact and signed by the vendor: Adaptive Startup " + v.index().version()
                            + (v.index().customerId() == null ? "" : ", made for " + v.index().customerId()) + ", images: "
                            + String.join(", ", List.copyOf(v.index().images().keySet())) + ".");
                }
                return ExitCodes.OK;
            } catch (BundleProblem e) {
                err().println(e.getMessage());
                return ExitCodes.NOT_OK;
            }
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true, description = "Check an offline bundle, then load its images"
            + " into the engine ahead of an install or update (the stack is not touched).")
    static final class Load extends ProjectCommand {
        @Parameters(paramLabel = "FILE")
        Path file;
        @picocli.CommandLine.Option(names = "--license", description = "The license key or .lic file (default: the"
                + " installation's).")
        String license;

        Load(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            String text = license != null ? com.adaptivestartup.licensing.license.LicenseInput.read(license, context.stdin())
                    : context.installations().find(project).map(i -> i.licenseText()).orElse(null);
            if (text == null) {
                err().println("error: there is no installation '" + project + "' here; give --license");
                return ExitCodes.USAGE;
            }
            var verdict = context.licenseService(err()).verify(text);
            if (!verdict.usable()) {
                err().println(verdict.message());
                return ExitCodes.NOT_OK;
            }
            try {
                BundleReader.Verified v = verify(context.bundleReader(err()), file, err());
                com.adaptivestartup.console.bundle.OfflineBundles.checkLicense(v, verdict.readLicense().orElseThrow());
                long start = System.nanoTime();
                int[] shown = {-1};
                int loaded = v.loadImages(context.engine(), (what, bytes, total) -> {
                    int quarter = (int) (bytes * 4 / Math.max(1, total));
                    if (quarter != shown[0]) {
                        shown[0] = quarter;
                        err().println("  loading the images: " + quarter * 25 + "%");
                        err().flush();
                    }
                });
                out().printf("Images of Adaptive Startup %s ready: %d loaded, %d already there, in %.1f s.%n",
                        v.index().version(), loaded, v.index().images().size() - loaded, (System.nanoTime() - start) / 1e9);
                return ExitCodes.OK;
            } catch (BundleProblem e) {
                err().println(e.getMessage());
                return ExitCodes.NOT_OK;
            }
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true, description = "Check an offline bundle, then push its images"
            + " into your own registry, for an air-gapped Kubernetes cluster (then: adaptivectl kubernetes install --registry).")
    static final class Push extends ProjectCommand {
        @Parameters(paramLabel = "FILE")
        Path file;
        @picocli.CommandLine.Option(names = "--registry", required = true, description = "Your registry, host or host:port.")
        String registry;
        @picocli.CommandLine.Option(names = "--username", description = "An account that may push there.")
        String username;
        @picocli.CommandLine.Option(names = "--password-file", description = "A file holding its password.")
        Path passwordFile;
        @picocli.CommandLine.Option(names = "--license", required = true, description = "The license key or .lic file.")
        String license;

        Push(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            var verdict = context.licenseService(err()).verify(com.adaptivestartup.licensing.license.LicenseInput.read(license,
                    context.stdin()));
            if (!verdict.usable()) {
                err().println(verdict.message());
                return ExitCodes.NOT_OK;
            }
            if ((username == null) != (passwordFile == null)) {
                err().println("error: give --username and --password-file together (or neither, for a registry without"
                        + " sign-in)");
                return ExitCodes.USAGE;
            }
            try {
                BundleReader.Verified v = verify(context.bundleReader(err()), file, err());
                com.adaptivestartup.console.bundle.OfflineBundles.checkLicense(v, verdict.readLicense().orElseThrow());
                var auth = username == null ? null : new com.adaptivestartup.console.docker.RegistryAuth(registry, username,
                        java.nio.file.Files.readString(passwordFile).strip());
                var pushed = com.adaptivestartup.console.bundle.BundlePush.push(v, context.engine(), registry, auth,
                        (what, bytes, total) -> { });
                pushed.forEach((service, ref) -> out().println(service + "  " + ref));
                out().println("Adaptive Startup " + v.index().version() + " is in " + registry + ": install it with `adaptivectl"
                        + " kubernetes install --registry " + registry + " ...`.");
                return ExitCodes.OK;
            } catch (BundleProblem e) {
                err().println("error: " + e.getMessage());
                return ExitCodes.NOT_OK;
            }
        }
    }
}
