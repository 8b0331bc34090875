package com.adaptivestartup.console.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Helm 3 binary, run as a customer's platform team runs it: {@code helm template} to see what would be applied,
 * {@code helm upgrade --install} and {@code helm rollback} against the cluster KUBECONFIG names. Its errors come back
 * as sentences with what Helm said.
 */
public final class Helm {
    private final String binary;

    public Helm(String binary) {
        this.binary = binary;
    }

    /** The binary named by {@code HELM}, else {@code helm} on the PATH. */
    public static Helm fromEnvironment(java.util.Map<String, String> env) {
        String named = env.get("HELM");
        return new Helm(named == null || named.isBlank() ? "helm" : named);
    }

    /** Every object the chart makes with these values, as YAML documents. */
    public String template(Path chart, String name, String namespace, List<Path> values) {
        List<String> args = new ArrayList<>(List.of("template", name, chart.toString(), "--namespace", namespace));
        values.forEach(v -> args.addAll(List.of("--values", v.toString())));
        return run(args, Duration.ofMinutes(2));
    }

    /** Installs or upgrades the release and waits until its pods are ready (the migration hook first). */
    public String upgradeInstall(Path chart, String name, String namespace, List<Path> values, Duration wait) {
        List<String> args = new ArrayList<>(List.of("upgrade", "--install", name, chart.toString(), "--namespace", namespace,
                "--create-namespace", "--wait", "--timeout", wait.toSeconds() + "s"));
        values.forEach(v -> args.addAll(List.of("--values", v.toString())));
        return run(args, wait.plusMinutes(1));
    }

    /** Helm's lint of the chart with these values (the schema, the templates). */
    public String lint(Path chart, List<Path> values) {
        List<String> args = new ArrayList<>(List.of("lint", chart.toString(), "--strict"));
        values.forEach(v -> args.addAll(List.of("--values", v.toString())));
        return run(args, Duration.ofMinutes(2));
    }

    private String run(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run Helm ('" + binary + "'): install Helm 3 or name it with HELM="
                    + "/path/to/helm (" + e.getMessage() + ")");
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("helm " + args.getFirst() + " did not finish within " + timeout.toSeconds() + " s");
            }
            String said = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalArgumentException("helm " + args.getFirst() + " refused: " + said.strip());
            }
            return said;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read what Helm said: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Helm ran", e);
        }
    }
}
