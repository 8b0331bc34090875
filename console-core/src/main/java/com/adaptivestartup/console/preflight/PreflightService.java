package com.adaptivestartup.console.preflight;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineInfo;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Checks before an install: the engine and its version, the platform the images are built for, the
 * memory and CPUs the engine has (on Docker Desktop, the VM's), free disk where the data will live, the
 * web port, and the license. Every check says what it found and, unless it passed, what to do.
 */
public final class PreflightService {
    static final long GB = 1024L * 1024 * 1024;
    private final Supplier<EngineLocator.Outcome> engine;
    private final LicenseService licenses;

    public PreflightService(Supplier<EngineLocator.Outcome> engine, LicenseService licenses) {
        this.engine = engine;
        this.licenses = licenses;
    }

    public record Request(String licenseText, Path installDir, int httpPort) {
    }

    public List<CheckResult> run(Request request) {
        List<CheckResult> results = new ArrayList<>();
        EngineLocator.Outcome outcome = engine.get();
        if (outcome instanceof EngineLocator.Outcome.Found found) {
            try (DockerEngine e = found.engine()) {
                engineChecks(e.info(), results);
                usableLicense(request.licenseText()).ifPresent(license -> results.add(registry(e, license)));
            }
        } else {
            EngineLocator.Outcome.NotFound notFound = (EngineLocator.Outcome.NotFound) outcome;
            results.add(CheckResult.fail("Docker engine", "not reachable", notFound.explanation() + (notFound.chosen() ? ""
                    : "\nStart Docker Desktop (or the Docker service), then press Retry.")));
        }
        results.add(disk(request.installDir()));
        results.add(folder(request.installDir()));
        results.add(port(request.httpPort()));
        results.add(license(request.licenseText()));
        return results;
    }

    public static boolean canInstall(List<CheckResult> results) {
        return results.stream().noneMatch(r -> r.level() == CheckResult.Level.FAIL);
    }

    static void engineChecks(EngineInfo info, List<CheckResult> results) {
        results.add(CheckResult.pass("Docker engine", "Docker " + info.serverVersion() + " (" + info.operatingSystem()
                + "), API " + info.apiVersion() + ", using " + info.pinnedApiVersion() + ", via " + info.source()));
        String arch = info.arch() == null ? "" : info.arch().toLowerCase(Locale.ROOT);
        results.add(arch.equals("amd64") || arch.equals("x86_64")
                ? CheckResult.pass("Platform", info.os() + "/" + arch)
                : CheckResult.fail("Platform", info.os() + "/" + arch, "the stack's images are built for linux/amd64;"
                + " on Apple silicon enable 'Use Rosetta for x86_64/amd64 emulation' in Docker Desktop -> Settings -> General"));
        double memGb = info.memoryBytes() / (double) GB;
        String memFound = String.format(Locale.ROOT, "Docker has %.1f GB of memory", memGb);
        results.add(memGb >= 3.5 ? CheckResult.pass("Memory", memFound)
                : memGb >= 1.8 ? CheckResult.warn("Memory", memFound, "4 GB is recommended: Docker Desktop -> Settings ->"
                + " Resources -> Memory")
                : CheckResult.fail("Memory", memFound, "the stack needs at least 2 GB, 4 recommended: Docker Desktop ->"
                + " Settings -> Resources -> Memory"));
        results.add(info.cpus() >= 2 ? CheckResult.pass("CPUs", "Docker has " + info.cpus() + " CPUs")
                : CheckResult.warn("CPUs", "Docker has " + info.cpus() + " CPU", "2 or more are recommended: Docker Desktop"
                + " -> Settings -> Resources -> CPUs"));
    }

    static CheckResult disk(Path dir) {
        Path probe = dir.toAbsolutePath();
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        try {
            long free = probe == null ? 0 : Files.getFileStore(probe).getUsableSpace();
            String found = String.format(Locale.ROOT, "%.1f GB free at %s", free / (double) GB, probe);
            return free >= 10 * GB ? CheckResult.pass("Disk space", found)
                    : free >= 3 * GB ? CheckResult.warn("Disk space", found, "10 GB is recommended for images, data and backups")
                    : CheckResult.fail("Disk space", found, "free at least 3 GB, or choose another install folder");
        } catch (IOException e) {
            return CheckResult.fail("Disk space", "cannot be read at " + dir, "choose an install folder on a local disk");
        }
    }

    /**
     * The install folder can be written: the folder itself when it exists, else the nearest folder above it
     * (where it will be made). Tried by writing a file and removing it: permissions are not the only reason a
     * folder refuses (a read-only disk, a mount).
     */
    public static CheckResult folder(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        Path probe = target;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        if (probe == null || !Files.isDirectory(probe)) {
            return CheckResult.fail("Install folder", target + " is not a folder that can be made", "choose a folder on a"
                    + " local disk");
        }
        try {
            Path written = Files.createTempFile(probe, ".adaptive-write-check-", ".tmp");
            Files.delete(written);
            return CheckResult.pass("Install folder", (probe.equals(target) ? target : "can be made in " + probe)
                    + (probe.equals(target) ? " can be written" : ""));
        } catch (IOException e) {
            return CheckResult.fail("Install folder", probe + " cannot be written (" + (e instanceof java.nio.file.AccessDeniedException
                    ? "no permission" : e.getMessage() != null && e.getMessage().contains("Read-only") ? "a read-only file system"
                    : e.getClass().getSimpleName()) + ")", "choose a folder you can write to, or change its permissions");
        }
    }

    static CheckResult port(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("0.0.0.0", port));
            return CheckResult.pass("Web port", "port " + port + " is free");
        } catch (IOException e) {
            return CheckResult.fail("Web port", "port " + port + " is in use by another program",
                    "choose another web port, or stop the program using it");
        }
    }

    private java.util.Optional<com.adaptivestartup.licensing.license.License> usableLicense(String text) {
        if (text == null || text.isBlank()) {
            return java.util.Optional.empty();
        }
        LicenseVerdict verdict = licenses.verify(text);
        return verdict.usable() ? verdict.readLicense() : java.util.Optional.empty();
    }

    /** The license's registry, asked by the engine (its network, its proxy) to accept the license's credentials. */
    static CheckResult registry(DockerEngine engine, com.adaptivestartup.licensing.license.License license) {
        var access = license.registry();
        return switch (engine.checkLogin(new com.adaptivestartup.console.docker.RegistryAuth(access.url(), access.username(),
                access.password()))) {
            case DockerEngine.LoginCheck.Accepted a -> CheckResult.pass("Registry", access.url()
                    + " accepts the license's credentials");
            case DockerEngine.LoginCheck.Refused r -> CheckResult.fail("Registry", access.url() + " refused the license's"
                    + " credentials (" + r.reason() + ")", "ask your vendor contact for a current license (the pull account"
                    + " may have been reset)");
            case DockerEngine.LoginCheck.Unreachable u -> CheckResult.warn("Registry", access.url() + " cannot be reached"
                    + " from the Docker engine (" + u.reason() + ")", "the install downloads from it: check the network and"
                    + " the engine's proxy settings, or install from an offline bundle");
        };
    }

    CheckResult license(String text) {
        if (text == null || text.isBlank()) {
            return CheckResult.warn("License", "no license given", "paste the license key you received");
        }
        LicenseVerdict verdict = licenses.verify(text);
        return verdict.usable() ? (verdict instanceof LicenseVerdict.Valid v && !v.expiresSoon()
                ? CheckResult.pass("License", verdict.message())
                : CheckResult.warn("License", verdict.message(), "renew the license"))
                : CheckResult.fail("License", verdict.message(), "ask your vendor contact for a valid license key");
    }
}
