package com.adaptivestartup.console.cli;

import com.adaptivestartup.console.kubernetes.KubernetesService;
import com.adaptivestartup.licensing.license.LicenseInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adaptivectl kubernetes render|install}: the Kubernetes edition from a release's chart, with the console's
 * license check: the chart's signed release verified, the images and pull secret from the license.
 */
@Command(name = "kubernetes", mixinStandardHelpOptions = true, description = "The Kubernetes edition: a release's Helm"
        + " chart (from your vendor) checked against your license, rendered or installed with Helm 3.",
        subcommands = {KubernetesCommand.Render.class, KubernetesCommand.Install.class})
final class KubernetesCommand {

    abstract static class Base implements Callable<Integer> {
        final CliContext context;
        @Spec
        CommandSpec spec;
        @Option(names = "--chart", required = true, description = "The chart, adaptive-startup-<version>.tgz.")
        Path chart;
        @Option(names = "--license", required = true, description = "The license key, a .lic file, or - for standard input.")
        String license;
        @Option(names = {"-f", "--values"}, description = "Your values file (the address, external databases...); repeat"
                + " for several. The images and the registry's credentials always come from the release and the license.")
        List<Path> values = List.of();
        @Option(names = "--name", defaultValue = "adaptive", description = "The Helm release's name (default ${DEFAULT-VALUE}).")
        String name;
        @Option(names = {"-n", "--namespace"}, defaultValue = "adaptive", description = "The namespace (default ${DEFAULT-VALUE}).")
        String namespace;
        @Option(names = "--registry", description = "Your own registry (an air-gapped cluster: the images pushed there with"
                + " `adaptivectl bundle push`), instead of the license's; each image is checked there against the release.")
        String registry;
        @Option(names = "--registry-username", description = "The account that reads your registry (and the cluster pulls"
                + " with). Without: none, or your own pull secret named in a values file (imagePullSecret.name).")
        String registryUsername;
        @Option(names = "--registry-password-file", description = "A file holding that account's password.")
        Path registryPasswordFile;
        @Option(names = "--work-dir", description = "Where the license's values file is written (owner-only; default:"
                + " a folder beside the chart).")
        Path workDir;

        Base(CliContext context) {
            this.context = context;
        }

        KubernetesService.Request request() throws java.io.IOException {
            KubernetesService.OwnRegistry own = registry == null ? null : new KubernetesService.OwnRegistry(registry,
                    registryUsername, registryPasswordFile == null ? null
                    : Files.readString(registryPasswordFile, StandardCharsets.UTF_8).strip());
            return new KubernetesService.Request(chart, LicenseInput.read(license, context.stdin()), name, namespace, values, own);
        }

        Path workDir() {
            Path parent = chart.toAbsolutePath().getParent();
            return workDir != null ? workDir : parent.resolve(name + "-values");
        }

        int fail(RuntimeException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.NOT_OK;
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true, description = "Every object the chart makes, as YAML"
            + " (nothing is applied): for review, or for GitOps.")
    static final class Render extends Base {
        @Option(names = "--out", description = "Write the objects to this file instead of the standard output.")
        Path out;

        Render(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            try {
                String objects = context.core(spec.commandLine().getErr()).kubernetes().render(request(), workDir());
                if (out != null) {
                    Files.writeString(out, objects, StandardCharsets.UTF_8);
                    spec.commandLine().getErr().println("wrote " + out);
                } else {
                    spec.commandLine().getOut().print(objects);
                }
                return ExitCodes.OK;
            } catch (RuntimeException e) {
                return fail(e);
            }
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true, description = "Install or upgrade the release in the cluster"
            + " KUBECONFIG names (helm upgrade --install), waiting until its pods are ready. Roll back with helm rollback.")
    static final class Install extends Base {
        @Option(names = "--wait-minutes", defaultValue = "10", description = "How long to wait for the pods (default ${DEFAULT-VALUE}).")
        int waitMinutes;

        Install(CliContext context) {
            super(context);
        }

        public Integer call() throws Exception {
            try {
                spec.commandLine().getOut().print(context.core(spec.commandLine().getErr()).kubernetes()
                        .install(request(), workDir(), Duration.ofMinutes(waitMinutes)));
                return ExitCodes.OK;
            } catch (RuntimeException e) {
                return fail(e);
            }
        }
    }
}
