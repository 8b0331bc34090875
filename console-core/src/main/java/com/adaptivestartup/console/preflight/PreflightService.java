package com.adaptivestartup.console.preflight;

import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.EngineInfo;
import com.adaptivestartup.console.docker.EngineLocator;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.outbound.BrainClient;
import com.adaptivestartup.console.outbound.OutboundHttp;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
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
    private final OutboundHttp outbound;
    private final String brain;

    /** Without the network checks (no Brain, no proxies): for tests and tools. */
    public PreflightService(Supplier<EngineLocator.Outcome> engine, LicenseService licenses) {
        this(engine, licenses, OutboundHttp.direct(), null);
    }

    /** {@code outbound}: how the console goes out; {@code brain}: the vendor's Brain (null: none set). */
    public PreflightService(Supplier<EngineLocator.Outcome> engine, LicenseService licenses, OutboundHttp outbound,
                            String brain) {
        this.engine = engine;
        this.licenses = licenses;
        this.outbound = outbound;
        this.brain = brain;
    }

    /** {@code httpsPort}: the HTTPS port of an install with an address (0: none). */
    public record Request(String licenseText, Path installDir, int httpPort, int httpsPort) {
        public Request(String licenseText, Path installDir, int httpPort) {
            this(licenseText, installDir, httpPort, 0);
        }
    }

    public List<CheckResult> run(Request request) {
        List<CheckResult> results = new ArrayList<>();
        EngineLocator.Outcome outcome = engine.get();
        String remoteHost = null;
        if (outcome instanceof EngineLocator.Outcome.Found found) {
            try (DockerEngine e = found.engine()) {
                remoteHost = e.info().sharesDisk() ? null : e.info().host();
                engineChecks(e.info(), results);
                engineProxy(e.info(), outbound).ifPresent(results::add);
                usableLicense(request.licenseText()).ifPresent(license -> results.add(registry(e, license)));
            }
        } else {
            EngineLocator.Outcome.NotFound notFound = (EngineLocator.Outcome.NotFound) outcome;
            results.add(CheckResult.fail("Docker engine", "not reachable", notFound.explanation() + (notFound.chosen() ? ""
                    : "\nStart Docker Desktop (or the Docker service), then press Retry.")));
        }
        results.add(disk(request.installDir()));
        results.add(folder(request.installDir()));
        // On another machine's engine the port is that machine's: its engine says when it is taken as the stack starts.
        results.add(remoteHost == null ? port(request.httpPort()) : CheckResult.pass("Web port", "port " + request.httpPort()
                + " on " + remoteHost + " (that machine's engine says so if it is taken when the stack starts)"));
        if (request.httpsPort() > 0) {
            results.add(remoteHost == null ? port(request.httpsPort(), "HTTPS port") : CheckResult.pass("HTTPS port", "port "
                    + request.httpsPort() + " on " + remoteHost + " (that machine's engine says so if it is taken)"));
        }
        results.add(license(request.licenseText()));
        usableLicense(request.licenseText()).ifPresent(license -> brainCheck(license.updateChannel()).ifPresent(results::add));
        return results;
    }

    /**
     * Whether the engine pulls through a proxy when the console goes out through one: a company network that needs a
     * proxy needs it for the engine's pulls too, and the engine keeps its own settings. Nothing to say when neither
     * uses one.
     */
    public static java.util.Optional<CheckResult> engineProxy(EngineInfo info, OutboundHttp outbound) {
        var s = outbound.settings();
        boolean consoleProxy = s.httpsProxy().isPresent() || s.httpProxy().isPresent();
        if (info.usesProxy()) {
            return java.util.Optional.of(CheckResult.pass("Engine proxy", "the engine pulls through "
                    + (info.httpsProxy() == null || info.httpsProxy().isBlank() ? info.httpProxy() : info.httpsProxy())
                    + (info.noProxy() == null || info.noProxy().isBlank() ? "" : " (not for " + info.noProxy() + ")")));
        }
        if (!consoleProxy) {
            return java.util.Optional.empty();
        }
        URI proxy = s.httpsProxy().or(s::httpProxy).orElseThrow();
        return java.util.Optional.of(CheckResult.warn("Engine proxy", "this console goes out through the proxy "
                + proxy.getHost() + (proxy.getPort() > 0 ? ":" + proxy.getPort() : "") + " (" + s.from() + "), but the"
                + " Docker engine has no proxy settings", "image pulls go through the engine: give it the same proxy"
                + " (Docker Desktop: Settings -> Resources -> Proxies; Linux: HTTPS_PROXY in a systemd drop-in for"
                + " docker.service, then restart it), or install from an offline bundle"));
    }

    /** The vendor's Brain (updates, notices), reached as the console reaches it: a warning, since installs do not need it. */
    public java.util.Optional<CheckResult> brainCheck(String channel) {
        if (brain == null || !(brain.startsWith("http://") || brain.startsWith("https://"))) {
            return java.util.Optional.empty();
        }
        try {
            new BrainClient(outbound).fetchChannel(brain, channel);
            return java.util.Optional.of(CheckResult.pass("Update service", brain + " answers ("
                    + outbound.route(brain) + ")"));
        } catch (BrainClient.BrainUnavailable e) {
            return java.util.Optional.of(CheckResult.warn("Update service", e.getMessage(), "updates and the vendor's"
                    + " notices come from there (installs do not need it): check the network and the proxy settings"
                    + " (`adaptivectl network show`)"));
        }
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
        return port(port, "Web port");
    }

    /** Whether a port is free on this computer (nothing listens on it on any interface). */
    public static boolean isFree(int port) {
        return port(port, "port").level() == CheckResult.Level.PASS;
    }

    static CheckResult port(int port, String name) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("0.0.0.0", port));
            return CheckResult.pass(name, "port " + port + " is free");
        } catch (IOException e) {
            return CheckResult.fail(name, "port " + port + " is in use by another program",
                    "choose another " + name.toLowerCase(Locale.ROOT) + ", or stop the program using it");
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
